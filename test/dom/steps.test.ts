import { describe, expect, it } from 'vitest';
import { analysePost } from '../../src/core/analyse';
import { extractBlocks, hashBlocks, readBlocks } from '../../src/dom/blocks';
import { applyCollapseSteps } from '../../src/dom/collapse';
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

/** Runs steps to the end: how often they paused, and what they returned. */
function finish<T>(steps: Generator<unknown, T, void>): { pauses: number; value: T } {
  let pauses = 0;
  for (let step = steps.next(); ; step = steps.next(), pauses++) {
    if (step.done) return { pauses, value: step.value };
  }
}

describe('readBlocks', () => {
  it('yields inside a body of thousands of nodes and reads the same blocks as extractBlocks', () => {
    const { body } = hugeBody(3_000);
    const { pauses, value } = finish(readBlocks(body, site));
    expect(pauses).toBeGreaterThan(0);
    const once = extractBlocks(body, site);
    expect(value.blocks).toEqual(once.blocks);
    expect(value.blocks).toHaveLength(3_006);
    expect(value.hash).toBe(hashBlocks(once.blocks));
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

/** Runs steps to the end, waiting where they wait. */
async function runAll(steps: ReturnType<typeof bodySteps>) {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    if (typeof step.value === 'object') await step.value.until;
  }
}

describe('analysis elsewhere', () => {
  it('hands a large post to the background and applies its answer', async () => {
    const { body } = hugeBody(3_000);
    const asked: number[] = [];
    const outcome = await runAll(
      bodySteps(body, site, {
        ...OPTIONS,
        analyseElsewhere: async (blocks, options) => {
          asked.push(blocks.length);
          return analysePost(blocks, options);
        },
      }),
    );
    expect(asked).toEqual([3_006]);
    expect(outcome).toBe('collapsed');
    const other = hugeBody(3_000).body;
    processBody(other, site, OPTIONS);
    expect(body.outerHTML).toBe(other.outerHTML);
  });

  it('analyses here when the background fails or answers nothing, and never asks for a small post', async () => {
    for (const answer of [
      () => Promise.reject(new Error('no background')),
      async () => undefined,
    ]) {
      const { body } = hugeBody(3_000);
      expect(await runAll(bodySteps(body, site, { ...OPTIONS, analyseElsewhere: answer }))).toBe(
        'collapsed',
      );
    }
    const small = page(
      post(
        PARAGRAPHS.slice(0, 2)
          .map((text) => `<p>${text}</p>`)
          .join('')
          .repeat(2),
      ),
    );
    let asked = false;
    const outcome = await runAll(
      bodySteps(small.querySelector('.body') as Element, site, {
        ...OPTIONS,
        analyseElsewhere: async () => {
          asked = true;
          return undefined;
        },
      }),
    );
    expect(outcome).toBe('collapsed');
    expect(asked).toBe(false);
  });
});

/** A paragraph of 20 made-up words that shares few words with any other index's. */
function distinctParagraph(index: number): string {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'zi', 'pe', 'su', 'di', 'fa'];
  let seed = (index * 2654435761 + 1) >>> 0;
  const words = Array.from({ length: 20 }, () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (
      [0, 1, 2].map((shift) => syllables[(seed >>> (shift * 4 + 8)) % 12]).join('') + (seed % 97)
    );
  });
  return `${words.join(' ')}.`;
}

describe('applyCollapseSteps', () => {
  it('marks thousands of paragraphs over several steps, and takes its marks back when dropped', () => {
    const repeated = Array.from(
      { length: 5_000 },
      (_, index) => `<p>${distinctParagraph(index)}</p>`,
    );
    const document = page(post([...repeated, ...repeated].join('')));
    const body = document.querySelector('.body') as Element;
    const before = body.outerHTML;
    const read = extractBlocks(body, site);
    const analysis = analysePost(read.blocks, OPTIONS.analysis);
    expect(analysis.hiddenBlocks).toHaveLength(5_000);
    const steps = applyCollapseSteps(body, read, analysis, OPTIONS, read.hash);
    const marks = () => body.querySelectorAll('[data-collapse-repeats-hidden]').length;
    // Dropped halfway through marking: some marks are set, the bar is not there yet.
    let step = steps.next();
    while (!step.done && marks() === 0) step = steps.next();
    expect(step.done).toBe(false);
    expect(marks()).toBeGreaterThan(0);
    steps.return(undefined as never);
    expect(body.outerHTML).toBe(before);

    const { pauses, value } = finish(applyCollapseSteps(body, read, analysis, OPTIONS, read.hash));
    expect(pauses).toBeGreaterThan(1);
    expect(value.state).toBe('collapsed');
    expect(body.querySelectorAll('[data-collapse-repeats-hidden="repeat"]')).toHaveLength(5_000);
  });
});
