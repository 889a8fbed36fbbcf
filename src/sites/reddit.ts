import { defineSite } from './site';

/**
 * Reddit: the "shreddit" web components and old Reddit's server-rendered pages. One adapter holds
 * both sets of selectors, because old Reddit is also served on www for users who prefer it.
 */
export const reddit = defineSite({
  id: 'reddit',
  name: 'Reddit',
  matches: ['https://*.reddit.com/*'],
  // shreddit posts and comments; old Reddit "things" (links and comments).
  post: 'shreddit-post, shreddit-comment, .thing.link, .thing.comment',
  body: '[slot="text-body"], [slot="comment"], .entry .usertext-body > .md',
  examples: [
    'https://www.reddit.com/r/AskHistorians/comments/abc123/why_did/',
    'https://old.reddit.com/r/AskHistorians/',
    'https://new.reddit.com/r/Gardening/',
    'https://sh.reddit.com/r/Gardening/comments/abc123/tomatoes/',
  ],
});
