/**
 * Anchors: hashes of the first and last ANCHOR_CHARS characters of a unit's comparison text
 * (`comparisonText`). Two units can only be copies of each other when they share an anchor,
 * so a unit whose anchors no other unit shares is never normalised in full.
 *
 * Most lines are plain ASCII prose, whose comparison text at the anchor is just the raw text
 * in lower case. Those anchors are hashed straight from the raw characters, without building
 * a string. A line with anything normalisation changes near an end (non-ASCII, entities,
 * hashtags, emphasis, repeated spaces) cannot be decided that way: its anchors are hashed
 * from the normalised text instead.
 */
import * as fnv from './hash';
import * as measure from './measure';
import { comparisonText } from './normalise';

// Bound once: under a module loader that exposes imports as getters, a getter read per
// character would cost more than the hashing itself.
const FNV_OFFSET = fnv.FNV_OFFSET;
const fnvCode = fnv.fnvCode;
const fnvText = fnv.fnvText;
const weightOf = measure.weightOf;

/** Comparison characters covered by each anchor. */
export const ANCHOR_CHARS = 24;

/** Raw characters normalised to find an anchor the slow way: enough for what normalisation removes. */
const SOURCE_CHARS = 48;

/** Returned by the cheap anchors when normalisation could change the characters at the anchor. */
const UNDECIDED = -1;

/** Hashes stay small integers, the cheapest keys for a Map. */
const HASH_MASK = 0x3fffffff;

/**
 * Printable ASCII that normalisation leaves alone apart from case: not `#` (hashtags), `&`
 * (entities), `*`, `_`, `~` (emphasis) or a backtick (a quote in some texts). Spaces are safe
 * one at a time.
 */
const PLAIN = new Uint8Array(128);
for (let code = 32; code < 127; code++) PLAIN[code] = 1;
for (const char of '#&*_~`') PLAIN[char.charCodeAt(0)] = 0;

export interface Anchors {
  readonly head: number;
  readonly tail: number;
  /** The unit's whole comparison text, when finding the anchors took it. */
  readonly comparison: string | undefined;
}

export function anchorsOf(text: string): Anchors {
  let head = cheapHead(text);
  let tail = cheapTail(text);
  if (head !== UNDECIDED && tail !== UNDECIDED) return { head, tail, comparison: undefined };
  if (text.length > 2 * SOURCE_CHARS) {
    // Normalisation works character by character, so a cut in the raw text only disturbs
    // the far end of the slice, at least 12 characters away from the anchor.
    if (head === UNDECIDED) {
      const start = comparisonText(text.slice(0, SOURCE_CHARS));
      if (start.length >= ANCHOR_CHARS + 12) head = headOf(start);
    }
    if (tail === UNDECIDED) {
      const end = comparisonText(text.slice(-SOURCE_CHARS));
      if (end.length >= ANCHOR_CHARS + 12) tail = tailOf(end);
    }
    if (head !== UNDECIDED && tail !== UNDECIDED) return { head, tail, comparison: undefined };
  }
  const comparison = comparisonText(text);
  return { head: headOf(comparison), tail: tailOf(comparison), comparison };
}

/** The anchors of a text compared as it is (a URL): hashes of its own first and last characters. */
export function literalAnchors(key: string): Anchors {
  return { head: headOf(key), tail: tailOf(key), comparison: key };
}

/**
 * An anchor covers ANCHOR_CHARS characters weighted by script (see measure.ts): the same
 * characters in Latin text, fewer in Han, kana or Hangul, so a short Japanese title shares
 * its head with the paragraph it opens.
 */
function headOf(comparison: string): number {
  let end = 0;
  for (let weight = 0; end < comparison.length && weight < ANCHOR_CHARS; end++) {
    weight += weightOf(comparison.charCodeAt(end));
  }
  return hashRange(comparison, 0, end);
}

function tailOf(comparison: string): number {
  let start = comparison.length;
  for (let weight = 0; start > 0 && weight < ANCHOR_CHARS; start--) {
    weight += weightOf(comparison.charCodeAt(start - 1));
  }
  return hashRange(comparison, start, comparison.length);
}

function hashRange(text: string, from: number, to: number): number {
  return fnvText(FNV_OFFSET, text, from, to) & HASH_MASK;
}

/**
 * The head hashed from the raw text, or UNDECIDED. The text is trimmed. The character after
 * the anchor must be ASCII too: a combining mark there would join the anchor's last letter.
 */
function cheapHead(text: string): number {
  const end = Math.min(text.length, ANCHOR_CHARS);
  const hash = cheapHash(text, 0, end, false);
  if (hash !== UNDECIDED && end < text.length && text.charCodeAt(end) >= 128) return UNDECIDED;
  return hash;
}

/**
 * The tail hashed from the raw text, or UNDECIDED. Whatever normalisation does before the
 * anchor leaves its last characters alone, unless an entity ends inside it: so no `;` either.
 */
function cheapTail(text: string): number {
  return cheapHash(text, Math.max(0, text.length - ANCHOR_CHARS), text.length, true);
}

function cheapHash(text: string, from: number, to: number, tail: boolean): number {
  let hash = FNV_OFFSET;
  let previous = 0;
  for (let index = from; index < to; index++) {
    let code = text.charCodeAt(index);
    if (code >= 128 || PLAIN[code] === 0) return UNDECIDED;
    if (code === 32 && previous === 32) return UNDECIDED;
    if (tail && code === 59 /* ; */) return UNDECIDED;
    previous = code;
    if (code >= 65 && code <= 90) code += 32;
    hash = fnvCode(hash, code);
  }
  return hash & HASH_MASK;
}
