import { describe, expect, it } from 'vitest';
import { analysePost, DEFAULT_ANALYSIS_OPTIONS, keptBlocks } from '../../src/core/analyse';
import { blocksFromText } from '../../src/core/blocks';
import type { Block } from '../../src/core/types';

const PARAGRAPHS = [
  'The ferry timetable changes on Monday, with the first boat leaving the north pier at six instead of half past six.',
  'Passengers with monthly passes do not need new cards, but the kiosk at the south pier will close at eight every evening.',
  'The harbour office says the change follows a survey in which most commuters asked for an earlier crossing in winter.',
];

function blocksOf(...lines: string[]): Block[] {
  return lines.map((text) => ({ text, links: [] }));
}

describe('analysePost', () => {
  it('keeps the first copy and hides the later one', () => {
    const analysis = analysePost(blocksOf(...PARAGRAPHS, ...PARAGRAPHS));
    expect(analysis.hiddenBlocks).toEqual([3, 4, 5]);
    expect(analysis.runs).toEqual([
      { start: 3, end: 5, copyOf: { start: 0, end: 2 }, kind: 'exact' },
    ]);
  });

  it('hides nothing in an empty post', () => {
    expect(analysePost([])).toEqual({
      runs: [],
      hiddenBlocks: [],
      hiddenSpans: [],
      articleUrl: null,
    });
  });

  it('reports a repeat inside one long block as spans that leave readable text', () => {
    const text = `${PARAGRAPHS.join(' ')} ${PARAGRAPHS.join(' ')}`;
    const analysis = analysePost(blocksOf(text));
    expect(analysis.hiddenBlocks).toEqual([]);
    expect(analysis.hiddenSpans).toEqual([
      { block: 0, from: PARAGRAPHS.join(' ').length, to: text.length },
    ]);
    expect(keptBlocks(blocksOf(text), analysis)[0]?.text).toBe(PARAGRAPHS.join(' '));
  });

  it('hides a repeated middle stretch of a long block with the space before it', () => {
    const [first, second, third] = PARAGRAPHS as [string, string, string];
    const text = `${first} ${second} ${third} ${first} ${second} Closing words of the note, which stand alone.`;
    const analysis = analysePost(blocksOf(text));
    const kept = keptBlocks(blocksOf(text), analysis)[0]?.text;
    expect(kept).toBe(`${first} ${second} ${third} Closing words of the note, which stand alone.`);
  });

  it('keeps a quotation of a sentence from the post it answers', () => {
    const sentence = PARAGRAPHS[0] as string;
    const analysis = analysePost(blocksOf(sentence, `> ${sentence}`, 'Six is too early for me.'));
    expect(analysis.hiddenBlocks).toEqual([]);
  });

  it('follows the thresholds it is given', () => {
    const lines = ['Short line said twice here', 'Short line said twice here'];
    expect(analysePost(blocksOf(...lines)).hiddenBlocks).toEqual([]);
    const loose = { minRunChars: 10, minRunWords: 3, minParagraphChars: 10 };
    expect(analysePost(blocksOf(...lines), loose).hiddenBlocks).toEqual([1]);
  });

  it('leaves near copies alone when near matching is off', () => {
    const edited = (PARAGRAPHS[0] as string).replace('Monday', 'Tuesday');
    expect(analysePost(blocksOf(PARAGRAPHS[0] as string, edited)).hiddenBlocks).toEqual([1]);
    expect(
      analysePost(blocksOf(PARAGRAPHS[0] as string, edited), { nearMatching: false }).hiddenBlocks,
    ).toEqual([]);
  });

  it('keeps a shortened lead when truncated leads are off', () => {
    const blocks = blocksOf(`${(PARAGRAPHS[1] as string).slice(0, 60)}…`, PARAGRAPHS[1] as string);
    expect(analysePost(blocks).hiddenBlocks).toEqual([0]);
    expect(analysePost(blocks, { truncatedLeads: false }).hiddenBlocks).toEqual([]);
  });

  it('hides a copy that only becomes adjacent once another copy is hidden', () => {
    // Each short paragraph alone is too small to collapse; together they are not.
    const short =
      'Tickets for the harbour concert go on sale at the kiosk near the ferry pier on Friday.';
    const other =
      'Seats in the front rows are reserved for the choir families until the doors open at seven.';
    const long = PARAGRAPHS[2] as string;
    const blocks = blocksOf(short, other, long, short, long, other);
    const analysis = analysePost(blocks);
    expect(analysis.hiddenBlocks).toEqual([3, 4, 5]);
    expect(analysis.runs).toEqual([
      { start: 3, end: 5, copyOf: { start: 0, end: 1 }, kind: 'exact' },
      { start: 4, end: 4, copyOf: { start: 2, end: 2 }, kind: 'exact' },
    ]);
    expect(analysePost(keptBlocks(blocks, analysis)).runs).toEqual([]);
  });

  it('exports its defaults', () => {
    expect(DEFAULT_ANALYSIS_OPTIONS.minRunChars).toBeGreaterThan(0);
    expect(DEFAULT_ANALYSIS_OPTIONS.nearMatching).toBe(true);
  });

  it('names the article that the repeated text carries', () => {
    const text = [
      ...PARAGRAPHS,
      'https://harbour.example/timetable?utm_source=x',
      ...PARAGRAPHS,
    ].join('\n');
    expect(analysePost(blocksFromText(text)).articleUrl).toBe('https://harbour.example/timetable');
  });
});
