/**
 * Numbers decide (docs/architecture.md): two texts that differ in a number, a date, a
 * time, a price, a score or a version are never near copies. Departure boards, results,
 * alert lists and training logs repeat one template with other numbers; hiding such a line
 * would hide information.
 */

/** A number as written: digits, with the separators of times, dates, prices and versions inside. */
const NUMBER = /\p{Nd}+(?:[.,:/-]\p{Nd}+)*/gu;
/** Hashtags are left out: a copy may add "#2024" or "#COP29" without changing what it says. */
const HASHTAG = /#[\p{L}\p{N}_]+/gu;
const DIGIT = /\p{Nd}/u;
const NON_ASCII = /[^\x20-\x7e]/;

/** The numbers of a text in order, joined by spaces; empty when it has none. */
export function numbersOf(text: string): string {
  if (!DIGIT.test(text)) return '';
  // NFKC writes full-width digits as ASCII ones.
  const folded = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  const plain = folded.includes('#') ? folded.replace(HASHTAG, ' ') : folded;
  const found: string[] = [];
  for (const [number] of plain.matchAll(NUMBER)) found.push(number);
  return found.join(' ');
}
