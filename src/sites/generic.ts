import { defineSite } from './site';

/**
 * The fallback for sites a user enables: each `article` is a post and its own body.
 * It claims no host and detects nothing; it only runs where the user turned it on.
 */
export const generic = defineSite({
  id: 'generic',
  name: 'Any site (article elements)',
  matches: [],
  post: 'article, [role="article"]',
  body: ':scope',
  // Nested articles (comments, embeds) are their own posts; page chrome is not text.
  exclude:
    'article article, [role="article"] [role="article"], article [role="article"], [role="article"] article, nav, aside, footer, form',
  examples: [],
});
