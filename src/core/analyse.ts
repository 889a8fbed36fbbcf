import type { Analysis, AnalysisOptions, Block } from './types';

// PLACEHOLDER until the core engine lands: exact whole-block repeats only.
export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  minRunChars: 80,
  minRunWords: 12,
  nearMatching: true,
  truncatedLeads: true,
  stripTracking: true,
  pageHost: '',
};

export function analysePost(
  blocks: readonly Block[],
  options: Partial<AnalysisOptions> = {},
): Analysis {
  const settings = { ...DEFAULT_ANALYSIS_OPTIONS, ...options };
  const seen = new Map<string, number>();
  const hiddenBlocks: number[] = [];
  const runs: { start: number; end: number; copyOf: { start: number; end: number }; kind: 'exact' }[] = [];
  blocks.forEach((block, index) => {
    const key = block.text.trim().toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else if (key.length >= settings.minRunChars) {
      hiddenBlocks.push(index);
      runs.push({ start: index, end: index, copyOf: { start: first, end: first }, kind: 'exact' });
    }
  });
  const articleUrl = blocks.flatMap((b) => b.links).find((l) => /^https?:/i.test(l)) ?? null;
  return { runs, hiddenBlocks, hiddenSpans: [], articleUrl };
}
