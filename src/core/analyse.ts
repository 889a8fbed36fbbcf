/**
 * The entry point of the core: a post's blocks in, its repeated runs and article link out.
 */
import { chooseArticleLink } from './article-link';
import { DEFAULT_ANALYSIS_OPTIONS } from './options';
import { findRepeats, type PostUnits, repeatCandidates, type Settings } from './repeats';
import type { Analysis, AnalysisOptions, Block, HiddenSpan, RepeatRun } from './types';

export { articleLinkOf, chooseArticleLink } from './article-link';
export { blocksFromText, textLines, urlsInText } from './blocks';
export { comparisonText, decodeEntities, normalise } from './normalise';
export { DEFAULT_ANALYSIS_OPTIONS } from './options';

/**
 * Removing a repeat can bring two copies of other text next to each other, so the kept text
 * is analysed again until it holds no more repeats; then analysing it once more finds nothing.
 * Every round hides more text, so the rounds are few; the cap only guards the loop.
 */
const MAX_ROUNDS = 8;

export function analysePost(
  blocks: readonly Block[],
  options: Partial<AnalysisOptions> = {},
): Analysis {
  return analyseWith(blocks, settingsOf(options));
}

/**
 * A post that `analysePost` may hide something in, with the units its early test built (see
 * `prepareAnalysis`).
 */
export class PreparedPost {
  constructor(
    readonly blocks: readonly Block[],
    readonly settings: Settings,
    readonly units: PostUnits,
  ) {}
}

/**
 * Null when `analysePost` would hide nothing in `blocks`, found by the test that ends its
 * analysis early; otherwise the post, ready for `analysePrepared`, which then does not cut it
 * into units again. Cheaper than `analysePost` on a post without repeats: no article link is
 * chosen. A caller may hand the main thread back to the page between the two.
 */
export function prepareAnalysis(
  blocks: readonly Block[],
  options: Partial<AnalysisOptions> = {},
): PreparedPost | null {
  const settings = settingsOf(options);
  const units = repeatCandidates(blocks, settings);
  return units === null ? null : new PreparedPost(blocks, settings, units);
}

/** `analysePost` of a prepared post's blocks, with the same options. */
export function analysePrepared(post: PreparedPost): Analysis {
  return analyseWith(post.blocks, post.settings, post.units);
}

function analyseWith(blocks: readonly Block[], settings: Settings, units?: PostUnits): Analysis {
  const found = findRepeats(blocks, settings, units);
  const runs: RepeatRun[] = [...found.runs];
  const hiddenBlocks = new Set(found.hiddenBlocks);
  let hiddenSpans: HiddenSpan[] = found.hiddenSpans;
  let settled = found.settled;
  for (let round = 1; round < MAX_ROUNDS && runs.length > 0 && !settled; round++) {
    const kept = keep(blocks, hiddenBlocks, hiddenSpans);
    const again = findRepeats(kept.blocks, settings);
    settled = again.settled;
    if (again.runs.length === 0) break;
    const origin = (index: number) => kept.origin[index] as number;
    for (const run of again.runs) {
      runs.push({
        start: origin(run.start),
        end: origin(run.end),
        copyOf: { start: origin(run.copyOf.start), end: origin(run.copyOf.end) },
        kind: run.kind,
      });
    }
    for (const index of again.hiddenBlocks) hiddenBlocks.add(origin(index));
    const added = again.hiddenSpans.map((span) => kept.toOriginalSpan(span));
    hiddenSpans = mergeSpans([...hiddenSpans, ...added]).filter(
      (span) => !hiddenBlocks.has(span.block),
    );
  }
  runs.sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    runs,
    hiddenBlocks: [...hiddenBlocks].sort((a, b) => a - b),
    hiddenSpans,
    articleUrl: chooseArticleLink(blocks, runs, settings),
  };
}

/** The blocks a reader sees once the analysis is applied: hidden blocks gone, hidden spans cut out. */
export function keptBlocks(blocks: readonly Block[], analysis: Analysis): Block[] {
  return keep(blocks, new Set(analysis.hiddenBlocks), analysis.hiddenSpans).blocks;
}

/** Settings by the options object they were made from: callers pass the same one for every post. */
const settingsCache = new WeakMap<Partial<AnalysisOptions>, Settings>();

function settingsOf(options: Partial<AnalysisOptions>): Settings {
  let settings = settingsCache.get(options);
  if (settings === undefined) {
    const merged = { ...DEFAULT_ANALYSIS_OPTIONS };
    for (const [name, value] of Object.entries(options)) {
      if (value !== undefined) Object.assign(merged, { [name]: value });
    }
    settings = Object.freeze(merged);
    settingsCache.set(options, settings);
  }
  return settings;
}

interface KeptPiece {
  /** Offsets in the original block text. */
  readonly from: number;
  readonly to: number;
  /** Offset of the piece in the kept text. */
  readonly at: number;
}

interface Kept {
  readonly blocks: Block[];
  /** Original index of each kept block. */
  readonly origin: number[];
  /** Spans of hidden text mapped back to the original blocks. */
  toOriginalSpan(span: HiddenSpan): HiddenSpan;
}

function keep(
  blocks: readonly Block[],
  hiddenBlocks: ReadonlySet<number>,
  hiddenSpans: readonly HiddenSpan[],
): Kept {
  const spansByBlock = new Map<number, HiddenSpan[]>();
  for (const span of hiddenSpans) {
    const list = spansByBlock.get(span.block) ?? [];
    list.push(span);
    spansByBlock.set(span.block, list);
  }
  const kept: Block[] = [];
  const origin: number[] = [];
  // Undefined for a block kept whole, the common case.
  const piecesOf: (KeptPiece[] | undefined)[] = [];
  for (let index = 0; index < blocks.length; index++) {
    if (hiddenBlocks.has(index)) continue;
    const block = blocks[index] as Block;
    const spans = spansByBlock.get(index);
    origin.push(index);
    if (spans === undefined) {
      kept.push(block);
      piecesOf.push(undefined);
      continue;
    }
    const pieces = keptPieces(block.text.length, spans);
    const text = pieces.map((piece) => block.text.slice(piece.from, piece.to)).join('');
    kept.push({ text, links: block.links });
    piecesOf.push(pieces);
  }
  return {
    blocks: kept,
    origin,
    toOriginalSpan(span) {
      const pieces = piecesOf[span.block];
      if (pieces === undefined) return { ...span, block: origin[span.block] as number };
      const startPiece = pieces.find((piece) => span.from < piece.at + piece.to - piece.from);
      const endPiece = pieces.findLast((piece) => span.to > piece.at) ?? startPiece;
      return {
        block: origin[span.block] as number,
        from: startPiece ? startPiece.from + span.from - startPiece.at : 0,
        to: endPiece ? endPiece.from + span.to - endPiece.at : 0,
      };
    },
  };
}

function keptPieces(length: number, spans: readonly HiddenSpan[]): KeptPiece[] {
  const pieces: KeptPiece[] = [];
  let position = 0;
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.from - b.from)) {
    if (span.from > position) {
      pieces.push({ from: position, to: span.from, at });
      at += span.from - position;
    }
    position = Math.max(position, span.to);
  }
  if (position < length) pieces.push({ from: position, to: length, at });
  return pieces;
}

/** Spans sorted by block and offset, overlapping or touching spans joined. */
function mergeSpans(spans: readonly HiddenSpan[]): HiddenSpan[] {
  const sorted = [...spans].sort((a, b) => a.block - b.block || a.from - b.from);
  const merged: HiddenSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.block === span.block && span.from <= last.to) {
      merged[merged.length - 1] = { ...last, to: Math.max(last.to, span.to) };
    } else {
      merged.push(span);
    }
  }
  return merged;
}
