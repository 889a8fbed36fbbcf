/**
 * The units of a post: one per block, or one per sentence for a block that is long or says
 * its opening twice. Each unit carries the anchors (see anchors.ts) every match starts from.
 */
import { anchorsOf, literalAnchors } from './anchors';
import { urlLineKey } from './blocks';
import { comparisonText } from './normalise';
import type { Settings } from './options';
import { splitSentences } from './sentences';
import type { Block } from './types';
import { isSpaceCode } from './whitespace';

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
  /**
   * Characters of a label in front of the unit's text ("Ann on Nostr: ", "New post: ",
   * "[Blog] "), 0 without one. `labelHead` is the head of the text after the label, so a
   * labelled shortened lead is found beside the full text that follows; NO_HEAD without one.
   */
  readonly label: number;
  readonly labelHead: number;
}

/**
 * A short label and its separator: a name, a site or a tag ending in a colon, or a tag in
 * brackets. No sentence ends inside it.
 */
const LABEL = /^(?:\[[^\]\n]{1,30}\]|[^\n:.!?[]{1,48}:)\s+/;
/** Anchors are non-negative: this stands for none. */
export const NO_HEAD = -1;
/** Characters a label is followed by at least: a lead worth hiding is longer than this anyway. */
const MIN_LABELLED_CHARS = 24;

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
export function firstWithSameAnchor(
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

/** Blocks shorter than this are never split: a repeat inside them could not be substantial. */
const MIN_SPLIT_CHARS = 200;
/** Characters of a block's opening that must recur inside it for a medium block to be split. */
const OPENING_CHARS = 20;

/**
 * The units of a post. `twins` receives the units of long blocks left whole because they
 * repeat an earlier block: without that block, they would be split into sentences.
 */
export function buildUnits(blocks: readonly Block[], settings: Settings, twins: number[]): Unit[] {
  const units: Unit[] = [];
  let splitBlocks: Set<string> | undefined;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    const text = block.text;
    let from = 0;
    let to = text.length;
    while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
    while (to > from && isSpaceCode(text.charCodeAt(to - 1))) to--;
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
export function shouldSplit(text: string, from: number, settings: Settings): boolean {
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
  const label = url === null && !sentence ? labelLength(text) : 0;
  const labelHead = label > 0 ? anchorsOf(text.slice(label)).head : NO_HEAD;
  const { head, tail, comparison } = url === null ? anchorsOf(text) : literalAnchors(url);
  const urlOnly = url !== null;
  return { block, from, to, comparison, head, tail, urlOnly, sentence, label, labelHead };
}

/** The length of the label a text starts with (see LABEL), or 0. */
function labelLength(text: string): number {
  const first = text.charCodeAt(0);
  // Most lines are neither a tag in brackets nor hold a colon early.
  if (first !== 91 /* [ */ && text.indexOf(':') === -1) return 0;
  const found = LABEL.exec(text);
  if (found === null || text.length - found[0].length < MIN_LABELLED_CHARS) return 0;
  return found[0].length;
}

/** Where a block's text starts after leading whitespace. */
export function contentStart(text: string): number {
  let from = 0;
  while (from < text.length && isSpaceCode(text.charCodeAt(from))) from++;
  return from;
}

/** Up to this many units, comparing every pair is cheaper than filling a hash table. */
const PAIRWISE_UNITS = 12;
/** What `shareAnchor` asks `firstWithSameAnchor` for, kept between calls like its table. */
let anchorFirsts = new Int32Array(64);

/** Whether two units that are not hidden share a head or a tail. */
export function shareAnchor(units: readonly Unit[], hidden?: Uint8Array): boolean {
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
    return labelSharesHead(units, hidden);
  }
  if (anchorFirsts.length < units.length) anchorFirsts = new Int32Array(units.length);
  for (const tail of [false, true]) {
    const firsts = firstWithSameAnchor(units, tail, anchorFirsts, hidden);
    for (let index = 0; index < units.length; index++) if (firsts[index] !== index) return true;
  }
  return labelSharesHead(units, hidden);
}

/** Whether the text after a unit's label starts like another unit (see `Unit.label`). */
export function labelSharesHead(units: readonly Unit[], hidden?: Uint8Array): boolean {
  let heads: Set<number> | undefined;
  for (let index = 0; index < units.length; index++) {
    const unit = units[index] as Unit;
    if (unit.labelHead === NO_HEAD || hidden?.[index] === 1) continue;
    if (heads === undefined) {
      heads = new Set();
      for (let other = 0; other < units.length; other++) {
        if (hidden?.[other] !== 1) heads.add((units[other] as Unit).head);
      }
    }
    if (heads.has(unit.labelHead)) return true;
  }
  return false;
}
