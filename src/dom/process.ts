import { analysePost, analysePrepared, prepareAnalysis } from '../core/analyse';
import type { Analysis, AnalysisOptions, Block } from '../core/types';
import type { PageCount } from '../settings/messages';
import { bodyOf } from '../sites/query';
import type { SiteAdapter } from '../sites/site';
import { type Pause, readBlocks } from './blocks';
import {
  appliedCollapse,
  applyClean,
  applyCollapseSteps,
  hidingCollapses,
  restoreBody,
} from './collapse';
import { type BodyState, CLONE_TAG, isInsideOwnElement, STATE_ATTRIBUTE } from './contract';

/**
 * Processing one body synchronously: read it, ask the core, apply. The observer calls this
 * in small chunks; tests call it directly without timers.
 */

export interface ProcessOptions {
  /** Handed to the core (thresholds, switches, the page host). */
  readonly analysis: Partial<AnalysisOptions>;
  readonly showBadge: boolean;
  readonly startCollapsed: boolean;
  /** Told about an error in one post; that post is left untouched. */
  readonly onError?: (error: unknown) => void;
  /**
   * Analyses a large post away from the page's main thread (the extension's background). It
   * may fail or answer nothing; the post is then analysed here.
   */
  readonly analyseElsewhere?: (
    blocks: readonly Block[],
    options: Partial<AnalysisOptions>,
  ) => Promise<Analysis | undefined>;
}

/** What processing did: the body's new state, nothing (same text as before), or failed. */
export type BodyOutcome = BodyState | 'unchanged' | 'failed';

/** How often we put back a collapse the page took away while the text stayed the same. */
const MAX_REPAIRS = 2;
/**
 * A page that renders the same text into new nodes took our marks away with the old nodes; that
 * is no fight, so repairs start over, but only this often per text, in case it never stops.
 */
const MAX_RERENDERS = 100;

interface BodyMemory {
  readonly hash: number;
  /** The first page node of the text when we applied: another one means the page re-rendered. */
  firstNode: Node | null;
  rerenders: number;
  repairs: number;
  /** Failed, or the page kept removing our marks: leave this text alone. */
  settled: boolean;
}

let memory = new WeakMap<Element, BodyMemory>();

/**
 * A body whose text is at least this long is analysed in the background when it can be (the
 * core takes tens of milliseconds on such a post), and skips the cheap gate, which would split
 * its sentences on the page.
 */
const LARGE_BODY_CHARS = 20_000;

/** Processes a body now. */
export function processBody(
  body: Element,
  adapter: SiteAdapter,
  options: ProcessOptions,
): BodyOutcome {
  const steps = bodySteps(body, adapter, options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** A step that waits for work done elsewhere; the steps go on once `until` has settled. */
export interface Waiting {
  readonly until: Promise<unknown>;
}

/**
 * A step of `bodySteps`: a place to hand the main thread back to the page (`pause`), the end of
 * reading (`read`: every later step may write to the page), or a wait for the background.
 */
export type BodyStep = Pause | 'read' | Waiting;

/**
 * `processBody` in steps: it yields wherever the caller may hand the main thread back to the
 * page (inside the read of a huge body, and around the analysis of a post that may repeat), and
 * once when the body has been read. Only the steps after `read` write, so a caller can read
 * several bodies before writing any. If the page changes the body in between, the caller drops
 * the steps and starts again.
 */
export function* bodySteps(
  body: Element,
  adapter: SiteAdapter,
  options: ProcessOptions,
): Generator<BodyStep, BodyOutcome, void> {
  let hash: number | null = null;
  try {
    const read = yield* readBlocks(body, adapter);
    hash = read.hash;
    yield 'read';
    const current = appliedCollapse(body);
    const known = memory.get(body);
    let startCollapsed = options.startCollapsed;
    const firstNode = read.pageBlocks[0]?.pieces[0]?.node ?? null;
    if (known?.hash === hash && current) {
      if (known.settled || current.intact()) return 'unchanged';
      if (firstNode !== known.firstNode && known.rerenders < MAX_RERENDERS) {
        known.firstNode = firstNode;
        known.rerenders++;
        known.repairs = 0;
      }
      if (known.repairs >= MAX_REPAIRS) {
        // Don't fight the page: it keeps removing our marks from the same text.
        restoreBody(body);
        known.settled = true;
        return 'unchanged';
      }
      known.repairs++;
      startCollapsed = current.state !== 'expanded';
    } else if (known?.hash === hash && known.settled) {
      return 'unchanged';
    } else {
      memory.set(body, { hash, firstNode, rerenders: 0, repairs: 0, settled: false });
    }
    const large = read.chars >= LARGE_BODY_CHARS;
    // Most posts repeat nothing: the core's cheap test says so without a full analysis, and
    // what it built serves the analysis otherwise. A large body skips it: the test splits its
    // sentences, which needs a slice of its own.
    const prepared = large ? null : prepareAnalysis(read.blocks, options.analysis);
    if (!large && prepared === null) return applyClean(body, hash).state;
    // Analysing and applying each may take a slice of their own: a post with repeats costs many
    // times what a clean one does (and the first one also pays for compiling our code). A large
    // post is analysed in the background when it can be, off the page's main thread.
    let analysis: Analysis | undefined;
    if (large && options.analyseElsewhere) {
      const asked = options.analyseElsewhere(read.blocks, options.analysis).then(
        (answer) => {
          analysis = answer;
        },
        () => undefined,
      );
      yield { until: asked };
    }
    if (analysis === undefined) {
      yield 'pause';
      analysis = prepared ? analysePrepared(prepared) : analysePost(read.blocks, options.analysis);
    }
    yield 'pause';
    // Applying takes back the previous collapse first.
    const view = { ...options, startCollapsed };
    return (yield* applyCollapseSteps(body, read, analysis, view, hash)).state;
  } catch (error) {
    try {
      restoreBody(body);
    } catch {
      // Nothing more we can undo safely.
    }
    if (hash !== null) {
      memory.set(body, { hash, firstNode: null, rerenders: 0, repairs: 0, settled: true });
    }
    options.onError?.(error);
    return 'failed';
  }
}

/** The post bodies under `root` that we may process (never copies inside our own clones). */
export function findBodies(root: ParentNode, adapter: SiteAdapter): Element[] {
  return [...eachBody(root, adapter)];
}

/**
 * `findBodies` one body at a time, so a long feed's first scan can be spread over chunks. The
 * posts are found on the first step; the body of each is looked up as it is taken.
 */
export function* eachBody(root: ParentNode, adapter: SiteAdapter): Generator<Element, void> {
  // Posts come in document order and so do their bodies (a post's first body match comes no
  // later than that of a post nested in it), so unlike `bodiesIn` this does not sort: Blink's
  // compareDocumentPosition walks the siblings, which made sorting a long feed quadratic.
  const seen = new Set<Element>();
  // Copies of bodies live only in our clones: without a clone on the page, no body is one.
  const mayHoldCopies = root.querySelector(CLONE_TAG) !== null;
  for (const post of root.querySelectorAll(adapter.post)) {
    const body = bodyOf(adapter, post);
    if (body === null || seen.has(body) || (mayHoldCopies && isInsideOwnElement(body))) continue;
    seen.add(body);
    yield body;
  }
}

/** Processes every body under `root` now. Used by tests and for small pages. */
export function processDocument(
  root: ParentNode,
  adapter: SiteAdapter,
  options: ProcessOptions,
): BodyOutcome[] {
  return findBodies(root, adapter).map((body) => processBody(body, adapter, options));
}

function analysedBodies(root: ParentNode, states: readonly BodyState[]): Element[] {
  const selector = states.map((state) => `[${STATE_ATTRIBUTE}="${state}"]`).join(',');
  return [...root.querySelectorAll(selector)];
}

/** Takes back every collapse under `root` and forgets what was analysed. */
export function restoreAll(root: ParentNode): void {
  for (const body of analysedBodies(root, ['clean', 'collapsed', 'expanded'])) restoreBody(body);
  memory = new WeakMap();
}

/** Expands every collapsed post under `root`. */
export function showAll(root: ParentNode): void {
  for (const body of analysedBodies(root, ['collapsed'])) appliedCollapse(body)?.setExpanded(true);
}

/** Posts with collapsed repeats under `root`, and the paragraphs hidden in them. */
export function pageCount(root: Node): PageCount {
  let posts = 0;
  let paragraphs = 0;
  for (const collapse of hidingCollapses(root)) {
    posts++;
    paragraphs += collapse.hiddenParagraphs;
  }
  return { posts, paragraphs };
}
