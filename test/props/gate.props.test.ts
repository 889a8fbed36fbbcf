import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysePost, analysePrepared, prepareAnalysis } from '../../src/core/analyse';
import type { AnalysisOptions, Block } from '../../src/core/types';

/**
 * The DOM layer skips the analysis of a post when `prepareAnalysis` says null. That is only
 * safe if the gate never says no to a post the analysis would hide something in.
 */

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

const SENTENCES = [
  'The library opens an hour later on Sundays from next month onwards.',
  'Volunteers are still needed to sort the donated books before the summer fair.',
  'Anyone who borrowed a laptop last term should bring it back by Friday.',
  'The reading room upstairs stays closed while the roof is being repaired.',
];
const PARAGRAPH = SENTENCES.join(' ');

/** Lines that recur in posts, in the shapes the core matches: copies, leads, titles, re-wraps. */
const line = fc.oneof(
  fc.constantFrom(
    ...SENTENCES,
    PARAGRAPH,
    `${PARAGRAPH} ${PARAGRAPH}`,
    `${PARAGRAPH.slice(0, 60)}…`,
    `${PARAGRAPH.slice(0, 45)}`,
    `${PARAGRAPH.slice(0, 80)} Read more`,
    'Library news',
    'The library opens an hour later on Sundays',
    'The library opens an hour later on Sundays Photo: Ann Lee',
    `Ann on Nostr: ${PARAGRAPH.slice(0, 70)} ...`,
    `New post: ${PARAGRAPH.slice(0, 45)}`,
    '図書館は来月から日曜日の開館時間を一時間遅くする',
    `図書館は来月から日曜日の開館時間を一時間遅くする。${SENTENCES[1]}`,
    'Library news: the library opens an hour later on Sundays.',
    PARAGRAPH.toUpperCase(),
    `${SENTENCES[0]} #books #library`,
    'https://library.example/news/sundays',
    'library.example/news/sun…',
    '#books #library',
  ),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc
    .tuple(fc.constantFrom(...SENTENCES), fc.integer({ min: 1, max: 60 }))
    .map(([sentence, cut]) => sentence.slice(0, cut)),
);

const block: fc.Arbitrary<Block> = fc.record({
  text: line,
  links: fc.constantFrom([], ['https://library.example/news/sundays']),
});

const options: fc.Arbitrary<Partial<AnalysisOptions>> = fc.record({
  nearMatching: fc.boolean(),
  truncatedLeads: fc.boolean(),
  sentenceSplitChars: fc.integer({ min: 80, max: 600 }),
});

describe('the gate before the analysis', () => {
  it('says yes whenever the analysis hides something', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 16 }), options, (blocks, settings) => {
        const analysis = analysePost(blocks, settings);
        const hides = analysis.hiddenBlocks.length > 0 || analysis.hiddenSpans.length > 0;
        if (hides) expect(prepareAnalysis(blocks, settings)).not.toBeNull();
      }),
      { numRuns },
    );
  });

  it('hands on units with which the analysis finds exactly what it finds alone', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 16 }), options, (blocks, settings) => {
        const prepared = prepareAnalysis(blocks, settings);
        if (prepared !== null)
          expect(analysePrepared(prepared)).toEqual(analysePost(blocks, settings));
      }),
      { numRuns },
    );
  });

  it('says no to a post whose lines all differ at both ends', () => {
    const distinct = fc
      .uniqueArray(fc.integer({ min: 0, max: 999 }), { maxLength: 20 })
      .map((numbers) =>
        numbers.map((n) => ({
          text: `item ${n} of the list starts here and ends with ${n}`,
          links: [],
        })),
      );
    fc.assert(
      fc.property(distinct, (blocks) => {
        expect(prepareAnalysis(blocks)).toBeNull();
        expect(analysePost(blocks).hiddenBlocks).toEqual([]);
      }),
      { numRuns },
    );
  });
});
