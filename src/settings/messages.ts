/**
 * Messages between the content script, the background and the popup. Shared here because
 * every extension-side layer may import settings, and nothing else is shared by all of them.
 */
import type { Analysis, AnalysisOptions, Block } from '../core/types';

/** What the content script collapsed on its page. */
export interface PageCount {
  /** Posts with at least one collapsed run. */
  readonly posts: number;
  /** Paragraphs (blocks) hidden across those posts. */
  readonly paragraphs: number;
}

export type Message =
  /** content → background: the page's count changed. */
  | { readonly type: 'collapse-repeats:count'; readonly count: PageCount }
  /** popup → content: answer with the page's count. */
  | { readonly type: 'collapse-repeats:get-count' }
  /** popup → content: expand every collapsed post on the page. Answer with the new `PageCount`. */
  | { readonly type: 'collapse-repeats:show-all' }
  /**
   * options → content: count what a custom site's selectors match on this page, without
   * changing anything. Answer with a `SelectorTest`, or `null` when a selector doesn't parse.
   */
  | {
      readonly type: 'collapse-repeats:test-selectors';
      readonly post: string;
      readonly body: string;
    };

/** What a custom site's selectors match on a page. */
export interface SelectorTest {
  /** Elements that match the post selector. */
  readonly posts: number;
  /** Of those posts, how many contain an element matching the body selector. */
  readonly bodies: number;
}

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    (value as { type: string }).type.startsWith('collapse-repeats:')
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const isIndex = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

const isRange = (value: unknown): boolean =>
  isRecord(value) && isIndex(value.start) && isIndex(value.end);

/**
 * A large post goes to the background for analysis over a port of this name (content →
 * background): its blocks in parts, each small enough to send within a slice of the page's
 * main thread, then the options. The background answers with the `Analysis`.
 */
export const ANALYSE_PORT = 'collapse-repeats:analyse';

/** One part of the blocks. A block whose text `continues` goes on in the next part. */
export interface BlocksPart {
  readonly blocks: readonly (Block & { readonly continues?: true })[];
}

/** The end of the blocks: analyse them with these options. */
export interface AnalyseOptionsPart {
  readonly options: Partial<AnalysisOptions>;
}

/** `blocks` in parts of at most `maxChars` characters of text; a longer block is cut. */
export function* blocksInParts(blocks: readonly Block[], maxChars: number): Generator<BlocksPart> {
  let part: (Block & { continues?: true })[] = [];
  let chars = 0;
  for (const block of blocks) {
    let from = 0;
    do {
      if (chars >= maxChars) {
        yield { blocks: part };
        part = [];
        chars = 0;
      }
      const to = Math.min(block.text.length, from + maxChars - chars);
      const piece =
        from === 0 && to === block.text.length ? block.text : block.text.slice(from, to);
      part.push(
        to < block.text.length
          ? { text: piece, links: [], continues: true }
          : { text: piece, links: block.links },
      );
      chars += to - from;
      from = to;
    } while (from < block.text.length);
  }
  if (part.length > 0) yield { blocks: part };
}

/** Joins parts back into blocks. */
export class BlocksJoiner {
  private readonly blocks: Block[] = [];
  private pending = '';

  /** Takes the next part; false when it is malformed. */
  add(part: unknown): boolean {
    if (!isRecord(part) || !Array.isArray(part.blocks)) return false;
    for (const block of part.blocks as unknown[]) {
      if (
        !isRecord(block) ||
        typeof block.text !== 'string' ||
        !Array.isArray(block.links) ||
        !block.links.every((link: unknown) => typeof link === 'string')
      ) {
        return false;
      }
      if (block.continues === true) {
        this.pending += block.text;
        continue;
      }
      this.blocks.push({ text: this.pending + block.text, links: block.links as string[] });
      this.pending = '';
    }
    return true;
  }

  /** The blocks sent so far, or null when a cut block never ended. */
  joined(): readonly Block[] | null {
    return this.pending === '' ? this.blocks : null;
  }
}

export function isOptionsPart(value: unknown): value is AnalyseOptionsPart {
  return isRecord(value) && isRecord(value.options);
}

/** An analysis as the background answers it. */
export function isAnalysis(value: unknown): value is Analysis {
  return (
    isRecord(value) &&
    Array.isArray(value.runs) &&
    value.runs.every(
      (run: unknown) =>
        isRange(run) && isRecord(run) && isRange(run.copyOf) && typeof run.kind === 'string',
    ) &&
    Array.isArray(value.hiddenBlocks) &&
    value.hiddenBlocks.every(isIndex) &&
    Array.isArray(value.hiddenSpans) &&
    value.hiddenSpans.every(
      (span: unknown) =>
        isRecord(span) && isIndex(span.block) && isIndex(span.from) && isIndex(span.to),
    ) &&
    (value.articleUrl === null || typeof value.articleUrl === 'string')
  );
}
