import { defineSite } from './site';

/**
 * The Nostr web clients. Each has its own markup; none is self-hosted often enough to need
 * `detect`. Link previews and quoted notes are rendered inside the body by several of them.
 */

/** njump: one static note page. The hidden `<h1>` and the Event JSON repeat the note outside the body. */
export const njump = defineSite({
  id: 'njump',
  name: 'njump',
  matches: ['https://njump.me/*'],
  post: '[itemscope][itemtype="https://schema.org/Article"]',
  body: '[itemprop="articleBody"]',
  // Quoted notes are blockquotes ("quoting …") inside the body.
  exclude: 'blockquote',
  examples: ['https://njump.me/note1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqquzy7cu'],
});

/** Primal: words as separate text nodes, `<br>` for newlines (at most two in a row). */
export const primal = defineSite({
  id: 'primal',
  name: 'Primal',
  matches: ['https://primal.net/*'],
  post: '[data-event]',
  // Class names are hashed by Vite; the id is stable.
  body: '[id^="note_"]',
  // Quoted notes carry their own `data-event`; link-preview cards are links that hold blocks.
  exclude: '[data-event], a:has(> div)',
  examples: [
    'https://primal.net/home',
    'https://primal.net/e/note1abcdef',
    'https://primal.net/p/npub1xyz',
  ],
});

/** Snort: Tailwind utility classes only; the text is raw "\n" under pre-wrap. */
export const snort = defineSite({
  id: 'snort',
  name: 'Snort',
  matches: ['https://snort.social/*'],
  post: '[class~="min-h-[110px]"]',
  body: 'div[dir="auto"].whitespace-pre-wrap',
  preformatted: true,
  // Inside the body: link-preview cards and quoted notes (a whole nested note).
  exclude: '.bg-layer-1, [class~="min-h-[110px]"]',
  examples: [
    'https://snort.social/',
    'https://snort.social/e/note1abcdef',
    'https://snort.social/p/npub1xyz',
  ],
});

/** nostrudel: Chakra cards; each text piece is a `<span>` with raw "\n" under pre-wrap. */
export const nostrudel = defineSite({
  id: 'nostrudel',
  name: 'noStrudel',
  matches: ['https://nostrudel.ninja/*'],
  post: '.chakra-card[data-event-id]',
  body: '.chakra-card__body > [dir="auto"]',
  preformatted: true,
  // OpenGraph cards and quoted notes are nested Chakra cards inside the body.
  exclude: '.chakra-card',
  examples: ['https://nostrudel.ninja/', 'https://nostrudel.ninja/n/note1abcdef'],
});

/** Iris: pre-wrap text in `div.px-4` groups, broken up by embeds and quoted notes. */
export const iris = defineSite({
  id: 'iris',
  name: 'Iris',
  matches: ['https://iris.to/*'],
  post: '[data-testid="feed-item"]',
  body: '.whitespace-pre-wrap.break-words',
  preformatted: true,
  // Quoted notes are nested feed items; the "show more" link follows the truncated text.
  exclude: '[data-testid="feed-item"], a.text-info',
  examples: ['https://iris.to/', 'https://iris.to/note1abcdef'],
});

/** Coracle: every newline is a `<br>`, hashtags are buttons, quotes are nested cards. */
export const coracle = defineSite({
  id: 'coracle',
  name: 'Coracle',
  matches: ['https://coracle.social/*'],
  post: '.note',
  body: '.note-content',
  exclude: '.note',
  examples: ['https://coracle.social/notes', 'https://coracle.social/nevent1abcdef'],
});
