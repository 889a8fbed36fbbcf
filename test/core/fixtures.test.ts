import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analysePost } from '../../src/core/analyse';
import { blocksFromText } from '../../src/core/blocks';
import { jsonReport } from '../../src/core/report';
import type { Block } from '../../src/core/types';

const root = fileURLToPath(new URL('../fixtures/text/', import.meta.url));
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** A case's post: `blocks.json` when its links differ from the URLs in its text, else `input.txt`. */
function blocksOf(name: string): Block[] {
  const blocksFile = `${root}${name}/blocks.json`;
  if (existsSync(blocksFile)) return JSON.parse(readFileSync(blocksFile, 'utf8')) as Block[];
  return blocksFromText(readFileSync(`${root}${name}/input.txt`, 'utf8'));
}

describe('text fixtures', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', (name) => {
    const expected = JSON.parse(readFileSync(`${root}${name}/expected.json`, 'utf8'));
    const blocks = blocksOf(name);
    const { blocks: _texts, ...report } = jsonReport(blocks, analysePost(blocks));
    expect(report).toEqual(expected);
  });
});
