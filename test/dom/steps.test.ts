import { describe, expect, it } from 'vitest';
import { extractBlocks, hashBlocks, readBlocks } from '../../src/dom/blocks';
import { bodySteps, processBody } from '../../src/dom/process';
import { OPTIONS, PARAGRAPHS, page, post, testSite } from './helpers';

/**
 * Reading and processing in steps: a huge body is read over several slices, and only the
 * last step writes to the page. The stepwise result equals the one-go result.
 */

const site = testSite();

/** A body of `count` short paragraphs, then two paragraphs said again. */
function hugeBody(count: number): { document: Document; body: Element } {
  const filler = Array.from({ length: count }, (_, index) => `<p>Filler line ${index}.</p>`);
  const repeated = PARAGRAPHS.slice(0, 3).map((text) => `<p>${text}</p>`);
  const document = page(post([...repeated, ...filler, ...repeated].join('')));
  return { document, body: document.querySelector('.body') as Element };
}

describe('readBlocks', () => {
  it('yields inside a body of thousands of nodes and reads the same blocks as extractBlocks', () => {
    const { body } = hugeBody(3_000);
    const reading = readBlocks(body, site);
    let pauses = 0;
    let step = reading.next();
    while (!step.done) {
      pauses++;
      step = reading.next();
    }
    expect(pauses).toBeGreaterThan(0);
    const once = extractBlocks(body, site);
    expect(step.value.blocks).toEqual(once.blocks);
    expect(step.value.blocks).toHaveLength(3_006);
    expect(step.value.hash).toBe(hashBlocks(once.blocks));
  });

  it('maps every character of a block back to its node, whitespace runs included', () => {
    const document = page(post('<p>  One\t two  <b>three</b>\n four <i> five</i>  </p>'));
    const body = document.querySelector('.body') as Element;
    const [block] = extractBlocks(body, site).pageBlocks;
    if (!block) throw new Error('no block');
    expect(block.block.text).toBe('One two three four five');
    let covered = 0;
    for (const run of block.runs) {
      const shown = block.block.text.slice(run.textAt, run.textAt + run.length);
      const data = (run.node as Text).data.slice(run.nodeAt, run.nodeAt + run.length);
      // A space of the block text stands for one whitespace character of the page (or more).
      expect(shown === ' ' ? /^\s$/.test(data) : data).toBe(shown === ' ' ? true : shown);
      expect(run.textAt).toBe(covered);
      covered += run.length;
    }
    expect(covered).toBe(block.block.text.length);
  });
});

describe('bodySteps', () => {
  it('leaves the page untouched until its last step, then collapses like processBody', () => {
    const { document, body } = hugeBody(3_000);
    const before = body.outerHTML;
    const steps = bodySteps(body, site, OPTIONS);
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      expect(body.outerHTML).toBe(before);
      pauses++;
      step = steps.next();
    }
    expect(pauses).toBeGreaterThan(1);
    expect(step.value).toBe('collapsed');
    expect(document.querySelectorAll('collapse-repeats-bar')).toHaveLength(1);

    const other = hugeBody(3_000).body;
    expect(processBody(other, site, OPTIONS)).toBe('collapsed');
    expect(other.outerHTML).toBe(body.outerHTML);
  });
});
