import { defineSite } from './site';

/** Elk, a Mastodon client: Vue renders each status card, with an empty `<p>` after each paragraph. */
export const elk = defineSite({
  id: 'elk',
  name: 'Elk',
  matches: ['https://elk.zone/*', 'https://main.elk.zone/*'],
  detect: (document) =>
    document.querySelector('[aria-roledescription="status-card"] .status-body') !== null,
  post: '[aria-roledescription="status-card"]',
  body: '.status-body',
  // The body is `white-space: pre-wrap`, so a stray "\n" from remote HTML is a visible break.
  preformatted: true,
  exclude: '.status-spoiler-button, [role="button"]',
  examples: [
    'https://elk.zone/home',
    'https://elk.zone/mastodon.social/public/local',
    'https://main.elk.zone/mastodon.social/@Gargron/112345678901234567',
  ],
});
