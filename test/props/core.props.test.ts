import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysePost, keptBlocks } from '../../src/core/analyse';
import { blocksFromText } from '../../src/core/blocks';
import type { Analysis, Block } from '../../src/core/types';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

/** Lines that posts share: paragraphs, their variants, and short lines people repeat. */
const PARAGRAPHS = [
  'The ferry timetable changes on Monday, with the first boat leaving the north pier at six instead of half past six.',
  'Passengers with monthly passes do not need new cards, but the kiosk at the south pier will close at eight every evening.',
  'The harbour office says the change follows a survey in which most commuters asked for an earlier crossing in winter.',
  'Cyclists can still take their bikes on every crossing, although the racks on the lower deck hold only twelve of them.',
];
const SHARED = [
  ...PARAGRAPHS,
  ...PARAGRAPHS.map((text) => `${text.slice(0, 70)}…`),
  ...PARAGRAPHS.map((text) => `${text} #ferry #harbour`),
  ...PARAGRAPHS.map((text) => text.replace(/'/g, '’').toUpperCase()),
  PARAGRAPHS.join(' ').repeat(2),
  PARAGRAPHS.slice(0, 2).join(' '),
  'Ferry timetable changes on Monday for winter',
  'Ferry timetable changes on Monday for winter (Photo: Ann Lee)',
  `Harbour desk on Nostr: ${PARAGRAPHS[0]?.slice(0, 60)} ...`,
  `[Blog] ${PARAGRAPHS[1]?.slice(0, 50)}`,
  'https://harbour.example/timetable',
  '#ferry #harbour #commute',
  '3x10 squats',
  'Ferry news',
  '',
  '   ',
];

const sharedLine = fc.constantFrom(...SHARED);
const noise = fc.string({ unit: 'grapheme', maxLength: 12 });

/** A block made of words no other block has: it has no copy, exact or near. */
function uniqueBlock(index: number, words: number, extra: string): string {
  const tokens = Array.from({ length: words }, (_, word) => `zq${index}k${word}v`);
  return `${tokens.join(' ')} ${extra.replace(/[\p{L}\p{N}]/gu, '')}`.trim();
}

const postWithUniqueBlocks = fc
  .array(
    fc.oneof(
      sharedLine.map((text) => ({ text, unique: false })),
      fc
        .tuple(fc.integer({ min: 1, max: 40 }), noise)
        .map(([words, extra]) => ({ text: `${words}|${extra}`, unique: true })),
    ),
    { maxLength: 30 },
  )
  .map((items) =>
    items.map((item, index) => {
      if (!item.unique) return item;
      const [words, extra] = item.text.split('|') as [string, string];
      return { text: uniqueBlock(index, Number(words), extra), unique: true };
    }),
  );

const sharedPost = fc.array(sharedLine, { maxLength: 40 });

function blocksOf(lines: readonly string[]): Block[] {
  return lines.map((text) => ({ text, links: [] }));
}

function isConsistent(blocks: readonly Block[], analysis: Analysis): boolean {
  const inRange = (index: number) => Number.isInteger(index) && index >= 0 && index < blocks.length;
  return (
    analysis.hiddenBlocks.every(inRange) &&
    analysis.hiddenSpans.every(
      (span) =>
        inRange(span.block) &&
        span.from >= 0 &&
        span.from < span.to &&
        span.to <= (blocks[span.block] as Block).text.length,
    ) &&
    analysis.runs.every(
      (run) => inRange(run.start) && inRange(run.end) && inRange(run.copyOf.start),
    )
  );
}

describe('core properties', () => {
  it('never hides a block that has no copy', () => {
    fc.assert(
      fc.property(postWithUniqueBlocks, (items) => {
        const analysis = analysePost(blocksOf(items.map((item) => item.text)));
        const touched = new Set([
          ...analysis.hiddenBlocks,
          ...analysis.hiddenSpans.map((span) => span.block),
        ]);
        items.forEach((item, index) => {
          if (item.unique) expect(touched.has(index)).toBe(false);
        });
      }),
      { numRuns },
    );
  });

  it('finds nothing more in the text it keeps', () => {
    fc.assert(
      fc.property(sharedPost, (lines) => {
        const blocks = blocksOf(lines);
        const kept = keptBlocks(blocks, analysePost(blocks));
        const again = analysePost(kept);
        expect(again.runs).toEqual([]);
        expect(again.hiddenBlocks).toEqual([]);
        expect(again.hiddenSpans).toEqual([]);
      }),
      { numRuns },
    );
  });

  it('does not change with trailing whitespace or line-ending style', () => {
    const trailing = fc.constantFrom('', ' ', '  ', '\t', ' \t ');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sharedLine, trailing), { maxLength: 30 }),
        fc.constantFrom('\r\n', '\r'),
        (pairs, newline) => {
          const plain = pairs.map(([line]) => line).join('\n');
          const varied = pairs.map(([line, space]) => line + space).join(newline) + newline;
          expect(analysePost(blocksFromText(varied))).toEqual(analysePost(blocksFromText(plain)));
        },
      ),
      { numRuns },
    );
  });

  it('never throws on arbitrary Unicode, lone surrogates included', () => {
    const loneSurrogate = fc
      .integer({ min: 0xd800, max: 0xdfff })
      .map((code) => String.fromCharCode(code));
    const anyText = fc
      .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), loneSurrogate, sharedLine), {
        maxLength: 8,
      })
      .map((parts) => parts.join(''));
    const block = fc.record({
      text: anyText,
      links: fc.array(fc.oneof(anyText, fc.webUrl()), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(block, { maxLength: 20 }), anyText, (blocks, text) => {
        const analysis = analysePost(blocks, { pageHost: text.slice(0, 20) });
        expect(isConsistent(blocks, analysis)).toBe(true);
        const fromText = blocksFromText(text);
        expect(isConsistent(fromText, analysePost(fromText))).toBe(true);
      }),
      { numRuns },
    );
  });
});
