import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analysePost } from '../../src/core/analyse';
import { blocksFromText } from '../../src/core/blocks';

const root = fileURLToPath(new URL('../fixtures/text/', import.meta.url));
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('text fixtures', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', (name) => {
    const input = readFileSync(`${root}${name}/input.txt`, 'utf8');
    const expected = JSON.parse(readFileSync(`${root}${name}/expected.json`, 'utf8'));
    const analysis = analysePost(blocksFromText(input));
    expect({
      collapsed: analysis.hiddenBlocks,
      hiddenRanges: analysis.hiddenSpans.map(({ block, from, to }) => ({ line: block, from, to })),
      runs: analysis.runs.map(({ start, end, copyOf, kind }) => ({
        start,
        end,
        copyOf: { start: copyOf.start, end: copyOf.end },
        kind,
      })),
      articleUrl: analysis.articleUrl,
    }).toEqual(expected);
  });
});
