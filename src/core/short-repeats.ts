/**
 * Short repeats that are accidents, not writing. A repeat shorter than a paragraph is
 * normally kept (refrains, chants, list items, tag lines), but some shapes are plainly
 * unintended, and each has its own setting (see options.ts):
 * - `adjacentRepeats`: a sentence or headline said again right under itself, once or twice
 *   (a headline printed twice, a bot retrying, a double submit), among prose, not verse;
 * - `titleRepeats`: the post's first line (the title position), a headline, said again later, as a
 *   caption or an image's alt text, maybe with a photo credit glued on, in a post of prose.
 * Both need the line to be sentence-like: a sentence or headline of some length, not a list
 * item, a tag line, a quotation, an exclamation or a line that repeats its own words.
 */
import { EXACT, type Matches, NONE } from './matches';
import { countWords, weightedLength } from './measure';
import type { Settings } from './options';
import type { Post } from './post';
import type { UnitRun } from './runs';
import type { Unit } from './units';

/** A title said again this many units later at most is a caption of the same post, not a refrain. */
const TITLE_REACH = 3;
/** At most this many copies in a row: more is a refrain or a chant. */
const MAX_ADJACENT_COPIES = 2;
/** Share of a line's words that must be distinct: "let it be, let it be" is verse. */
const MIN_DISTINCT_WORDS = 0.7;

/** Bullets, numbers and letters that start a list item. */
const LIST_MARKER = /^(?:[-*•·‣◦▪–—+>]|\(?(?:\d{1,3}|[a-z])[.)\]])\s/i;
/** Lines people repeat on purpose to mark a change: "Update: …", "Edit: …". */
const ANNOUNCEMENT = /^(?:update|edit|correction|addendum|p\.?s\.?)\b/i;
const WORD = /[\p{L}\p{N}]+/gu;
const SENTENCE_STOP = /[.?;。？]$/;

/** Whether a single-unit exact run is a short repeat one of the rules hides. */
export function isAccidentalRepeat(
  post: Post,
  matches: Matches,
  run: UnitRun,
  settings: Settings,
): boolean {
  if (run.kind !== 'exact' || run.start !== run.end || run.copyStart !== run.copyEnd) return false;
  const source = run.copyStart;
  if ((post.units[run.start] as Unit).sentence || !isSentenceLike(post, source, settings)) {
    return false;
  }
  if (settings.adjacentRepeats && isAdjacentRepeat(post, matches, source, run.start)) return true;
  return settings.titleRepeats && source === 0 && isHeadline(post.key(0)) && titleLeadsProse(post);
}

/** A headline ends without a full stop; a first line that ends in one is a sentence of the text. */
function isHeadline(key: string): boolean {
  return !SENTENCE_STOP.test(key);
}

/** Copies in a row right after `source`, `copy` among them, with prose (not verse) around. */
function isAdjacentRepeat(post: Post, matches: Matches, source: number, copy: number): boolean {
  let last = source;
  while (
    last + 1 < post.units.length &&
    matches.kind[last + 1] === EXACT &&
    matches.copyStart[last + 1] === source
  ) {
    last++;
  }
  if (copy > last || last - source > MAX_ADJACENT_COPIES) return false;
  const before = neighbour(post, source, -1);
  const after = neighbour(post, last, 1);
  if (before === -1 && after === -1) return false;
  // Verse and chants repeat a line between other short lines; a stray copy sits among prose.
  return isProseOrEdge(post, before) && isProseOrEdge(post, after);
}

/** The nearest unit before (-1) or after (1) `index` that is not a URL line, or -1. */
function neighbour(post: Post, index: number, step: 1 | -1): number {
  for (let unit = index + step; unit >= 0 && unit < post.units.length; unit += step) {
    if (!(post.units[unit] as Unit).urlOnly) return unit;
  }
  return -1;
}

function isProseOrEdge(post: Post, unit: number): boolean {
  return unit === -1 || post.isParagraph(unit);
}

/** A paragraph of prose follows the title within TITLE_REACH units: the post is prose, not a poem. */
function titleLeadsProse(post: Post): boolean {
  for (let unit = 1; unit <= TITLE_REACH && unit < post.units.length; unit++) {
    if (post.isParagraph(unit)) return true;
  }
  return false;
}

function isSentenceLike(post: Post, index: number, settings: Settings): boolean {
  const unit = post.units[index] as Unit;
  if (unit.urlOnly || post.isQuotation(index)) return false;
  const key = post.key(index);
  if (weightedLength(key, settings.minShortRepeatChars) < settings.minShortRepeatChars) {
    return false;
  }
  const text = post.text(index);
  if (countWords(text, settings.minShortRepeatWords) < settings.minShortRepeatWords) return false;
  if (key.includes('!') || LIST_MARKER.test(text) || ANNOUNCEMENT.test(key)) return false;
  // A photo credit alone ("Photo: Ann Lee for the Valley Times") repeats under every photo.
  if (key.replace(CREDIT, '') === '') return false;
  return distinctShare(key) >= MIN_DISTINCT_WORDS;
}

function distinctShare(key: string): number {
  const words = key.match(WORD) ?? [];
  return words.length === 0 ? 0 : new Set(words).size / words.length;
}

/**
 * A photo credit glued to the end of a caption: "Photo: Reuters", "(Foto: dpa)",
 * "Image credit: NASA", "Photo by Ann Lee", "© Ann Lee". Matched on comparison text.
 */
const CREDIT =
  /(?:\s*[|/·•-])?\s*[([]?\s*(?:(?:photo(?:graph)?|foto|image|picture|bild|credit)s?(?:\s+credits?)?\s*:|(?:photo(?:graph)?|foto|image|picture)\s+by\s|©)\s*[^:()[\]]{1,60}[)\]]?$/;
/** Captions are short; a credit is looked for only in a text this long at most. */
const MAX_CAPTION_CHARS = 400;
const TRAILING_STOP = /[.。]$/;

/**
 * Later copies of the title that carry a photo credit: exact copies once the credit is cut.
 * Copies without a credit are exact copies already.
 */
export function matchCaptions(post: Post, matches: Matches, settings: Settings): void {
  if (!settings.titleRepeats || post.units.length < 2 || (post.units[0] as Unit).urlOnly) return;
  if (!matches.isSource(post, 0) || !isHeadline(post.key(0))) return;
  const title = post.key(0);
  for (let index = 1; index < post.units.length; index++) {
    if (matches.kind[index] !== NONE || post.firstWithHead(index) !== 0) continue;
    const key = post.key(index);
    if (key.length > MAX_CAPTION_CHARS || key.length <= title.length) continue;
    const caption = key.replace(CREDIT, '');
    if (caption !== key && caption.replace(TRAILING_STOP, '') === title) {
      matches.set(index, EXACT, 0, 0);
    }
  }
}
