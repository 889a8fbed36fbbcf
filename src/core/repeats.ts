/**
 * Finds the repeated runs of a post. See DESIGN.md, "Core contract".
 *
 * The post is read as units: one per block, or one per sentence for a block longer than
 * `sentenceSplitChars`. Each unit gets at most one match, in this order:
 * 1. shortened leads and titles whose full text follows (the lead is hidden);
 * 2. exact copies: a hash of each normalised unit, runs extended greedily (linear);
 * 3. re-wrapped copies: several lines that together equal one earlier unit, or the reverse;
 * 4. near copies: word similarity against a few candidates per unit, under a fixed budget.
 * Matched units that follow each other and copy units that follow each other form a run;
 * a run is collapsed only when it is substantial (see options.ts).
 */
import { ANCHOR_CHARS, anchorsOf, literalAnchors } from './anchors';
import { urlLineKey } from './blocks';
import {
  comparisonText,
  countWords,
  similarity,
  stripTruncation,
  type WordSets,
  wordSets,
} from './normalise';
import { splitSentences } from './sentences';
import type { AnalysisOptions, Block, HiddenSpan, RepeatKind, RepeatRun } from './types';

export type Settings = Required<AnalysisOptions>;

export interface Unit {
  readonly block: number;
  /** Offsets of the unit's text in its block, without surrounding whitespace. */
  readonly from: number;
  readonly to: number;
  /**
   * The comparison text, truncation marks included, computed on first use. For a line that
   * is only a URL, the URL it stands for (see `urlLineKey`).
   */
  comparison: string | undefined;
  /** Hashes of the first and last characters of the comparison text (see anchors.ts). */
  readonly head: number;
  readonly tail: number;
  readonly urlOnly: boolean;
  /** One sentence of a block split into several. */
  readonly sentence: boolean;
}

/**
 * The units of a post with the facts only some units need, computed on first use. Most
 * posts repeat nothing: their units get two short anchors hashed and nothing more.
 */
class Post {
  // Sized up front: filling an empty array at scattered indexes makes V8 store it as a dictionary.
  private readonly keys: (string | undefined)[];
  private readonly truncated: Uint8Array;
  /** Word counts plus one; 0 while unknown. */
  private readonly wordCounts: Int32Array;
  /** Per block: 0 unknown, 1 prose, 2 not prose. */
  private readonly proseBlocks: Uint8Array;
  /** For each unit, the first unit with the same head, and with the same tail. */
  private readonly headFirst: Int32Array;
  private readonly tailFirst: Int32Array;
  /** Units whose head another unit shares. */
  private readonly sharedHeads: Uint8Array;
  /** Whether any two units share a head or a tail; when none do, nothing can match. */
  readonly anyShared: boolean = false;

  constructor(
    readonly blocks: readonly Block[],
    readonly units: readonly Unit[],
    private readonly settings: Settings,
  ) {
    let anyShared = false;
    this.keys = new Array(units.length);
    this.truncated = new Uint8Array(units.length);
    this.wordCounts = new Int32Array(units.length);
    this.proseBlocks = new Uint8Array(blocks.length);
    this.headFirst = firstWithSameAnchor(units, false, new Int32Array(units.length));
    this.tailFirst = firstWithSameAnchor(units, true, new Int32Array(units.length));
    this.sharedHeads = new Uint8Array(units.length);
    for (let index = 0; index < units.length; index++) {
      const first = this.headFirst[index] as number;
      if (first !== index) {
        this.sharedHeads[first] = 1;
        this.sharedHeads[index] = 1;
        anyShared = true;
      }
      if (this.tailFirst[index] !== index) anyShared = true;
    }
    this.anyShared = anyShared;
  }

  text(index: number): string {
    const unit = this.units[index] as Unit;
    return (this.blocks[unit.block] as Block).text.slice(unit.from, unit.to);
  }

  /** The comparison text without the marks of a shortened lead. */
  key(index: number): string {
    let key = this.keys[index];
    if (key === undefined) {
      const unit = this.units[index] as Unit;
      unit.comparison ??= comparisonText(this.text(index));
      // A shortened link ("example.org/news/…") is a whole link, not a shortened lead.
      const { stem, truncated } = unit.urlOnly
        ? { stem: unit.comparison, truncated: false }
        : stripTruncation(unit.comparison);
      key = stem;
      this.keys[index] = stem;
      this.truncated[index] = truncated ? 1 : 0;
    }
    return key;
  }

  /** Whether two units have the same key; the anchors rule most pairs out without one. */
  sameKey(a: number, b: number): boolean {
    const units = this.units;
    if ((units[a] as Unit).head !== (units[b] as Unit).head) return false;
    return this.text(a) === this.text(b) || this.key(a) === this.key(b);
  }

  /** Ends in "…", "Read more" or another mark of a shortened lead. */
  isTruncated(index: number): boolean {
    this.key(index);
    return this.truncated[index] === 1;
  }

  /** Whether another unit starts with the same characters: only such units can be exact copies. */
  sharesHead(index: number): boolean {
    return this.sharedHeads[index] === 1;
  }

  firstWithHead(index: number): number {
    return this.headFirst[index] as number;
  }

  firstWithTail(index: number): number {
    return this.tailFirst[index] as number;
  }

  words(index: number): number {
    let stored = this.wordCounts[index] as number;
    if (stored === 0) {
      stored = countWords(this.text(index)) + 1;
      this.wordCounts[index] = stored;
    }
    return stored - 1;
  }

  /** Starts with `>` or is wrapped in quotation marks: a quotation, never a near copy of prose. */
  isQuotation(index: number): boolean {
    const text = this.text(index);
    return text.startsWith('>') || QUOTED.test(text);
  }

  /** Comes from a block of prose at least `minParagraphChars` long. */
  isParagraph(index: number): boolean {
    const block = (this.units[index] as Unit).block;
    let prose = this.proseBlocks[block] as number;
    if (prose === 0) {
      prose = isProse((this.blocks[block] as Block).text, this.settings.minParagraphChars) ? 1 : 2;
      this.proseBlocks[block] = prose;
    }
    return prose === 1;
  }
}

/**
 * The hash table of `firstWithSameAnchor`, kept between calls and grown as needed: a feed asks
 * for thousands of them, and allocating typed arrays was most of their cost.
 */
let anchorTable = new Int32Array(64);

/**
 * For each unit, the first unit with the same head (or tail) hash, written into `first` (at
 * least as long as `units`). An open-addressing table of (hash, index + 1) pairs is cheaper
 * than a Map for every post.
 */
function firstWithSameAnchor(
  units: readonly Unit[],
  tail: boolean,
  first: Int32Array,
  skipped?: Uint8Array,
): Int32Array {
  let capacity = 16;
  while (capacity < units.length * 2) capacity *= 2;
  const mask = capacity - 1;
  if (anchorTable.length < capacity * 2) anchorTable = new Int32Array(capacity * 2);
  else anchorTable.fill(0, 0, capacity * 2);
  const table = anchorTable;
  for (let index = 0; index < units.length; index++) {
    first[index] = index;
    if (skipped !== undefined && skipped[index] === 1) continue;
    const unit = units[index] as Unit;
    const hash = tail ? unit.tail : unit.head;
    let slot = hash & mask;
    for (;;) {
      const stored = table[2 * slot + 1] as number;
      if (stored === 0) {
        table[2 * slot] = hash;
        table[2 * slot + 1] = index + 1;
        break;
      }
      if (table[2 * slot] === hash) {
        first[index] = stored - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return first;
}

const NONE = 0;
const EXACT = 1;
const NEAR = 2;
const LEAD = 3;

/** Units shorter than this are too short for near matching. */
const HEAD_CHARS = ANCHOR_CHARS;

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

/** A post's units, built once for the early test and for the analysis that follows it. */
export interface PostUnits {
  readonly units: readonly Unit[];
  /** See `buildUnits`. */
  readonly twins: readonly number[];
}

/**
 * The units of `blocks` when `findRepeats` could find anything in them, null when it cannot:
 * every kind of match needs two units that start or end alike, so without such a pair it
 * returns nothing. This is the test of its early exit, done on the units alone; most posts
 * stop here, and the others hand their units on to `findRepeats`.
 */
export function repeatCandidates(blocks: readonly Block[], settings: Settings): PostUnits | null {
  // One block that is not cut into sentences is one unit at most: nothing to share an anchor with.
  if (blocks.length === 0) return null;
  if (blocks.length === 1) {
    const text = (blocks[0] as Block).text;
    let from = 0;
    while (from < text.length && isSpace(text.charCodeAt(from))) from++;
    if (!shouldSplit(text, from, settings)) return null;
  }
  const twins: number[] = [];
  const units = buildUnits(blocks, settings, twins);
  return shareAnchor(units) ? { units, twins } : null;
}

/** `built`: the units `repeatCandidates` made of the same blocks and settings, if any. */
export function findRepeats(
  blocks: readonly Block[],
  settings: Settings,
  built?: PostUnits,
): Repeats {
  const twins: number[] = [];
  const units = built?.units ?? buildUnits(blocks, settings, twins);
  const post = new Post(blocks, units, settings);
  // Every kind of match needs two units that start or end alike.
  if (!post.anyShared) return { runs: [], hiddenBlocks: [], hiddenSpans: [], settled: true };
  const matches = new Matches(post.units.length);
  if (settings.truncatedLeads) matchLeads(post, matches, settings);
  matchExact(post, matches);
  matchByAnchors(post, matches, settings);
  const runs = collapsibleRuns(post, matches, settings);
  return toBlocks(post.units, runs, built?.twins ?? twins);
}

/** Blocks shorter than this are never split: a repeat inside them could not be substantial. */
const MIN_SPLIT_CHARS = 200;
/** Characters of a block's opening that must recur inside it for a medium block to be split. */
const OPENING_CHARS = 20;

/**
 * The units of a post. `twins` receives the units of long blocks left whole because they
 * repeat an earlier block: without that block, they would be split into sentences.
 */
function buildUnits(blocks: readonly Block[], settings: Settings, twins: number[]): Unit[] {
  const units: Unit[] = [];
  let splitBlocks: Set<string> | undefined;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    const text = block.text;
    let from = 0;
    let to = text.length;
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (to === from) continue;
    let blockKey: string | undefined;
    if (shouldSplit(text, from, settings)) {
      // A block that repeats an earlier long block whole stays one unit: it matches the
      // earlier block's sentences as a re-wrapped copy, without segmenting it again.
      blockKey = comparisonText(text);
      splitBlocks ??= new Set();
      if (!splitBlocks.has(blockKey)) {
        splitBlocks.add(blockKey);
        const sentences = splitSentences(text);
        if (sentences.length > 1) {
          for (const sentence of sentences) {
            units.push(makeUnit(index, text, NO_LINKS, sentence.from, sentence.to, true));
          }
          continue;
        }
      } else {
        twins.push(units.length);
      }
    }
    const unit = makeUnit(index, text, block.links, from, to, false);
    // Normalisation ignores the whitespace around a text, so the block's key is the unit's.
    if (!unit.urlOnly) unit.comparison ??= blockKey;
    units.push(unit);
  }
  return units;
}

const NO_LINKS: readonly string[] = [];

/**
 * Long blocks are split into sentences. A medium block is split only when its opening
 * recurs inside it (a text said twice in one line), which costs one native string search.
 */
function shouldSplit(text: string, from: number, settings: Settings): boolean {
  if (text.length >= settings.sentenceSplitChars) return true;
  if (text.length < MIN_SPLIT_CHARS) return false;
  const opening = text.slice(from, from + OPENING_CHARS);
  return text.indexOf(opening, from + OPENING_CHARS) !== -1;
}

/** A unit of `blockText`; `links` are the links of the unit's text (none for a sentence). */
function makeUnit(
  block: number,
  blockText: string,
  links: readonly string[],
  from: number,
  to: number,
  sentence: boolean,
): Unit {
  const text = from === 0 && to === blockText.length ? blockText : blockText.slice(from, to);
  const url = urlLineKey(text, links);
  const { head, tail, comparison } = url === null ? anchorsOf(text) : literalAnchors(url);
  return { block, from, to, comparison, head, tail, urlOnly: url !== null, sentence };
}

class Matches {
  readonly kind: Uint8Array;
  readonly copyStart: Int32Array;
  readonly copyEnd: Int32Array;
  /** Units that together copy one earlier unit share a group: the first unit's index. */
  readonly group: Int32Array;

  constructor(size: number) {
    this.kind = new Uint8Array(size);
    this.copyStart = new Int32Array(size).fill(-1);
    this.copyEnd = new Int32Array(size).fill(-1);
    this.group = new Int32Array(size).fill(-1);
  }

  set(unit: number, kind: number, copyStart: number, copyEnd: number, group = -1): void {
    this.kind[unit] = kind;
    this.copyStart[unit] = copyStart;
    this.copyEnd[unit] = copyEnd;
    this.group[unit] = group;
  }

  /** Whether a unit may be the kept copy of another: complete text, not itself a hidden lead. */
  isSource(post: Post, unit: number): boolean {
    return this.kind[unit] !== LEAD && !post.isTruncated(unit) && post.key(unit) !== '';
  }
}

/** Shortened leads, mid-word cuts and standalone titles whose full text follows. */
function matchLeads(post: Post, matches: Matches, settings: Settings): void {
  const units = post.units;
  for (let index = 0; index + 1 < units.length; index++) {
    const lead = units[index] as Unit;
    // A lead and its full text start alike: only units whose anchor recurs soon can be leads.
    let sharesHead = false;
    for (let next = index + 1; next <= index + 3 && next < units.length; next++) {
      sharesHead ||= (units[next] as Unit).head === lead.head;
    }
    if (!sharesHead || lead.urlOnly || post.key(index).length < settings.minLeadChars) continue;
    const full = post.isTruncated(index)
      ? fullTextOfMarkedLead(post, index)
      : fullTextOfCutLead(post, index);
    if (full !== null && post.words(index) >= settings.minLeadWords) {
      matches.set(index, LEAD, full[0], full[1]);
    }
  }
}

/** Where the text of a lead that ends in "…" or "Read more" starts over, within the next three units. */
function fullTextOfMarkedLead(post: Post, index: number): [number, number] | null {
  const stem = post.key(index);
  const units = post.units;
  for (let start = index + 1; start <= index + 3 && start < units.length; start++) {
    let offset = 0;
    for (let unit = start; unit < units.length && unit - start < 50; unit++) {
      const key = post.key(unit);
      if (post.isTruncated(unit) || key === '') break;
      if (stem.length - offset <= key.length) {
        if (key.startsWith(stem.slice(offset))) return [start, unit];
        break;
      }
      if (!stem.startsWith(key, offset) || stem.charCodeAt(offset + key.length) !== 32) break;
      offset += key.length + 1;
    }
  }
  return null;
}

const SENTENCE_END = /[.!?:]$/;

/** A lead cut mid-word at a length limit, or a title line equal to the next block's first sentence. */
function fullTextOfCutLead(post: Post, index: number): [number, number] | null {
  const lead = post.units[index] as Unit;
  const next = post.units[index + 1] as Unit;
  const leadKey = post.key(index);
  const nextKey = post.key(index + 1);
  if (post.isTruncated(index + 1) || next.block === lead.block || !nextKey.startsWith(leadKey)) {
    return null;
  }
  const length = leadKey.length;
  const after = nextKey.charAt(length);
  if (isWordChar(leadKey.charAt(length - 1)) && isWordChar(after)) return [index + 1, index + 1];
  if (lead.sentence) return null;
  const endsSentence =
    (after === ' ' && SENTENCE_END.test(leadKey)) ||
    (/[.!?:]/.test(after) && (nextKey.length === length + 1 || nextKey.charAt(length + 1) === ' '));
  const nextHoldsMore = nextKey.length > length + 1 || next.sentence;
  return endsSentence && nextHoldsMore ? [index + 1, index + 1] : null;
}

/**
 * Exact copies: each unit looks up the first unit with its key, runs extend greedily.
 * Units whose anchor no other unit shares cannot be copies and are skipped unhashed.
 * A copy written exactly as its source is found by its raw text, without normalising it:
 * sources are filed under a number made of their anchors and length, checked on use.
 */
function matchExact(post: Post, matches: Matches): void {
  const units = post.units;
  const firstByKey = new Map<string, number>();
  const firstByText = new Map<number, number>();
  let index = 0;
  while (index < units.length) {
    if (matches.kind[index] !== NONE || !post.sharesHead(index)) {
      index++;
      continue;
    }
    const text = post.text(index);
    const textKey = rawKeyOf(units[index] as Unit);
    let source = firstByText.get(textKey);
    if (source !== undefined && post.text(source) !== text) source = undefined;
    if (source === undefined) {
      const key = post.key(index);
      source = key === '' ? index : firstByKey.get(key);
      if (source === undefined && matches.isSource(post, index)) {
        firstByKey.set(key, index);
        if (!firstByText.has(textKey)) firstByText.set(textKey, index);
      }
      if (source === undefined || source === index) {
        index++;
        continue;
      }
    }
    let length = 1;
    while (
      index + length < units.length &&
      source + length < index &&
      matches.kind[index + length] === NONE &&
      post.sameKey(source + length, index + length) &&
      matches.isSource(post, source + length)
    ) {
      length++;
    }
    for (let offset = 0; offset < length; offset++) {
      matches.set(index + offset, EXACT, source + offset, source + offset);
    }
    index += length;
  }
}

/** A number that raw-identical units share: their anchors and length. */
function rawKeyOf(unit: Unit): number {
  return (Math.imul(unit.head, 31) + unit.tail + Math.imul(unit.to - unit.from, 0x9e3779b1)) | 0;
}

/**
 * Copies found through anchors (the first and last characters of the comparison text):
 * - re-wrapped copies: consecutive lines whose texts, joined by spaces, equal one earlier
 *   unit (a hard-wrapped copy of a paragraph), or one unit equal to earlier consecutive lines;
 * - near copies: word similarity against the first unit with the same head, the first with
 *   the same tail, and the units next to a neighbour's copy: after the previous unit's copy,
 *   and (backwards) before the next unit's copy. Only a neighbour that is a prose paragraph
 *   lends its copy's neighbours: a repeated hashtag line, URL or signature says nothing
 *   about the line next to it.
 * The number of similarity checks per post is capped.
 */
function matchByAnchors(post: Post, matches: Matches, settings: Settings): void {
  const units = post.units;
  const near = new NearMatcher(post, matches, settings);
  for (let index = 0; index < units.length; index++) {
    if (matches.kind[index] !== NONE) continue;
    const unit = units[index] as Unit;
    const byHead = post.firstWithHead(index);
    if (byHead < index && !unit.urlOnly && matchRewrapped(post, matches, index, byHead)) {
      index =
        matches.kind[index + 1] === NEAR && matches.group[index + 1] === index
          ? lastOfGroup(matches, index)
          : index;
      continue;
    }
    if (near.budget <= 0 || !near.eligible(index)) continue;
    const previous = index - 1;
    const follows =
      previous >= 0 && isCopy(matches, previous) && post.isParagraph(previous)
        ? (matches.copyEnd[previous] as number) + 1
        : -1;
    if (!near.tryNear(index, follows) && !near.tryNear(index, byHead)) {
      near.tryNear(index, post.firstWithTail(index));
    }
  }
  for (let index = units.length - 2; index >= 0 && near.budget > 0; index--) {
    const next = index + 1;
    if (matches.kind[index] !== NONE || !isCopy(matches, next)) continue;
    if (matches.group[next] !== -1 || !near.eligible(index) || !post.isParagraph(next)) continue;
    near.tryNear(index, (matches.copyStart[next] as number) - 1);
  }
}

function isCopy(matches: Matches, unit: number): boolean {
  return matches.kind[unit] === EXACT || matches.kind[unit] === NEAR;
}

/** Word-similarity checks under the post's budget, with each unit's words read once. */
class NearMatcher {
  budget: number;
  private readonly words: (WordSets | undefined)[];

  constructor(
    private readonly post: Post,
    private readonly matches: Matches,
    private readonly settings: Settings,
  ) {
    this.budget = settings.nearMatching ? settings.maxNearComparisons : 0;
    this.words = new Array(post.units.length);
  }

  eligible(index: number): boolean {
    const unit = this.post.units[index] as Unit;
    return !unit.urlOnly && unit.to - unit.from >= HEAD_CHARS;
  }

  /** Matches `index` as a near copy of `source` when their words agree; false when not tried or not alike. */
  tryNear(index: number, source: number): boolean {
    const post = this.post;
    if (source < 0 || source >= index || this.budget <= 0) return false;
    if (!this.eligible(source) || !this.matches.isSource(post, source)) return false;
    if (post.isQuotation(source) !== post.isQuotation(index)) return false;
    this.budget--;
    if (similarity(this.wordsOf(index), this.wordsOf(source)) < this.settings.nearSimilarity) {
      return false;
    }
    this.matches.set(index, NEAR, source, source);
    return true;
  }

  private wordsOf(index: number): WordSets {
    let sets = this.words[index];
    if (sets === undefined) {
      sets = wordSets(this.post.text(index));
      this.words[index] = sets;
    }
    return sets;
  }
}

function lastOfGroup(matches: Matches, first: number): number {
  let last = first;
  while (last + 1 < matches.group.length && matches.group[last + 1] === first) last++;
  return last;
}

/** Tries both re-wrap directions between a unit and the earlier unit with the same anchor. */
function matchRewrapped(post: Post, matches: Matches, index: number, source: number): boolean {
  if (!matches.isSource(post, source)) return false;
  const target = post.key(source);
  const key = post.key(index);
  if (target.length > key.length) {
    const last = joinedEnd(
      post,
      index,
      target,
      (next) => matches.kind[next] === NONE,
      post.units.length,
    );
    if (last === null) return false;
    for (let line = index; line <= last; line++) matches.set(line, NEAR, source, source, index);
    return true;
  }
  if (target.length < key.length) {
    const last = joinedEnd(post, source, key, (next) => matches.isSource(post, next), index);
    if (last === null) return false;
    matches.set(index, NEAR, source, last);
    return true;
  }
  return false;
}

/**
 * The last unit of a stretch from `start` whose keys, joined by single spaces, equal `whole`;
 * null when there is none before `limit`.
 */
function joinedEnd(
  post: Post,
  start: number,
  whole: string,
  usable: (unit: number) => boolean,
  limit: number,
): number | null {
  let offset = 0;
  for (let unit = start; unit < limit; unit++) {
    if (unit > start && !usable(unit)) return null;
    const key = post.key(unit);
    if (key === '' || !whole.startsWith(key, offset)) return null;
    offset += key.length;
    if (offset === whole.length) return unit > start ? unit : null;
    if (whole.charCodeAt(offset) !== 32) return null;
    offset++;
  }
  return null;
}

interface UnitRun {
  readonly start: number;
  readonly end: number;
  readonly copyStart: number;
  readonly copyEnd: number;
  readonly kind: RepeatKind;
}

/** Groups matched units into runs and keeps the runs worth collapsing. */
function collapsibleRuns(post: Post, matches: Matches, settings: Settings): UnitRun[] {
  const units = post.units;
  const candidates: UnitRun[] = [];
  let index = 0;
  while (index < units.length) {
    const kind = matches.kind[index];
    if (kind === NONE) {
      index++;
      continue;
    }
    const copyStart = matches.copyStart[index] as number;
    let copyEnd = matches.copyEnd[index] as number;
    if (kind === LEAD) {
      candidates.push({ start: index, end: index, copyStart, copyEnd, kind: 'truncated-lead' });
      index++;
      continue;
    }
    const start = index;
    let exact = kind === EXACT;
    while (index + 1 < units.length) {
      const next = index + 1;
      const nextKind = matches.kind[next];
      if (nextKind !== EXACT && nextKind !== NEAR) break;
      const group = matches.group[next];
      const sameGroup = group !== -1 && group === matches.group[index];
      const adjacentCopy =
        (group === -1 || group === next) && matches.copyStart[next] === copyEnd + 1;
      if ((!sameGroup && !adjacentCopy) || (matches.copyEnd[next] as number) >= start) break;
      copyEnd = Math.max(copyEnd, matches.copyEnd[next] as number);
      exact &&= nextKind === EXACT;
      index = next;
    }
    candidates.push({ start, end: index, copyStart, copyEnd, kind: exact ? 'exact' : 'near' });
    index++;
  }

  const accepted: UnitRun[] = [];
  for (const run of candidates) {
    if (run.kind === 'truncated-lead' || isSubstantial(post, run, settings)) accepted.push(run);
  }
  if (accepted.length === 0) return accepted;
  // A repeated URL line counts as part of a collapsed run it touches, never on its own.
  const urlRuns: UnitRun[] = [];
  for (const run of candidates) {
    if (run.kind !== 'truncated-lead' && isAllUrls(units, run) && touchesAny(run, accepted)) {
      urlRuns.push(run);
    }
  }
  return urlRuns.length === 0 ? accepted : [...accepted, ...urlRuns].sort(byStart);
}

function touchesAny(run: UnitRun, others: readonly UnitRun[]): boolean {
  for (const other of others) {
    if (other.end + 1 === run.start || run.end + 1 === other.start) return true;
  }
  return false;
}

function byStart(a: UnitRun, b: UnitRun): number {
  return a.start - b.start;
}

function isSubstantial(post: Post, run: UnitRun, settings: Settings): boolean {
  const units = post.units;
  const first = units[run.start] as Unit;
  if (run.start === run.end && first.sentence) return false;
  let chars = 0;
  let words = 0;
  for (let index = run.start; index <= run.end; index++) {
    if ((units[index] as Unit).urlOnly) continue;
    chars += post.key(index).length;
    words += post.words(index);
    if (chars >= settings.minRunChars && words >= settings.minRunWords) break;
  }
  if (chars < settings.minRunChars || words < settings.minRunWords) return false;
  for (let index = run.start; index <= run.end; index++) {
    if (!(units[index] as Unit).urlOnly && post.isParagraph(index)) return true;
  }
  for (let index = run.copyStart; index <= run.copyEnd; index++) {
    if (post.isParagraph(index)) return true;
  }
  return false;
}

function isAllUrls(units: readonly Unit[], run: UnitRun): boolean {
  for (let index = run.start; index <= run.end; index++) {
    if (!(units[index] as Unit).urlOnly) return false;
  }
  return true;
}

/** Translates unit runs into block indexes, whole hidden blocks and hidden spans. */
function toBlocks(
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

/** Up to this many units, comparing every pair is cheaper than filling a hash table. */
const PAIRWISE_UNITS = 12;
/** What `shareAnchor` asks `firstWithSameAnchor` for, kept between calls like its table. */
let anchorFirsts = new Int32Array(64);

/** Whether two units that are not hidden share a head or a tail. */
function shareAnchor(units: readonly Unit[], hidden?: Uint8Array): boolean {
  if (units.length <= PAIRWISE_UNITS) {
    for (let index = 0; index < units.length; index++) {
      if (hidden?.[index] === 1) continue;
      const unit = units[index] as Unit;
      for (let other = index + 1; other < units.length; other++) {
        if (hidden?.[other] === 1) continue;
        const { head, tail } = units[other] as Unit;
        if (head === unit.head || tail === unit.tail) return true;
      }
    }
    return false;
  }
  if (anchorFirsts.length < units.length) anchorFirsts = new Int32Array(units.length);
  for (const tail of [false, true]) {
    const firsts = firstWithSameAnchor(units, tail, anchorFirsts, hidden);
    for (let index = 0; index < units.length; index++) if (firsts[index] !== index) return true;
  }
  return false;
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

/** Characters dense in code and rare in prose: braces, brackets, parentheses, ;=<>|\$ */
const CODE_SYMBOLS = new Uint8Array(128);
for (const char of '{}();=<>[]|\\$') CODE_SYMBOLS[char.charCodeAt(0)] = 1;

function isProse(text: string, minChars: number): boolean {
  if (text.length < minChars) return false;
  let symbols = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 128) symbols += CODE_SYMBOLS[code] as number;
  }
  // Code is dense with brackets and operators; prose has a few parentheses at most.
  // Prose has real words: a line of hashtags or one long URL is not a paragraph.
  const minWords = Math.ceil(minChars / 8);
  return symbols * 25 <= text.length && countWords(text, minWords) >= minWords;
}

const QUOTED = /^["'“‘«„](?:.*)["'”’»][.!?]?$/s;

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}]/u.test(char);
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x3000;
}
