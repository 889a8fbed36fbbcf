import { defineSite } from './site';

/**
 * The Nostr web clients. Each has its own markup; none is self-hosted often enough to need
 * `detect`. Link previews and quoted notes are rendered inside the body by most of them; a
 * quoted note that the client renders as a note of its own is matched as a post of its own, so
 * the DOM layer reads it apart from the note around it.
 */

/**
 * njump: one static page per event. The hidden `<h1>` and the Event JSON repeat the note outside
 * the body. A highlight page's whole text is a blockquote of the body, so only quoted notes
 * (`blockquote.border-l-05rem`, "quoting …") and the highlight's attribution are skipped.
 */
export const njump = defineSite({
  id: 'njump',
  name: 'njump',
  matches: ['https://njump.me/*'],
  // `span[itemscope]` of the same type marks links to other events, inside and above the body.
  post: 'div[itemscope][itemtype="https://schema.org/Article"]',
  body: '[itemprop="articleBody"]',
  exclude: 'blockquote.border-l-05rem, blockquote > footer',
  examples: [
    'https://njump.me/note1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqquzy7cu',
    'https://njump.me/nevent1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq',
  ],
});

/** Primal: words as separate text nodes, `<br>` for newlines (at most two in a row). */
export const primal = defineSite({
  id: 'primal',
  name: 'Primal',
  matches: ['https://primal.net/*'],
  // Feed, thread and primary notes and embedded (quoted) notes all carry `data-event`.
  post: '[data-event]',
  // Class names are hashed by Vite; the id is stable.
  body: '[id^="note_"]',
  // Link-preview cards are links that hold blocks.
  exclude: 'a:has(> div)',
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
  // Feed, thread and quoted notes alike (a quote is a whole nested note).
  post: '[class~="min-h-[110px]"]',
  body: 'div[dir="auto"].whitespace-pre-wrap',
  preformatted: true,
  // Link-preview cards inside the body.
  exclude: '.bg-layer-1',
  examples: [
    'https://snort.social/',
    'https://snort.social/e/note1abcdef',
    'https://snort.social/p/npub1xyz',
  ],
});

/**
 * nostrudel: each text piece is a `<span>` with raw "\n" under pre-wrap. Timeline notes are
 * Chakra cards; a thread page's posts are plain flex boxes (emotion classes only) whose header
 * links the note (`/n/…`) and whose text box is a direct child.
 */
export const nostrudel = defineSite({
  id: 'nostrudel',
  name: 'noStrudel',
  matches: ['https://nostrudel.ninja/*'],
  post: '.chakra-card[data-event-id], div:has(> div > a[href^="/n/"]):has(> div[dir="auto"])',
  body: '.chakra-card__body > [dir="auto"], :scope > div[dir="auto"]',
  preformatted: true,
  // OpenGraph cards (nested Chakra cards) and quoted notes (a link box with a 96-character
  // excerpt) inside the body.
  exclude: '.chakra-card, .chakra-linkbox',
  examples: ['https://nostrudel.ninja/', 'https://nostrudel.ninja/n/note1abcdef'],
});

/** Iris: pre-wrap text in `div.px-4` groups, broken up by embeds and quoted notes. */
export const iris = defineSite({
  id: 'iris',
  name: 'Iris',
  matches: ['https://iris.to/*'],
  // Feed, thread and quoted notes (a nested feed item) alike.
  post: '[data-testid="feed-item"]',
  body: '.whitespace-pre-wrap.break-words',
  preformatted: true,
  // A quoted note's wrapper (with its own "Show More" over the clipped note), and the
  // "show more" link after truncated text.
  exclude: '.overflow-x-clip, a.text-info',
  examples: ['https://iris.to/', 'https://iris.to/note1abcdef'],
});

/**
 * Coracle: every newline is a `<br>`, hashtags are buttons. A quoted note is a card inside the
 * body holding the quoted note's own `.note-content`; replies nest inside their parent's `.note`.
 */
export const coracle = defineSite({
  id: 'coracle',
  name: 'Coracle',
  matches: ['https://coracle.social/*'],
  post: '.note, .note-content .rounded:has(.note-content)',
  body: '.note-content',
  examples: ['https://coracle.social/notes', 'https://coracle.social/nevent1abcdef'],
});

/**
 * Jumble: raw "\n" under pre-wrap. Feed notes, replies and quoted notes are clickable cards;
 * the note a thread page opens is a plain `div.select-text`. Links show a shortened URL and
 * keep the whole one only in a `title`.
 */
export const jumble = defineSite({
  id: 'jumble',
  name: 'Jumble',
  matches: ['https://jumble.social/*'],
  post: '[data-clickable-card], .relative.px-4 > div.select-text',
  body: 'div[dir="auto"].text-wrap',
  preformatted: true,
  // The link-preview card after the text (quoted notes are posts of their own).
  exclude: '[class~="@container"]',
  examples: ['https://jumble.social/', 'https://jumble.social/notes/nevent1abcdef'],
});
