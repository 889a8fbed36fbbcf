import { describe, expect, it } from 'vitest';
import { analysePost } from '../../src/core/analyse';
import {
  BlocksJoiner,
  blocksInParts,
  isAnalysis,
  isOptionsPart,
} from '../../src/settings/messages';

/** The background analyses what the content script sends, and the content script checks the answer. */

const blocks = [
  { text: 'A first paragraph.', links: [] },
  { text: 'https://news.example.org/story', links: ['https://news.example.org/story'] },
];

describe('analysis messages', () => {
  it('sends blocks in parts of bounded text, cutting a long block, and joins them back', () => {
    const long = 'x'.repeat(25);
    const many = [
      { text: 'short one', links: ['https://a.example/'] },
      { text: long, links: ['https://b.example/'] },
      { text: '', links: [] },
      { text: 'tail', links: [] },
    ];
    const parts = [...blocksInParts(many, 10)];
    for (const part of parts) {
      expect(part.blocks.reduce((sum, block) => sum + block.text.length, 0)).toBeLessThanOrEqual(
        10,
      );
    }
    expect(parts.length).toBeGreaterThan(3);
    const joiner = new BlocksJoiner();
    for (const part of JSON.parse(JSON.stringify(parts))) expect(joiner.add(part)).toBe(true);
    expect(joiner.joined()).toEqual(many);
  });

  it('refuses malformed parts and a cut block that never ends', () => {
    const joiner = new BlocksJoiner();
    expect(joiner.add({ blocks: [{ text: 1, links: [] }] })).toBe(false);
    expect(joiner.add({ blocks: [{ text: 'a', links: [null] }] })).toBe(false);
    expect(joiner.add({ blocks: 'text' })).toBe(false);
    expect(joiner.add(null)).toBe(false);
    expect(joiner.add({ blocks: [{ text: 'cut', links: [], continues: true }] })).toBe(true);
    expect(joiner.joined()).toBeNull();
    expect(isOptionsPart({ options: { pageHost: 'x.example' } })).toBe(true);
    expect(isOptionsPart({ blocks: [] })).toBe(false);
  });

  it('accepts what the core answers, and rejects a malformed answer', () => {
    const analysis = analysePost(blocks);
    expect(isAnalysis(analysis)).toBe(true);
    expect(isAnalysis(JSON.parse(JSON.stringify(analysis)))).toBe(true);
    const run = { start: 3, end: 5, copyOf: { start: 0, end: 2 }, kind: 'exact' };
    const good = { runs: [run], hiddenBlocks: [3, 4, 5], hiddenSpans: [], articleUrl: null };
    expect(isAnalysis(good)).toBe(true);
    expect(isAnalysis(undefined)).toBe(false);
    expect(isAnalysis({ ...good, hiddenBlocks: [-1] })).toBe(false);
    expect(isAnalysis({ ...good, hiddenBlocks: [1.5] })).toBe(false);
    expect(isAnalysis({ ...good, runs: [{ ...run, copyOf: null }] })).toBe(false);
    expect(isAnalysis({ ...good, hiddenSpans: [{ block: 0, from: 0 }] })).toBe(false);
    expect(isAnalysis({ ...good, articleUrl: 7 })).toBe(false);
  });
});
