/**
 * Normalisation for comparison only. The text a reader sees is never changed.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  shy: '',
  zwj: '',
  zwnj: '',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;

/** Decodes HTML entities that a client left in the text as `&amp;`, `&#8217;` and the like. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
      ? String.fromCodePoint(code)
      : whole;
  });
}

const NON_ASCII = /[^\x20-\x7e]/;
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;
const SINGLE_QUOTES = /[‘’‚‛′‵`´]/g;
const DOUBLE_QUOTES = /[“”„‟″‶«»]/g;
const DASHES = /[‐‑‒–—―−⁃]/g;
const EMPHASIS = /[*_~]+/g;
const HASHTAG_SIGN = /#(?=[\p{L}\p{N}])/gu;
const SPACES = /\s+/g;
const TRAILING_ELLIPSES = /(?:\s*(?:\.{3,}|\[\s*\.{3}\s*\]|\(\s*\.{3}\s*\)))+$/;

/**
 * Characters that need more than lower-casing: anything outside printable ASCII, entities,
 * hashtags and emphasis marks. Most lines of most posts have none, and skip the slow path.
 */
const NEEDS_FOLDING = /[^ !"$%'()+,\-./0-9:;<=>?@A-Z[\\\]^`a-z{|}]| {2}/;

/** Folds the styles that copies of one text differ in: width, case, quotes, dashes. */
function foldStyles(text: string): string {
  let folded = decodeEntities(text);
  if (NON_ASCII.test(folded)) {
    folded = folded
      .normalize('NFKC')
      .replace(INVISIBLE, '')
      .replace(SINGLE_QUOTES, "'")
      .replace(DOUBLE_QUOTES, '"')
      .replace(DASHES, '-');
  }
  return folded.toLowerCase();
}

/**
 * The comparison key of a text before trailing ellipses are removed: NFKC, lower case,
 * quotes and dashes in one style, no zero-width characters, no `#` before hashtag words,
 * no Markdown emphasis marks, single spaces.
 */
export function comparisonText(text: string): string {
  if (!NEEDS_FOLDING.test(text)) {
    const lower = text.toLowerCase();
    return lower.charCodeAt(0) === 32 || lower.charCodeAt(lower.length - 1) === 32
      ? lower.trim()
      : lower;
  }
  let folded = foldStyles(text);
  if (folded.includes('#')) folded = folded.replace(HASHTAG_SIGN, '');
  if (folded.includes('*') || folded.includes('_') || folded.includes('~')) {
    folded = folded.replace(EMPHASIS, '');
  }
  return folded.replace(SPACES, ' ').trim();
}

/** The full comparison key of a text: `comparisonText` without trailing ellipses. */
export function normalise(text: string): string {
  return comparisonText(text).replace(TRAILING_ELLIPSES, '');
}

/** Ends that mark a shortened lead, matched on the comparison text. */
const TRUNCATION_MARKS = [
  TRAILING_ELLIPSES,
  /\s*the post .{1,400}? appeared first on .{1,200}$/,
  /\s*[([]?(?:read|see|show|view) (?:the )?(?:more|full (?:story|article|post|text))[)\]]?(?:\s*[:>»›→-]+)?\s*$/,
  /\s*[([]?(?:continue|keep) reading(?: on [^ ]+)?[)\]]?(?:\s*[:>»›→-]+)?\s*$/,
  /\s*[([](?:more|continued|cont'd)[)\]]\s*$/,
];

/** A comparison text without the marks that end a shortened lead, and whether it had any. */
export function stripTruncation(key: string): { stem: string; truncated: boolean } {
  let stem = key;
  let truncated = false;
  for (let changed = true; changed; ) {
    changed = false;
    if (!mayEndInMark(stem)) break;
    for (const mark of TRUNCATION_MARKS) {
      const stripped = stem.replace(mark, '');
      if (stripped !== stem) {
        stem = stripped;
        truncated = true;
        changed = true;
      }
    }
  }
  return { stem, truncated };
}

/** Words and signs a mark can end with (see TRUNCATION_MARKS). */
const MARK_END = /(?:more|reading|story|article|post|text|[:>»›→-])$/;

/** A cheap test that rules out the marks for most texts before any pattern runs. */
function mayEndInMark(key: string): boolean {
  const last = key.charCodeAt(key.length - 1);
  if (last === 41 /* ) */ || last === 93 /* ] */) return true;
  // "… appeared first on <site>" and "continue reading on <site>" end with any character.
  if (key.includes(' appeared first on ', key.length - 230) || key.includes(' reading on ')) {
    return true;
  }
  if (last === 46 /* . */) return key.charCodeAt(key.length - 2) === 46;
  return MARK_END.test(key);
}

const WORD_TOKEN = /#?[\p{L}\p{N}]+/gu;

/** Words of a text for near matching; `tags` holds the words written as hashtags. */
export interface WordSets {
  readonly plain: ReadonlySet<string>;
  readonly all: ReadonlySet<string>;
}

export function wordSets(text: string): WordSets {
  const plain = new Set<string>();
  const all = new Set<string>();
  for (const [token] of foldStyles(text).replace(EMPHASIS, '').matchAll(WORD_TOKEN)) {
    if (token.startsWith('#')) {
      all.add(token.slice(1));
    } else {
      plain.add(token);
      all.add(token);
    }
  }
  return { plain, all };
}

/**
 * How far two texts hold the same words, 0–1: the share of each one's plain words found in
 * the other. Hashtags count where they match a word and cost nothing where they were added.
 */
export function similarity(a: WordSets, b: WordSets): number {
  const total = a.plain.size + b.plain.size;
  if (total === 0) return 0;
  let shared = 0;
  for (const word of a.plain) if (b.all.has(word)) shared++;
  for (const word of b.plain) if (a.all.has(word)) shared++;
  return shared / total;
}
