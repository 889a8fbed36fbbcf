/**
 * How much text a line holds, in a way that holds across scripts. Thresholds such as "15 words"
 * or "100 characters" were set on English prose; Japanese, Chinese and Thai write no spaces
 * between words, and a Han or Hangul character carries what two or three Latin letters do.
 */

/** Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana and Han. */
function isUnspacedScript(code: number): boolean {
  return (
    (code >= 0x0e00 && code <= 0x0eff) ||
    (code >= 0x1000 && code <= 0x109f) ||
    (code >= 0x1780 && code <= 0x17ff) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    // A surrogate: the rarer Han characters live outside the basic plane.
    (code >= 0xd840 && code <= 0xd87f)
  );
}

/** First character code at which a text may need the segmenter; the scripts above start here. */
const FIRST_UNSPACED = 0x0e00;

function hasUnspacedScript(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= FIRST_UNSPACED && isUnspacedScript(code)) return true;
  }
  return false;
}

/** Made on first use: most posts are in spaced scripts and never need it. */
let wordSegmenter: Intl.Segmenter | undefined;

/**
 * Counts the words of a raw text that carry content: hashtags and mentions do not count,
 * so a line of hashtags has no words. Words are separated by spaces, or found by
 * `Intl.Segmenter` in a text written in a script without spaces. Counting stops at `atMost`.
 */
export function countWords(text: string, atMost = Number.POSITIVE_INFINITY): number {
  if (hasUnspacedScript(text)) return segmentedWords(text, atMost);
  let words = 0;
  let inToken = false;
  for (let index = 0; index < text.length && words < atMost; index++) {
    const code = text.charCodeAt(index);
    const space = code === 32 || code === 9 || code === 10 || code === 13 || code === 160;
    if (space) {
      inToken = false;
    } else if (!inToken) {
      inToken = true;
      if (code !== 35 /* # */ && code !== 64 /* @ */ && code !== 0xff03 /* ＃ */) words++;
    }
  }
  return words;
}

function segmentedWords(text: string, atMost: number): number {
  wordSegmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  let words = 0;
  let tagged = false;
  for (const { segment, isWordLike } of wordSegmenter.segment(text)) {
    if (words >= atMost) break;
    if (isWordLike === true) {
      if (!tagged) words++;
    } else {
      // A hashtag or mention stays one tag until a space ends it.
      if (/\s/.test(segment)) tagged = false;
      if (segment === '#' || segment === '@' || segment === '＃') tagged = true;
    }
  }
  return words;
}

/**
 * Weights of a character in "Latin letters": about what an English text needs to say the
 * same. A Han character stands for a word or half of one, a Hangul syllable or a kana for
 * a syllable. Other scripts (Latin, Cyrillic, Arabic, Devanagari) count one each.
 */
const HAN_WEIGHT = 3;
const HANGUL_WEIGHT = 2.5;
const KANA_WEIGHT = 2;
/**
 * Thai, Lao, Khmer and Myanmar letters: English spends about one character in six on the
 * spaces between words, which these scripts do not write.
 */
const UNSPACED_LETTER_WEIGHT = 1.25;

/** The weight of one UTF-16 code unit (see above). */
export function weightOf(code: number): number {
  if (code < 0x0e00) return 1;
  if (code < 0x3040) {
    return code <= 0x0eff ||
      (code >= 0x1000 && code <= 0x109f) ||
      (code >= 0x1780 && code <= 0x17ff)
      ? UNSPACED_LETTER_WEIGHT
      : 1;
  }
  if (code <= 0x30ff) return KANA_WEIGHT;
  if ((code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff)) return HAN_WEIGHT;
  if (code >= 0xac00 && code <= 0xd7af) return HANGUL_WEIGHT;
  // The first half of a surrogate pair: a rare Han character; the second half adds nothing.
  if (code >= 0xd840 && code <= 0xd87f) return HAN_WEIGHT;
  if (code >= 0xdc00 && code <= 0xdfff) return 0;
  return 1;
}

/** The length of a text in Latin letters (see the weights above); counting stops at `atMost`. */
export function weightedLength(text: string, atMost = Number.POSITIVE_INFINITY): number {
  let length = 0;
  for (let index = 0; index < text.length && length < atMost; index++) {
    const code = text.charCodeAt(index);
    length += code < 0x0e00 ? 1 : weightOf(code);
  }
  return length;
}
