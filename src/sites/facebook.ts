import { defineSite } from './site';

/** Facebook: one `<div dir=auto>` per line, emoji as `<img alt>`. Selectors from third-party code. */
export const facebook = defineSite({
  id: 'facebook',
  name: 'Facebook',
  matches: ['https://*.facebook.com/*'],
  post: '[role="article"]',
  // Comments are nested articles without a story message, so they have no body here. The
  // newer story_message wraps the older message element when both exist: take the inner one,
  // so that no body selector matches inside another body.
  body: '[data-ad-preview="message"], [data-ad-comet-preview="message"], [data-ad-rendering-role="story_message"]:not(:has([data-ad-preview="message"], [data-ad-comet-preview="message"]))',
  // "See more" is a role=button inside the message.
  exclude: '[role="button"]',
  examples: [
    'https://www.facebook.com/',
    'https://m.facebook.com/story.php?story_fbid=1',
    'https://web.facebook.com/groups/123/',
  ],
});
