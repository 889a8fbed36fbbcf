import type { Analysis, Block, RepeatKind } from './types';

/** A post's analysis as plain data: the `--json` answer of `dedupe` and the form of the text fixtures. */
export interface JsonReport {
  readonly blocks: readonly string[];
  readonly collapsed: readonly number[];
  readonly hiddenRanges: readonly { line: number; from: number; to: number }[];
  readonly runs: readonly {
    start: number;
    end: number;
    copyOf: { start: number; end: number };
    kind: RepeatKind;
  }[];
  readonly articleUrl: string | null;
}

export function jsonReport(blocks: readonly Block[], analysis: Analysis): JsonReport {
  return {
    blocks: blocks.map((block) => block.text),
    collapsed: analysis.hiddenBlocks,
    hiddenRanges: analysis.hiddenSpans.map(({ block, from, to }) => ({ line: block, from, to })),
    runs: analysis.runs.map(({ start, end, copyOf, kind }) => ({
      start,
      end,
      copyOf: { start: copyOf.start, end: copyOf.end },
      kind,
    })),
    articleUrl: analysis.articleUrl,
  };
}
