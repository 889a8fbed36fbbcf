import { defineSite } from './site';

/** Bluesky (React Native Web): the post text is one pre-wrap element, split only at links and tags. */
export const bluesky = defineSite({
  id: 'bluesky',
  name: 'Bluesky',
  matches: ['https://bsky.app/*'],
  post: '[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]',
  // Link cards and quoted posts are embeds in a sibling view, outside the text.
  body: '[data-testid="postText"]',
  preformatted: true,
  examples: ['https://bsky.app/', 'https://bsky.app/profile/bsky.app/post/3kabcdefghi2x'],
});
