import { defineSite } from './site';

/** X (Twitter): React Native Web; the text keeps its own newlines under pre-wrap. */
export const x = defineSite({
  id: 'x',
  name: 'X',
  matches: [
    'https://x.com/*',
    'https://mobile.x.com/*',
    'https://twitter.com/*',
    'https://mobile.twitter.com/*',
  ],
  post: 'article[data-testid="tweet"]',
  // A quoted post sits after the text inside the same article, so the first text is the post's own.
  body: '[data-testid="tweetText"]',
  preformatted: true,
  examples: [
    'https://x.com/home',
    'https://x.com/nasa/status/1234567890123456789',
    'https://twitter.com/nasa',
    'https://mobile.twitter.com/nasa/status/1234567890123456789',
    'https://mobile.x.com/nasa',
  ],
});
