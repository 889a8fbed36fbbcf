import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysePost } from '../../src/core/analyse';
import type { Block } from '../../src/core/types';

/**
 * Numbers decide: a copied block with one number changed says something else, so it stays
 * visible, however much of the rest it shares. Exact copies are still caught.
 */

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

/** Templates whose numbers a bot or a person fills in; `{}` marks a number. */
const TEMPLATES = [
  'The {} service to Leeds leaves from platform {} at {}:{}, about {} minutes late, and the fare stays at {} pounds for a single ticket.',
  'Magnitude {}.{} earthquake recorded {} km north-east of the town at a depth of {} km, at {}:{} local time, with no damage reported so far.',
  'Day {}: {} km easy run along the canal towpath, legs felt heavy after yesterday but the pace was steady and the weather was kind to us.',
  'Round {}, board {}: Harbour Chess Club {} against Valley Knights {}, decided in the last game of the evening after {} moves.',
  'Version {}.{}.{} of the timetable app fixes the crash on start for some phones and makes the departure list load faster at stations.',
];
const OTHER_LINES = [
  'Delays this morning on the coast line, as reported by the station staff, for anyone planning a trip today or tomorrow.',
  '#trains #coastline',
  'https://rail.example/status',
  'More updates to follow.',
];

const filled = fc
  .record({
    template: fc.constantFrom(...TEMPLATES),
    numbers: fc.array(fc.integer({ min: 0, max: 9999 }), { minLength: 6, maxLength: 6 }),
    slot: fc.nat(),
    other: fc.integer({ min: 0, max: 9999 }),
    tags: fc.boolean(),
  })
  .map(({ template, numbers, slot, other, tags }) => {
    const parts = template.split('{}');
    const slots = parts.length - 1;
    const changedSlot = slot % slots;
    const original = numbers.slice(0, slots);
    const changed = [...original];
    const value = original[changedSlot] as number;
    changed[changedSlot] = other === value ? value + 1 : other;
    const fill = (values: readonly number[]) =>
      parts.reduce(
        (text, part, index) => text + (index > 0 ? String(values[index - 1]) : '') + part,
        '',
      );
    return { original: fill(original), changed: fill(changed) + (tags ? ' #trains' : '') };
  });

function blocksOf(lines: readonly string[]): Block[] {
  return lines.map((text) => ({ text, links: [] }));
}

describe('numbers decide', () => {
  it('keeps a copied block visible when one of its numbers changed', () => {
    fc.assert(
      fc.property(
        filled,
        fc.array(fc.constantFrom(...OTHER_LINES), { maxLength: 4 }),
        fc.boolean(),
        ({ original, changed }, between, changedFirst) => {
          const first = changedFirst ? changed : original;
          const second = changedFirst ? original : changed;
          const lines = [first, ...between, second];
          const analysis = analysePost(blocksOf(lines));
          const touched = new Set([
            ...analysis.hiddenBlocks,
            ...analysis.hiddenSpans.map((span) => span.block),
          ]);
          expect(touched.has(0)).toBe(false);
          expect(touched.has(lines.length - 1)).toBe(false);
        },
      ),
      { numRuns },
    );
  });

  it('still hides an exact copy of a block full of numbers', () => {
    fc.assert(
      fc.property(filled, fc.constantFrom(...OTHER_LINES), ({ original }, between) => {
        const analysis = analysePost(blocksOf([original, between, original]));
        expect(analysis.hiddenBlocks).toEqual([2]);
      }),
      { numRuns },
    );
  });
});
