/**
 * A post read as units, with the facts only some units need computed on first use: keys,
 * truncation, word counts, prose blocks and which units share an anchor.
 */
import { countWords, weightedLength } from './measure';
import { comparisonText, stripTruncation } from './normalise';
import type { Settings } from './options';
import type { Block } from './types';
import { firstWithSameAnchor, labelSharesHead, type Unit } from './units';

/**
 * The units of a post with the facts only some units need, computed on first use. Most
 * posts repeat nothing: their units get two short anchors hashed and nothing more.
 */
export class Post {
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
    this.anyShared = anyShared || labelSharesHead(units);
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

  /** The key of a labelled unit's text after its label (see `Unit.label`), marks stripped. */
  keyAfterLabel(index: number): string {
    const unit = this.units[index] as Unit;
    return stripTruncation(comparisonText(this.text(index).slice(unit.label))).stem;
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

/** Characters dense in code and rare in prose: braces, brackets, parentheses, ;=<>|\$ */
const CODE_SYMBOLS = new Uint8Array(128);
for (const char of '{}();=<>[]|\\$') CODE_SYMBOLS[char.charCodeAt(0)] = 1;

/** Prose has at most one code symbol in this many characters. */
const CHARS_PER_CODE_SYMBOL = 25;
/** A generous average word length: a paragraph of `minChars` holds at least `minChars / 8` words. */
const MAX_AVERAGE_WORD_CHARS = 8;

function isProse(text: string, minChars: number): boolean {
  if (text.length < minChars && weightedLength(text, minChars) < minChars) return false;
  let symbols = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 128) symbols += CODE_SYMBOLS[code] as number;
  }
  // Code is dense with brackets and operators; prose has a few parentheses at most.
  // Prose has real words: a line of hashtags or one long URL is not a paragraph.
  // Measured on the raw length, so a Han or Hangul paragraph needs no more words than it has.
  const minWords = Math.ceil(Math.min(text.length, minChars) / MAX_AVERAGE_WORD_CHARS);
  return symbols * CHARS_PER_CODE_SYMBOL <= text.length && countWords(text, minWords) >= minWords;
}

const QUOTED = /^["'“‘«„](?:.*)["'”’»][.!?]?$/s;
