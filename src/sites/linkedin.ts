import { defineSite } from './site';

/** LinkedIn (Ember): `<span><br></span>` line breaks between `<!---->` comments. Third-party selectors. */
export const linkedin = defineSite({
  id: 'linkedin',
  name: 'LinkedIn',
  matches: ['https://www.linkedin.com/*'],
  post: '[data-urn*="urn:li:activity"], [data-id^="urn:li:activity"]',
  body: '.update-components-text',
  exclude: '.feed-shared-inline-show-more-text__see-more-less-toggle',
  examples: [
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/posts/someone_activity-1234-abcd',
  ],
});
