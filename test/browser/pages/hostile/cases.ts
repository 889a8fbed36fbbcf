/**
 * Hostile pages on a Mastodon URL: links that must never become a badge, huge and deep posts,
 * awkward Unicode, a page that overrides DOM prototypes, re-renders, deletes our marks, or
 * storms the DOM with mutations. Texts are our own. Node-side tests import the expectations;
 * `build` only runs in the page.
 */
import type { FeedPost } from '../posts';

export interface ExpectedHostilePost {
  readonly state: 'clean' | 'collapsed';
  readonly hidden: readonly string[];
  readonly articleUrl: string | null;
}

/** A deterministic word soup: `count` distinct sentences, none a near copy of another. */
const WORDS =
  'amber basalt cedar delta ember fjord glacier harbor island juniper kelp lagoon meadow north orchard pine quarry river spruce tundra upland valley willow yarrow zephyr alder birch canyon dune estuary fern grove heath inlet jetty knoll ledge marsh nook oasis prairie reef shoal tide vale wharf beacon cliff creek field forest gully hill lake moor peak pond ridge shore spring stream summit swamp thicket trail'.split(
    ' ',
  );

function sentence(seed: number, words: number): string {
  let state = (seed * 2654435761) >>> 0 || 1;
  const out: string[] = [`Entry ${seed}`];
  for (let i = 0; i < words; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out.push(WORDS[state % WORDS.length] as string);
  }
  return `${out.join(' ')}.`;
}

/** Our long repeated paragraphs: each a substantial repeat on its own. */
export const REPEATED = [
  'The lighthouse keepers of the northern cape kept a logbook for ninety years, noting every storm, every wreck and every ship that passed the headland at night.',
  'When the light was automated, the logbooks went to the county archive, where volunteers are now typing them up so that anyone can search the old entries online.',
  'The archive hopes to finish the work by next summer and asks former keepers and their families to lend photographs that show daily life at the station.',
];

const LEAD = 'Archive news from the northern cape, shared by the county history group';
const LINK_TEXT = 'the full story';

function post(id: string, paragraphs: readonly string[]): FeedPost {
  return {
    id,
    author: 'Hostile Page',
    handle: '@hostile',
    paragraphs,
    hidden: [],
    articleUrl: null,
  };
}

/** Hrefs, as written in HTML source, that must never become an article badge. */
export const HOSTILE_HREFS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' \tjavascript:alert(1)',
  'java&#x09;script:alert(1)',
  'java&#10;script:alert(1)',
  '&#106;avascript:alert(1)',
  'javascript&colon;alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  '//evil.example/article',
  '\\\\evil.example/article',
  '/\\evil.example/article',
  'https://user:secret@creds.example/article',
  'https://user@creds.example/article',
  'file:///etc/passwd',
];

/** IDN article hosts and how the badge must show them. */
export const IDN_LINKS = [
  { href: 'https://bücher.example/neu/archiv', shown: 'https://xn--bcher-kva.example/neu/archiv' },
  { href: 'https://аrchive.example/cape', shown: 'https://xn--rchive-2nf.example/cape' },
];

const escapeHtml = (text: string) =>
  text
    .replace(/&(?!#|colon;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;');

export interface HostileCase {
  readonly name: string;
  /** Expected state of every post body, in document order. */
  readonly posts: readonly ExpectedHostilePost[];
  /** Whether the page takes our marks away (no bars, nothing hidden, all text shown). */
  readonly deletesMarks?: boolean;
  /** Whether the test calls `window.hostile.start()` and waits for it. */
  readonly starts?: boolean;
}

const collapsedRepeat = (articleUrl: string | null, link = true): ExpectedHostilePost => ({
  state: 'collapsed',
  hidden: [...REPEATED, ...(link ? [LINK_TEXT] : [])],
  articleUrl,
});
const clean: ExpectedHostilePost = { state: 'clean', hidden: [], articleUrl: null };

export const COPIES = 20_000;
export const DISTINCT_LINES = 10_000;
export const DEPTH = 5_000;
export const RENDERS = 40;
export const STORM_MS = 10_000;
export const STORM_PER_SECOND = 1_000;

const COPIED_LINE = REPEATED[0] as string;
const LONG_LINE = Array.from({ length: 2_400 }, (_, i) => sentence(i + 1, 18)).join(' ');
const HUGE_PARAGRAPHS = Array.from({ length: 6_000 }, (_, i) => sentence(i + 10_000, 24));

export const LONG_LINE_LENGTH = LONG_LINE.length;
export const HUGE_LENGTH = HUGE_PARAGRAPHS.join('').length;

const UNICODE_REPEAT =
  'Families of the keepers sent \u202Eseton dlo\u202C, photographs 👩‍👩‍👧‍👦 and a 🏳️‍🌈 flag from the station, together with letters written in the long winters of the nineteen fifties.';
const ZERO_WIDTH_FLOOD = `keepers${'\u200B'.repeat(10_000)}logbook`;
const CJK = '灯台守の日誌は九十年分あり、嵐や難破や夜に岬を通った船がすべて記録されている。';
const THAI = 'ผู้ดูแลประภาคารจดบันทึกทุกพายุและเรือทุกลำที่แล่นผ่านแหลมในเวลากลางคืน';
const LONE_SURROGATES = 'Broken \uD800 text \uDC00 from an old \uD83D export';

export const CASES: readonly HostileCase[] = [
  {
    name: 'links',
    posts: [
      ...HOSTILE_HREFS.map(() => collapsedRepeat(null)),
      ...IDN_LINKS.map((link) => collapsedRepeat(link.shown)),
    ],
  },
  { name: 'huge-post', posts: [{ state: 'collapsed', hidden: REPEATED, articleUrl: null }] },
  {
    name: 'copies',
    posts: [
      {
        state: 'collapsed',
        hidden: Array.from({ length: COPIES - 1 }, () => COPIED_LINE),
        articleUrl: null,
      },
    ],
  },
  { name: 'distinct-lines', posts: [clean] },
  {
    name: 'long-line-twice',
    posts: [
      { state: 'collapsed', hidden: [LONG_LINE], articleUrl: null },
      { state: 'collapsed', hidden: [LONG_LINE], articleUrl: null },
    ],
  },
  { name: 'deep-nesting', posts: [collapsedRepeat(null, false)] },
  {
    name: 'unicode',
    posts: [
      { state: 'collapsed', hidden: [UNICODE_REPEAT], articleUrl: null },
      clean,
      clean,
      clean,
    ],
  },
  { name: 'overrides', posts: [clean, collapsedRepeat(null, false), clean] },
  { name: 'rerender', posts: [clean, collapsedRepeat(null, false), clean], starts: true },
  { name: 'deleter', posts: [collapsedRepeat(null, false), clean], deletesMarks: true },
  { name: 'storm', posts: [clean, collapsedRepeat(null, false), clean], starts: true },
];

export function hostileCase(name: string): HostileCase {
  const found = CASES.find((item) => item.name === name);
  if (!found) throw new Error(`no hostile case ${name}`);
  return found;
}

/** Paragraph lists of the posts each case builds (HTML-source posts aside). */
export function repeatedParagraphs(withLink: string | null): string[] {
  return [
    LEAD,
    ...REPEATED,
    ...(withLink ? [withLink] : []),
    ...REPEATED,
    ...(withLink ? [withLink] : []),
  ];
}

export const POSTS = {
  clean: (id: string) =>
    post(id, ['A quiet note about the weather at the cape today.', `Note ${id}.`]),
  repeated: (id: string) => post(id, repeatedParagraphs(null)),
  huge: () => post('huge', [LEAD, ...REPEATED, ...HUGE_PARAGRAPHS, ...REPEATED]),
  copies: () =>
    post(
      'copies',
      Array.from({ length: COPIES }, () => COPIED_LINE),
    ),
  distinct: () =>
    post(
      'distinct',
      Array.from({ length: DISTINCT_LINES }, (_, i) => sentence(i + 50_000, 8)),
    ),
  longLines: () => post('long-a', [LONG_LINE, LONG_LINE]),
  longLineOnce: () => post('long-b', [`${LONG_LINE} ${LONG_LINE}`]),
  unicode: () => [
    post('u0', [UNICODE_REPEAT, LEAD, UNICODE_REPEAT]),
    post('u1', [ZERO_WIDTH_FLOOD, 'A flood of invisible characters above.']),
    post('u2', [CJK, THAI, CJK.slice(0, 12), THAI.slice(0, 10)]),
    post('u3', [LONE_SURROGATES, `${LONE_SURROGATES} again`]),
  ],
};

/** The HTML source of a post body's paragraphs whose link is `href` (entities decoded by the parser). */
export function linkPostHtml(href: string): string {
  const paragraphs = [LEAD, ...REPEATED].map((text) => `<p>${escapeHtml(text)}</p>`);
  const link = `<p><a href="${href.replace(/"/g, '&quot;')}" rel="nofollow noopener noreferrer" target="_blank">${LINK_TEXT}</a></p>`;
  return [...paragraphs, link, ...paragraphs.slice(1), link].join('');
}
