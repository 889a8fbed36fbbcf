/** `[from, to)` of one sentence inside a text, without surrounding whitespace. */
export interface SentenceRange {
  readonly from: number;
  readonly to: number;
}

const segmenter = new Intl.Segmenter('und', { granularity: 'sentence' });

/**
 * Segmenting a long string in one go costs time that grows faster than its length in V8,
 * so the text is read through a window: every sentence but the window's last is final,
 * and the next window starts at that last sentence.
 */
const WINDOW = 4000;

export function splitSentences(text: string): SentenceRange[] {
  const sentences: SentenceRange[] = [];
  let start = 0;
  let window = WINDOW;
  while (start < text.length) {
    const end = Math.min(text.length, start + window);
    const atEnd = end === text.length;
    const pieces = [...segmenter.segment(text.slice(start, end))];
    const usable = atEnd ? pieces.length : pieces.length - 1;
    if (usable < 1) {
      window *= 2;
      continue;
    }
    for (let index = 0; index < usable; index++) {
      const piece = pieces[index] as Intl.SegmentData;
      addTrimmed(sentences, text, start + piece.index, start + piece.index + piece.segment.length);
    }
    if (atEnd) break;
    start += (pieces[usable] as Intl.SegmentData).index;
    window = WINDOW;
  }
  return sentences;
}

function addTrimmed(sentences: SentenceRange[], text: string, from: number, to: number): void {
  let first = from;
  let last = to;
  while (first < last && isSpace(text.charCodeAt(first))) first++;
  while (last > first && isSpace(text.charCodeAt(last - 1))) last--;
  if (last > first) sentences.push({ from: first, to: last });
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x3000;
}
