import { isSpaceCode } from './whitespace';

/** `[from, to)` of one sentence inside a text, without surrounding whitespace. */
export interface SentenceRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Made on first use: creating a sentence segmenter loads ICU's break rules, about 13 ms in
 * Chromium, and most pages never split a paragraph into sentences.
 */
let segmenter: Intl.Segmenter | undefined;

/**
 * Segmenting a long string in one go costs time that grows faster than its length in V8,
 * so the text is read through a window: every sentence but the window's last is final,
 * and the next window starts at that last sentence.
 */
const WINDOW = 2000;

export function splitSentences(text: string): SentenceRange[] {
  const sentences: SentenceRange[] = [];
  let start = 0;
  let window = WINDOW;
  while (start < text.length) {
    const end = Math.min(text.length, start + window);
    let previous: Intl.SegmentData | undefined;
    let count = 0;
    segmenter ??= new Intl.Segmenter('und', { granularity: 'sentence' });
    for (const piece of segmenter.segment(text.slice(start, end))) {
      if (previous !== undefined) addPiece(sentences, text, start, previous);
      previous = piece;
      count++;
    }
    if (end === text.length) {
      if (previous !== undefined) addPiece(sentences, text, start, previous);
      break;
    }
    if (count < 2) {
      // One sentence fills the window: look further.
      window *= 2;
      continue;
    }
    start += (previous as Intl.SegmentData).index;
    window = WINDOW;
  }
  return sentences;
}

function addPiece(
  sentences: SentenceRange[],
  text: string,
  offset: number,
  piece: Intl.SegmentData,
): void {
  const from = offset + piece.index;
  addTrimmed(sentences, text, from, from + piece.segment.length);
}

function addTrimmed(sentences: SentenceRange[], text: string, from: number, to: number): void {
  let first = from;
  let last = to;
  while (first < last && isSpaceCode(text.charCodeAt(first))) first++;
  while (last > first && isSpaceCode(text.charCodeAt(last - 1))) last--;
  if (last > first) sentences.push({ from: first, to: last });
}
