import type { Analysis } from '../core/types';
import { type Bar, createBar, paragraphCount } from './bar';
import type { BodyBlocks, PageBlock } from './blocks';
import {
  BAR_TAG,
  type BodyState,
  CLONE_TAG,
  END_TAG,
  HIDDEN_ATTRIBUTE,
  STATE_ATTRIBUTE,
} from './contract';

/**
 * Applies an analysis to the page and takes it back. The page's own nodes are never moved,
 * removed, split or edited: we only add our attributes and insert our own elements (the bar
 * and clones), so removing those restores the exact original markup.
 *
 * - A page element whose text all belongs to hidden blocks gets `data-collapse-repeats-hidden="repeat"`.
 * - An element that mixes hidden and kept text (lines split by `<br>`, one text node with
 *   newlines) gets `="split"` and a `<collapse-repeats-clone>` beside it, holding a deep clone
 *   in which the hidden text is wrapped in our own `repeat` spans.
 * - The body's `data-collapse-repeats` says clean / collapsed / expanded, and every `repeat`
 *   mark of the post follows it (`repeat` while collapsed, `shown` while expanded). The
 *   stylesheet hides each mark by its own value only: a rule like
 *   `[data-collapse-repeats="collapsed"] [data-collapse-repeats-hidden]` makes Firefox re-match
 *   the body's whole subtree, recursively, whenever the body's state changes, and a post nested
 *   a few thousand levels deep then crashes the tab.
 */

export interface CollapseView {
  readonly startCollapsed: boolean;
  readonly showBadge: boolean;
}

export interface AppliedCollapse {
  /** Hash of the body text this collapse was made for. */
  readonly hash: number;
  /** Paragraphs hidden whole, plus paragraphs with hidden sentences. */
  readonly hiddenParagraphs: number;
  readonly state: BodyState;
  setExpanded(expanded: boolean): void;
  /** False when the page took away our attributes or elements since we applied them. */
  intact(): boolean;
}

type HiddenNode = Text | HTMLImageElement;
type NodeRange = [start: number, end: number];

/** The value of a hidden element's mark while its post is collapsed, and while it is expanded. */
const REPEAT = 'repeat';
const SHOWN = 'shown';

/**
 * The collapses that hide something, so the page's count needs no search of the whole page.
 * Held weakly: counting never keeps a post alive that the page has dropped.
 */
const hiding = new Set<WeakRef<Collapse>>();

class Collapse implements AppliedCollapse {
  state: BodyState;
  private readonly counted: WeakRef<Collapse> | null;

  constructor(
    private readonly body: Element,
    readonly hash: number,
    readonly hiddenParagraphs: number,
    initial: BodyState,
    /** Page elements carrying our hidden attribute. */
    private readonly marked: readonly Element[],
    /** Marks, on page elements and in our clones, whose value follows the state. */
    private readonly repeats: readonly Element[],
    /** Our inserted elements: clones and the bar. */
    private readonly inserted: readonly Element[],
    private readonly bar: Bar | null,
  ) {
    this.state = initial;
    this.counted = initial === 'clean' ? null : new WeakRef(this);
    if (this.counted) hiding.add(this.counted);
    body.setAttribute(STATE_ATTRIBUTE, initial);
    // The marks are made with the collapsed value.
    if (initial === 'expanded') this.showRepeats(true);
    bar?.setExpanded(initial === 'expanded');
  }

  setExpanded(expanded: boolean): void {
    if (this.state === 'clean') return;
    this.state = expanded ? 'expanded' : 'collapsed';
    this.body.setAttribute(STATE_ATTRIBUTE, this.state);
    this.showRepeats(expanded);
    this.bar?.setExpanded(expanded);
  }

  /** Gives every repeat mark the post's state; a mark the page took away stays away. */
  private showRepeats(shown: boolean): void {
    const value = shown ? SHOWN : REPEAT;
    for (const element of this.repeats) {
      if (element.hasAttribute(HIDDEN_ATTRIBUTE)) element.setAttribute(HIDDEN_ATTRIBUTE, value);
    }
  }

  intact(): boolean {
    return (
      this.body.getAttribute(STATE_ATTRIBUTE) === this.state &&
      this.marked.every(
        (element) => element.isConnected && element.hasAttribute(HIDDEN_ATTRIBUTE),
      ) &&
      this.inserted.every((element) => element.isConnected)
    );
  }

  /** Whether this collapse stands on a body inside `root` (the page may have moved or dropped it). */
  standsIn(root: Node): boolean {
    return this.body.getAttribute(STATE_ATTRIBUTE) === this.state && root.contains(this.body);
  }

  restore(): void {
    if (this.counted) hiding.delete(this.counted);
    for (const element of this.inserted) element.remove();
    for (const element of this.marked) element.removeAttribute(HIDDEN_ATTRIBUTE);
    this.body.removeAttribute(STATE_ATTRIBUTE);
  }
}

const collapses = new WeakMap<Element, Collapse>();

/** The collapse currently applied to a body, if any. */
export function appliedCollapse(body: Element): AppliedCollapse | undefined {
  return collapses.get(body);
}

/** The collapses that hide something in bodies under `root`. */
export function* hidingCollapses(root: Node): Generator<AppliedCollapse> {
  for (const reference of hiding) {
    const collapse = reference.deref();
    if (collapse === undefined) hiding.delete(reference);
    else if (collapse.standsIn(root)) yield collapse;
  }
}

/** Removes everything we added to this body. Safe to call on a body we never touched. */
export function restoreBody(body: Element): void {
  collapses.get(body)?.restore();
  collapses.delete(body);
}

function addRange(map: Map<HiddenNode, NodeRange[]>, node: HiddenNode, range: NodeRange): void {
  const ranges = map.get(node);
  if (ranges) ranges.push(range);
  else map.set(node, [range]);
}

/** Sorts and joins ranges that overlap or are separated by whitespace only. */
function mergeRanges(data: string, ranges: NodeRange[]): NodeRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: NodeRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && (range[0] <= last[1] || data.slice(last[1], range[0]).trim() === '')) {
      last[1] = Math.max(last[1], range[1]);
    } else {
      merged.push([range[0], range[1]]);
    }
  }
  return merged;
}

/** Pairs nodes of `original` with their counterparts in its deep clone. */
function mapIntoClone(original: Node, clone: Node, wanted: ReadonlySet<Node>): Map<Node, Node> {
  const map = new Map<Node, Node>();
  const document = original.ownerDocument ?? (original as Document);
  const SHOW_ALL = 0xffffffff;
  const left = document.createTreeWalker(original, SHOW_ALL);
  const right = document.createTreeWalker(clone, SHOW_ALL);
  let a: Node | null = left.currentNode;
  let b: Node | null = right.currentNode;
  while (a && b && map.size < wanted.size) {
    if (wanted.has(a)) map.set(a, b);
    a = left.nextNode();
    b = right.nextNode();
  }
  return map;
}

function markHidden(element: Element): void {
  element.setAttribute(HIDDEN_ATTRIBUTE, REPEAT);
}

/**
 * Wraps the hidden ranges of a cloned text node in our spans (last range first, so earlier
 * offsets stay valid). A hidden line also takes its line break with it. Returns the first span.
 */
function wrapInClone(text: Text, ranges: readonly NodeRange[]): Element | null {
  const document = text.ownerDocument;
  let first: Element | null = null;
  for (let i = ranges.length - 1; i >= 0; i--) {
    const [start, rawEnd] = ranges[i] as NodeRange;
    const data = text.data;
    let end = Math.min(rawEnd, data.length);
    const lineBreak = /^[ \t]*\n/.exec(data.slice(end));
    if (lineBreak) end += lineBreak[0].length;
    if (start >= end) continue;
    const middle = text.splitText(start);
    middle.splitText(end - start);
    const span = document.createElement('span');
    markHidden(span);
    middle.replaceWith(span);
    span.append(middle);
    first = span;
  }
  return first;
}

/** In a clone, the `<br>`s right after hidden text belong to the hidden lines. */
function hideFollowingBreaks(element: Element): void {
  for (let next = element.nextSibling; next; next = next.nextSibling) {
    if (next.nodeType === 3 && (next as Text).data.trim() === '') continue;
    if (next.nodeType !== 1 || (next as Element).localName !== 'br') return;
    markHidden(next as Element);
  }
}

/**
 * In a clone, line breaks and blank lines that only separate hidden pieces are hidden with
 * them; otherwise a pre-wrap body split over many text nodes keeps one empty line per hidden
 * paragraph.
 */
function hideGapsBetweenHidden(clone: Element): void {
  const document = clone.ownerDocument;
  const walker = document.createTreeWalker(clone, 0x1 | 0x4);
  let pending: (Text | Element)[] = [];
  let afterHidden = false;
  let node: Node | null = walker.nextNode();
  while (node) {
    if (node.nodeType === 1 && (node as Element).hasAttribute(HIDDEN_ATTRIBUTE)) {
      if (afterHidden) {
        for (const gap of pending) {
          if (gap.nodeType === 1) markHidden(gap as Element);
          else wrapInClone(gap as Text, [[0, (gap as Text).data.length]]);
        }
      }
      pending = [];
      afterHidden = true;
      node = walker.nextSibling() ?? nextOutside(walker);
      continue;
    }
    if (node.nodeType === 3) {
      if ((node as Text).data.trim() === '') pending.push(node as Text);
      else {
        pending = [];
        afterHidden = false;
      }
    } else if ((node as Element).localName === 'br') {
      pending.push(node as Element);
    }
    node = walker.nextNode();
  }
}

/** The next node after the walker's current subtree. */
function nextOutside(walker: TreeWalker): Node | null {
  while (walker.parentNode()) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
  }
  return null;
}

/**
 * Records a body with nothing hidden, taking back an earlier collapse first: `applyCollapse`
 * with an analysis that hides nothing, without its steps (most posts of a feed take this way).
 */
export function applyClean(body: Element, hash: number): AppliedCollapse {
  restoreBody(body);
  return clean(body, hash);
}

/** The elements of a clean body's collapse: none, shared by the many clean posts of a feed. */
const NO_ELEMENTS: readonly Element[] = Object.freeze([]);

/** Records a body with nothing hidden. */
function clean(body: Element, hash: number): AppliedCollapse {
  const collapse = new Collapse(
    body,
    hash,
    0,
    'clean',
    NO_ELEMENTS,
    NO_ELEMENTS,
    NO_ELEMENTS,
    null,
  );
  collapses.set(body, collapse);
  return collapse;
}

/**
 * Marks set, and blocks or nodes looked at, between two pauses of `applyCollapseSteps`: a few
 * milliseconds of work each. Until the marks, the steps only read the page (after taking back an
 * earlier collapse), so pausing there is safe.
 */
const MARKS_PER_STEP = 2000;
const BLOCKS_PER_STEP = 2000;

/**
 * Marks the hidden parts of `body` and inserts the bar. `read` must be the extraction the
 * analysis was made from.
 */
export function applyCollapse(
  body: Element,
  read: BodyBlocks,
  analysis: Analysis,
  view: CollapseView,
  hash: number,
): AppliedCollapse {
  const steps = applyCollapseSteps(body, read, analysis, view, hash);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * `applyCollapse` in steps: a post with thousands of hidden paragraphs is marked over several
 * slices. Dropped halfway (the page changed the body), it takes its marks back.
 */
export function* applyCollapseSteps(
  body: Element,
  read: BodyBlocks,
  analysis: Analysis,
  view: CollapseView,
  hash: number,
): Generator<'pause', AppliedCollapse, void> {
  restoreBody(body);
  if (analysis.hiddenBlocks.length === 0 && analysis.hiddenSpans.length === 0) {
    return clean(body, hash);
  }
  const pageBlocks = read.pageBlocks;
  const hiddenBlocks = new Set(analysis.hiddenBlocks.filter((index) => index < pageBlocks.length));
  const spansByBlock = new Map<number, NodeRange[]>();
  for (const span of analysis.hiddenSpans) {
    if (span.block >= pageBlocks.length || hiddenBlocks.has(span.block) || span.to <= span.from) {
      continue;
    }
    const spans = spansByBlock.get(span.block) ?? [];
    spans.push([span.from, span.to]);
    spansByBlock.set(span.block, spans);
  }
  if (hiddenBlocks.size === 0 && spansByBlock.size === 0) return clean(body, hash);

  // 1. Which page nodes hold hidden text, and which hold kept text (a node may hold both).
  const hiddenRanges = new Map<HiddenNode, NodeRange[]>();
  const keptNodes = new Set<HiddenNode>();
  let firstHidden: HiddenNode | null = null;
  for (let index = 0; index < pageBlocks.length; index++) {
    if (index % BLOCKS_PER_STEP === BLOCKS_PER_STEP - 1) yield 'pause';
    const page = pageBlocks[index] as PageBlock;
    if (hiddenBlocks.has(index)) {
      for (const piece of page.pieces) addRange(hiddenRanges, piece.node, [piece.start, piece.end]);
      firstHidden ??= page.pieces[0]?.node ?? null;
      continue;
    }
    const spans = spansByBlock.get(index);
    if (!spans) {
      for (const piece of page.pieces) keptNodes.add(piece.node);
      continue;
    }
    const text = page.block.text;
    for (const run of page.runs) {
      const runEnd = run.textAt + run.length;
      const isSpace = text.charCodeAt(run.textAt) === 32;
      let covered = 0;
      for (const [from, to] of spans) {
        const start = Math.max(from, run.textAt);
        const end = Math.min(to, runEnd);
        if (start >= end) continue;
        covered += end - start;
        const range: NodeRange =
          run.node.nodeType === 3
            ? [run.nodeAt + start - run.textAt, run.nodeAt + end - run.textAt]
            : [0, 1];
        addRange(hiddenRanges, run.node, range);
        if (!isSpace) firstHidden ??= run.node;
      }
      if (!isSpace && covered < run.length) keptNodes.add(run.node);
    }
  }

  // 2. Elements that hold kept text or foreign content (cards, quotes) must stay visible.
  const kept = new Set<Element>([body]);
  const keepUp = (start: Element | null): void => {
    for (let element = start; element && !kept.has(element); element = element.parentElement) {
      kept.add(element);
    }
  };
  for (const node of keptNodes)
    keepUp(node.nodeType === 3 ? node.parentElement : (node as Element));
  for (const element of read.opaque) keepUp(element);

  // 3. Hide the highest element holding only hidden text; text that shares its element with
  //    kept text makes that element a split target instead.
  const hideTops = new Set<Element>();
  const naked = new Map<Text, NodeRange[]>();
  const splitTargets = new Set<Element>();
  let looked = 0;
  for (const [node, ranges] of hiddenRanges) {
    if (++looked % BLOCKS_PER_STEP === 0) yield 'pause';
    const start = node.nodeType === 3 ? node.parentElement : (node as Element);
    if (!start) continue;
    if (node.nodeType === 3 && (keptNodes.has(node) || kept.has(start))) {
      naked.set(node as Text, mergeRanges((node as Text).data, ranges));
      splitTargets.add(start);
      continue;
    }
    if (kept.has(start)) continue;
    let top = start;
    while (top.parentElement && !kept.has(top.parentElement)) top = top.parentElement;
    hideTops.add(top);
  }
  const outerSplits = [...splitTargets].filter((target) => {
    for (let up = target.parentElement; up && up !== body.parentElement; up = up.parentElement) {
      if (splitTargets.has(up)) return false;
    }
    return true;
  });

  const marked: Element[] = [];
  const repeats: Element[] = [...hideTops];
  let applied = false;
  try {
    for (const top of hideTops) {
      markHidden(top);
      marked.push(top);
      if (marked.length % MARKS_PER_STEP === 0) yield 'pause';
    }
    applied = true;
  } finally {
    if (!applied) for (const element of marked) element.removeAttribute(HIDDEN_ATTRIBUTE);
  }

  // 4. Clone each split target with its hidden text wrapped in our spans.
  const document = body.ownerDocument;
  const inserted: Element[] = [];
  let barAnchor: Element | null = null;
  const firstNode = firstHidden as HiddenNode | null;
  for (const target of outerSplits) {
    const wanted = new Set<Node>();
    for (const node of naked.keys()) if (target.contains(node)) wanted.add(node);
    for (const top of hideTops) if (target.contains(top)) wanted.add(top);
    const clone = target.cloneNode(true) as Element;
    const counterpart = mapIntoClone(target, clone, wanted);
    const firstSpans = new Map<Node, Element>();
    for (const node of wanted) {
      const copy = counterpart.get(node);
      if (!copy) continue;
      if (copy.nodeType === 3) {
        const span = wrapInClone(copy as Text, naked.get(node as Text) ?? []);
        if (span) firstSpans.set(node, span);
      } else {
        firstSpans.set(node, copy as Element);
      }
    }
    for (const span of firstSpans.values()) hideFollowingBreaks(span);
    for (const span of clone.querySelectorAll(`span[${HIDDEN_ATTRIBUTE}]`))
      hideFollowingBreaks(span);
    hideGapsBetweenHidden(clone);
    clone.removeAttribute(STATE_ATTRIBUTE);
    clone.removeAttribute('id');
    for (const element of clone.querySelectorAll('[id]')) element.removeAttribute('id');
    // Bars of nested posts do not survive cloning (no shadow root); drop the empty shells.
    for (const shell of clone.querySelectorAll(`${BAR_TAG},${END_TAG}`)) shell.remove();
    for (const mark of clone.querySelectorAll(`[${HIDDEN_ATTRIBUTE}="${REPEAT}"]`)) {
      // The copy of a nested post (a quote) keeps the marks of that post's state.
      if (!mark.parentElement?.closest(`[${STATE_ATTRIBUTE}]`)) repeats.push(mark);
    }

    if (barAnchor === null && firstNode !== null && target.contains(firstNode)) {
      const top = [...hideTops].find((element) => element.contains(firstNode));
      barAnchor = firstSpans.get(top ?? firstNode) ?? null;
    }
    const holder = document.createElement(CLONE_TAG);
    holder.append(clone);
    target.after(holder);
    target.setAttribute(HIDDEN_ATTRIBUTE, 'split');
    marked.push(target);
    inserted.push(holder);
  }
  if (barAnchor === null && firstNode !== null) {
    barAnchor = [...hideTops].find((element) => element.contains(firstNode)) ?? null;
  }

  // 5. One bar, where the first hidden run was.
  const paragraphs = hiddenBlocks.size + spansByBlock.size;
  const toggle = laterToggle();
  const bar = createBar(
    document,
    {
      hiddenBlocks: paragraphCount(hiddenBlocks, read.blocks),
      hiddenSpans: spansByBlock.size > 0,
      runs: analysis.runs,
    },
    analysis.articleUrl,
    view.showBadge,
    toggle.run,
  );
  const anchor = barAnchor ?? marked[0] ?? null;
  if (anchor) {
    anchor.before(bar.host);
    inserted.push(bar.host);
    // The second Hide button goes after the repeat that comes last in the page.
    let last: Element | null = null;
    for (const mark of repeats) {
      const position = last?.compareDocumentPosition(mark) ?? 4;
      if (position & 4 && !(position & 16)) last = mark;
    }
    if (last) {
      last.after(bar.end);
      inserted.push(bar.end);
    }
  }
  const collapse = new Collapse(
    body,
    hash,
    paragraphs,
    view.startCollapsed ? 'collapsed' : 'expanded',
    marked,
    repeats,
    inserted,
    bar,
  );
  toggle.collapse = collapse;
  collapses.set(body, collapse);
  return collapse;
}

/**
 * The bar's toggle, for a collapse made after the bar. Made outside `applyCollapseSteps`: a
 * closure made there would share its scope, and the bar would keep the post's whole read (every
 * block, piece and node list of it) alive for as long as the post is on the page.
 */
function laterToggle(): { collapse: Collapse | null; readonly run: () => void } {
  const toggle = {
    collapse: null as Collapse | null,
    run: () => toggle.collapse?.setExpanded(toggle.collapse.state !== 'expanded'),
  };
  return toggle;
}
