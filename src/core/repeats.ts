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

interface Unit {
  readonly block: number;
  /** Offsets of the unit's text in its block, without surrounding whitespace. */
  readonly from: number;
  readonly to: number;
  /**
   * The comparison text, truncation marks included; long units get it on first use.
   * The anchors of a long unit come from normalising its first and last characters only:
   * normalisation works character by character, so a cut in the raw text can only disturb
   * the far end of the slice, at least 12 characters away from the anchor.
   */
  comparison: string | undefined;
  /** The first and last HEAD_CHARS characters of the comparison text: the anchors. */
  readonly head: string;
  readonly tail: string;
  readonly urlOnly: boolean;
  /** One sentence of a block split into several. */
  readonly sentence: boolean;
}

/**
 * The units of a post with the facts only some units need, computed on first use. Most
 * posts repeat nothing: their units get two short anchors hashed and nothing more.
 */
class Post {
  private readonly keys: (string | undefined)[] = [];
  private readonly truncated: boolean[] = [];
  private readonly wordCounts: number[] = [];
  private readonly proseBlocks: (boolean | undefined)[] = [];
  private readonly headFirst = new Map<string, number>();
  private readonly tailFirst = new Map<string, number>();
  /** Units whose head another unit shares. */
  private readonly sharedHeads: boolean[] = [];
  /** Whether any two units share a head or a tail; when none do, nothing can match. */
  readonly anyShared: boolean = false;

  constructor(
    readonly blocks: readonly Block[],
    readonly units: readonly Unit[],
    private readonly settings: Settings,
  ) {
    let anyShared = false;
    units.forEach((unit, index) => {
      const seen = this.headFirst.get(unit.head);
      if (seen === undefined) {
        this.headFirst.set(unit.head, index);
      } else {
        this.sharedHeads[seen] = true;
        this.sharedHeads[index] = true;
        anyShared = true;
      }
      if (this.tailFirst.get(unit.tail) === undefined) this.tailFirst.set(unit.tail, index);
      else anyShared = true;
    });
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
      const { stem, truncated } = stripTruncation(unit.comparison);
      key = stem;
      this.keys[index] = stem;
      this.truncated[index] = truncated;
    }
    return key;
  }

  /** Ends in "…", "Read more" or another mark of a shortened lead. */
  isTruncated(index: number): boolean {
    this.key(index);
    return this.truncated[index] as boolean;
  }

  /** Whether another unit starts with the same characters: only such units can be exact copies. */
  sharesHead(index: number): boolean {
    return this.sharedHeads[index] === true;
  }

  firstWithHead(index: number): number {
    return this.headFirst.get((this.units[index] as Unit).head) as number;
  }

  firstWithTail(index: number): number {
    return this.tailFirst.get((this.units[index] as Unit).tail) as number;
  }

  words(index: number): number {
    let count = this.wordCounts[index];
    if (count === undefined) {
      count = countWords(this.text(index));
      this.wordCounts[index] = count;
    }
    return count;
  }

  /** Starts with `>` or is wrapped in quotation marks: a quotation, never a near copy of prose. */
  isQuotation(index: number): boolean {
    const text = this.text(index);
    return text.startsWith('>') || QUOTED.test(text);
  }

  /** Comes from a block of prose at least `minParagraphChars` long. */
  isParagraph(index: number): boolean {
    const block = (this.units[index] as Unit).block;
    let prose = this.proseBlocks[block];
    if (prose === undefined) {
      prose = isProse((this.blocks[block] as Block).text, this.settings.minParagraphChars);
      this.proseBlocks[block] = prose;
    }
    return prose;
  }
}

const NONE = 0;
const EXACT = 1;
const NEAR = 2;
const LEAD = 3;

/** Unit prefix used to find re-wrapped and near copies. */
const HEAD_CHARS = 24;

export interface Repeats {
  readonly runs: RepeatRun[];
  readonly hiddenBlocks: number[];
  readonly hiddenSpans: HiddenSpan[];
}

export function findRepeats(blocks: readonly Block[], settings: Settings): Repeats {
  const post = new Post(blocks, buildUnits(blocks, settings), settings);
  // Every kind of match needs two units that start or end alike.
  if (!post.anyShared) return { runs: [], hiddenBlocks: [], hiddenSpans: [] };
  const matches = new Matches(post.units.length);
  if (settings.truncatedLeads) matchLeads(post, matches, settings);
  matchExact(post, matches);
  matchByAnchors(post, matches, settings);
  const runs = collapsibleRuns(post, matches, settings);
  return toBlocks(post.units, runs);
}

/** Blocks shorter than this are never split: a repeat inside them could not be substantial. */
const MIN_SPLIT_CHARS = 200;
/** Characters of a block's opening that must recur inside it for a medium block to be split. */
const OPENING_CHARS = 20;

function buildUnits(blocks: readonly Block[], settings: Settings): Unit[] {
  const units: Unit[] = [];
  const splitBlocks = new Set<string>();
  blocks.forEach((block, index) => {
    const text = block.text;
    let from = 0;
    let to = text.length;
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (to === from) return;
    if (shouldSplit(text, from, settings)) {
      // A block that repeats an earlier long block whole stays one unit: it matches the
      // earlier block's sentences as a re-wrapped copy, without segmenting it again.
      const blockKey = comparisonText(text);
      if (!splitBlocks.has(blockKey)) {
        splitBlocks.add(blockKey);
        const sentences = splitSentences(text);
        if (sentences.length > 1) {
          for (const sentence of sentences) {
            units.push(makeUnit(index, text, sentence.from, sentence.to, true));
          }
          return;
        }
      }
    }
    units.push(makeUnit(index, text, from, to, false));
  });
  return units;
}

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

/** Raw characters normalised to find an anchor: enough for what normalisation removes. */
const ANCHOR_SOURCE_CHARS = 48;

function makeUnit(
  block: number,
  blockText: string,
  from: number,
  to: number,
  sentence: boolean,
): Unit {
  const text = from === 0 && to === blockText.length ? blockText : blockText.slice(from, to);
  const urlOnly = text.charCodeAt(0) === 104 /* h */ && URL_ONLY.test(text);
  if (text.length <= 2 * ANCHOR_SOURCE_CHARS) {
    const comparison = comparisonText(text);
    const head = comparison.slice(0, HEAD_CHARS);
    return {
      block,
      from,
      to,
      comparison,
      head,
      tail: comparison.slice(-HEAD_CHARS),
      urlOnly,
      sentence,
    };
  }
  const head = comparisonText(text.slice(0, ANCHOR_SOURCE_CHARS));
  const tail = comparisonText(text.slice(-ANCHOR_SOURCE_CHARS));
  if (head.length < HEAD_CHARS + 12 || tail.length < HEAD_CHARS + 12) {
    const comparison = comparisonText(text);
    const fullHead = comparison.slice(0, HEAD_CHARS);
    return {
      block,
      from,
      to,
      comparison,
      head: fullHead,
      tail: comparison.slice(-HEAD_CHARS),
      urlOnly,
      sentence,
    };
  }
  return {
    block,
    from,
    to,
    comparison: undefined,
    head: head.slice(0, HEAD_CHARS),
    tail: tail.slice(-HEAD_CHARS),
    urlOnly,
    sentence,
  };
}

const URL_ONLY = /^https?:\/\/\S+$/i;

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
 */
function matchExact(post: Post, matches: Matches): void {
  const units = post.units;
  const firstByKey = new Map<string, number>();
  const sameKey = (a: number, b: number) =>
    (units[a] as Unit).head === (units[b] as Unit).head && post.key(a) === post.key(b);
  let index = 0;
  while (index < units.length) {
    if (matches.kind[index] !== NONE || !post.sharesHead(index) || post.key(index) === '') {
      index++;
      continue;
    }
    const key = post.key(index);
    const source = firstByKey.get(key);
    if (source === undefined) {
      if (matches.isSource(post, index)) firstByKey.set(key, index);
      index++;
      continue;
    }
    let length = 1;
    while (
      index + length < units.length &&
      source + length < index &&
      matches.kind[index + length] === NONE &&
      sameKey(source + length, index + length) &&
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

/**
 * Copies found through anchors (the first and last characters of the comparison text):
 * - re-wrapped copies: consecutive lines whose texts, joined by spaces, equal one earlier
 *   unit (a hard-wrapped copy of a paragraph), or one unit equal to earlier consecutive lines;
 * - near copies: word similarity against the unit after the previous unit's copy, the first
 *   unit with the same anchors, and (backwards) the unit before the next unit's copy.
 * The number of similarity checks per post is capped.
 */
function matchByAnchors(post: Post, matches: Matches, settings: Settings): void {
  const units = post.units;
  const words: (WordSets | undefined)[] = [];
  const wordsOf = (index: number): WordSets => {
    let sets = words[index];
    if (sets === undefined) {
      sets = wordSets(post.text(index));
      words[index] = sets;
    }
    return sets;
  };
  let budget = settings.nearMatching ? settings.maxNearComparisons : 0;
  const eligible = (index: number): boolean => {
    const unit = units[index] as Unit;
    return !unit.urlOnly && unit.to - unit.from >= HEAD_CHARS;
  };
  const tryNear = (index: number, source: number | undefined): boolean => {
    if (source === undefined || source < 0 || source >= index || budget <= 0) return false;
    if (!eligible(source) || !matches.isSource(post, source)) return false;
    if (post.isQuotation(source) !== post.isQuotation(index)) return false;
    budget--;
    if (similarity(wordsOf(index), wordsOf(source)) < settings.nearSimilarity) return false;
    matches.set(index, NEAR, source, source);
    return true;
  };

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
    if (budget <= 0 || !eligible(index)) continue;
    const previous = index - 1;
    const follows =
      previous >= 0 && (matches.kind[previous] === EXACT || matches.kind[previous] === NEAR)
        ? (matches.copyEnd[previous] as number) + 1
        : undefined;
    if (!tryNear(index, follows) && !tryNear(index, byHead))
      tryNear(index, post.firstWithTail(index));
  }
  for (let index = units.length - 2; index >= 0 && budget > 0; index--) {
    const next = index + 1;
    if (matches.kind[index] !== NONE || !eligible(index)) continue;
    if (matches.kind[next] !== EXACT && matches.kind[next] !== NEAR) continue;
    if (matches.group[next] !== -1) continue;
    tryNear(index, (matches.copyStart[next] as number) - 1);
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

  const accepted = candidates.filter(
    (run) => run.kind === 'truncated-lead' || isSubstantial(post, run, settings),
  );
  // A repeated URL line counts as part of a collapsed run it touches, never on its own.
  const touches = (run: UnitRun) =>
    accepted.some((other) => other.end + 1 === run.start || run.end + 1 === other.start);
  const urlRuns = candidates.filter(
    (run) => run.kind !== 'truncated-lead' && isAllUrls(units, run) && touches(run),
  );
  return [...accepted, ...urlRuns].sort((a, b) => a.start - b.start);
}

function isSubstantial(post: Post, run: UnitRun, settings: Settings): boolean {
  const units = post.units;
  const first = units[run.start] as Unit;
  if (run.start === run.end && first.sentence) return false;
  let chars = 0;
  let words = 0;
  let paragraph = false;
  for (let index = run.start; index <= run.end; index++) {
    const unit = units[index] as Unit;
    if (unit.urlOnly) continue;
    chars += post.key(index).length;
    words += post.words(index);
    paragraph ||= post.isParagraph(index);
  }
  for (let index = run.copyStart; index <= run.copyEnd && !paragraph; index++) {
    paragraph = post.isParagraph(index);
  }
  return paragraph && chars >= settings.minRunChars && words >= settings.minRunWords;
}

function isAllUrls(units: readonly Unit[], run: UnitRun): boolean {
  for (let index = run.start; index <= run.end; index++) {
    if (!(units[index] as Unit).urlOnly) return false;
  }
  return true;
}

/** Translates unit runs into block indexes, whole hidden blocks and hidden spans. */
function toBlocks(units: readonly Unit[], runs: readonly UnitRun[]): Repeats {
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
  return { runs: blockRuns, hiddenBlocks, hiddenSpans };
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

function isProse(text: string, minChars: number): boolean {
  if (text.length < minChars) return false;
  let symbols = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // { } ( ) ; = < > [ ] | \ $
    if (
      code === 123 ||
      code === 125 ||
      code === 40 ||
      code === 41 ||
      code === 59 ||
      code === 61 ||
      code === 60 ||
      code === 62 ||
      code === 91 ||
      code === 93 ||
      code === 124 ||
      code === 92 ||
      code === 36
    ) {
      symbols++;
    }
  }
  // Code is dense with brackets and operators; prose has a few parentheses at most.
  // Prose has real words: a line of hashtags or one long URL is not a paragraph.
  return symbols * 25 <= text.length && countWords(text) * 8 >= minChars;
}

const QUOTED = /^["'“‘«„](?:.*)["'”’»][.!?]?$/s;

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}]/u.test(char);
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x3000;
}
