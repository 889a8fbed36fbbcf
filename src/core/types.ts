/**
 * The core contract: a post goes in as ordered blocks, the repeated runs come out.
 * Pure data. Nothing here knows about the DOM or the browser.
 */

/** One paragraph as displayed: its text and the hrefs of the links inside it, in order. */
export interface Block {
  readonly text: string;
  readonly links: readonly string[];
}

/** How a run matches the range it repeats. */
export type RepeatKind = 'exact' | 'near' | 'truncated-lead';

/** Inclusive range of block indexes. */
export interface BlockRange {
  readonly start: number;
  readonly end: number;
}

/**
 * A run of blocks that repeats another range of the same post.
 * For `exact` and `near` runs, `copyOf` is the earlier, kept copy.
 * For `truncated-lead` runs, the run is the earlier, shortened copy and `copyOf` is the
 * complete text that follows it.
 */
export interface RepeatRun extends BlockRange {
  readonly copyOf: BlockRange;
  readonly kind: RepeatKind;
}

/** Characters `[from, to)` (UTF-16 offsets into `Block.text`) hidden inside a block that is partly kept. */
export interface HiddenSpan {
  readonly block: number;
  readonly from: number;
  readonly to: number;
}

export interface Analysis {
  readonly runs: readonly RepeatRun[];
  /** Blocks hidden whole, ascending. */
  readonly hiddenBlocks: readonly number[];
  /** Sentence-level repeats inside blocks that keep other text, ascending by block then offset. */
  readonly hiddenSpans: readonly HiddenSpan[];
  /** The original article the post names, or null. Always http(s). */
  readonly articleUrl: string | null;
}

/** Tunable thresholds and switches. Defaults and their reasons live in `options.ts`. */
export interface AnalysisOptions {
  /** A run must hold at least this many characters (normalised) to be collapsed. */
  readonly minRunChars: number;
  /** A run must hold at least this many words to be collapsed. */
  readonly minRunWords: number;
  /** Find runs that differ by hashtags, punctuation styles or small edits. */
  readonly nearMatching: boolean;
  /** Hide a shortened lead ("…", "Read more", a mid-word cut) when its full text follows. */
  readonly truncatedLeads: boolean;
  /** Remove tracking parameters (utm_*, fbclid, …) from the article URL. */
  readonly stripTracking: boolean;
  /** Host of the page the post is on; links to it are not article links. Empty when unknown. */
  readonly pageHost: string;
  /** A run must hold, or copy, at least one prose paragraph of this many characters. */
  readonly minParagraphChars?: number;
  /** Blocks at least this long are split into sentences (`Intl.Segmenter`) before matching. */
  readonly sentenceSplitChars?: number;
  /** Share of words (0–1) two blocks must have in common to count as a near copy. */
  readonly nearSimilarity?: number;
  /** Upper bound on near-copy similarity checks per post. */
  readonly maxNearComparisons?: number;
  /** A shortened lead or title must hold at least this many characters to be hidden. */
  readonly minLeadChars?: number;
  /** A shortened lead or title must hold at least this many words to be hidden. */
  readonly minLeadWords?: number;
  /** Hide a shortened lead with a label in front ("Ann on Nostr: …") when its full text follows. */
  readonly labelledLeads?: boolean;
  /** Hide a sentence-like line said again right under itself, among prose. */
  readonly adjacentRepeats?: boolean;
  /**
   * Hide a later copy of the post's first line (a caption, alt text), with or without a photo
   * credit, and a title that a later paragraph (after a standfirst) opens with.
   */
  readonly titleRepeats?: boolean;
  /** A short repeat those two rules hide must hold at least this many characters (script-weighted). */
  readonly minShortRepeatChars?: number;
  /** A short repeat those two rules hide must hold at least this many words. */
  readonly minShortRepeatWords?: number;
}
