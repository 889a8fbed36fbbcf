/** Unit runs translated back into the post's blocks: runs, whole hidden blocks, hidden spans. */
import type { UnitRun } from './runs';
import type { HiddenSpan, RepeatRun } from './types';
import { shareAnchor, type Unit } from './units';

export interface Repeats {
  readonly runs: RepeatRun[];
  readonly hiddenBlocks: number[];
  readonly hiddenSpans: HiddenSpan[];
  /**
   * Analysing the kept blocks again would find nothing: they would be cut into the same units,
   * and no two of those share an anchor.
   */
  readonly settled: boolean;
}

/** Translates unit runs into block indexes, whole hidden blocks and hidden spans. */
export function toBlocks(
  units: readonly Unit[],
  runs: readonly UnitRun[],
  twins: readonly number[],
): Repeats {
  const hidden = new Uint8Array(units.length);
  for (const run of runs) hidden.fill(1, run.start, run.end + 1);
  const hiddenBlocks: number[] = [];
  const hiddenSpans: HiddenSpan[] = [];
  let first = 0;
  while (first < units.length) {
    const block = (units[first] as Unit).block;
    let last = first;
    while (last + 1 < units.length && (units[last + 1] as Unit).block === block) last++;
    let hiddenCount = 0;
    for (let index = first; index <= last; index++) hiddenCount += hidden[index] as number;
    if (hiddenCount === last - first + 1) {
      hiddenBlocks.push(block);
    } else if (hiddenCount > 0) {
      addSpans(hiddenSpans, units, hidden, first, last);
    }
    first = last + 1;
  }
  const blockRuns = runs.map((run) => ({
    start: (units[run.start] as Unit).block,
    end: (units[run.end] as Unit).block,
    copyOf: {
      start: (units[run.copyStart] as Unit).block,
      end: (units[run.copyEnd] as Unit).block,
    },
    kind: run.kind,
  }));
  const settled =
    hiddenSpans.length === 0 &&
    twins.every((twin) => hidden[twin] === 1) &&
    !shareAnchor(units, hidden);
  return { runs: blockRuns, hiddenBlocks, hiddenSpans, settled };
}

/**
 * Spans of the hidden sentences of a partly kept block. A span takes the whitespace that
 * joined it to the kept text before it (or after it, at the start of the block), so the
 * kept text reads as written.
 */
function addSpans(
  spans: HiddenSpan[],
  units: readonly Unit[],
  hidden: Uint8Array,
  first: number,
  last: number,
): void {
  let index = first;
  while (index <= last) {
    if (!hidden[index]) {
      index++;
      continue;
    }
    const start = index;
    while (index + 1 <= last && hidden[index + 1]) index++;
    const startUnit = units[start] as Unit;
    const endUnit = units[index] as Unit;
    const span =
      start === first
        ? { block: startUnit.block, from: startUnit.from, to: (units[index + 1] as Unit).from }
        : { block: startUnit.block, from: (units[start - 1] as Unit).to, to: endUnit.to };
    spans.push(span);
    index++;
  }
}
