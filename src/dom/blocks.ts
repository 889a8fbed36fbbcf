import { FNV_OFFSET, fnvCode, fnvText } from '../core/hash';
import type { Block } from '../core/types';
import type { SiteAdapter } from '../sites/site';
import { BAR_TAG, CLONE_TAG, END_TAG } from './contract';

/**
 * Reads a post body into the core's ordered blocks, and remembers where each block's text
 * lives on the page so that a later collapse can find the nodes again. Reading never
 * changes the page and never asks for layout.
 */

/** A stretch of page text that belongs to one block: a text node slice, or an emoji image. */
export interface TextPiece {
  readonly node: Text | HTMLImageElement;
  /** Offsets into the text node's data (0 and 1 for an image). */
  readonly start: number;
  readonly end: number;
}

/**
 * Maps `length` characters of the block text, from `textAt`, one to one to the node from
 * `nodeAt`. A run of text starts and ends with a visible character; whitespace the block text
 * holds as one space where the page has more (or another kind) is a run of length 1.
 */
export interface TextRun {
  readonly node: Text | HTMLImageElement;
  readonly textAt: number;
  readonly nodeAt: number;
  readonly length: number;
}

export interface PageBlock {
  readonly block: Block;
  /** The page pieces that hold visible (non-whitespace) text of this block, in order. */
  readonly pieces: readonly TextPiece[];
  /** Character mapping from the block text back to the pieces. */
  readonly runs: readonly TextRun[];
}

export interface BodyBlocks {
  readonly blocks: readonly Block[];
  readonly pageBlocks: readonly PageBlock[];
  /**
   * Elements inside the body that are not the post's own text (excluded cards, quoted posts).
   * They are never hidden with a repeat.
   */
  readonly opaque: readonly Element[];
}

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Elements whose content is never post text, and our own elements (the bar and clones). */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'textarea',
  'select',
  BAR_TAG,
  CLONE_TAG,
  END_TAG,
]);

const PRE_WHITE_SPACE = new Set(['pre', 'pre-wrap', 'pre-line', 'break-spaces']);

/** Emoji images carry their character (or :shortcode:) in alt; longer alts describe media. */
const MAX_EMOJI_ALT_LENGTH = 32;

/** The whitespace HTML collapses: space, tab, line feed, carriage return, form feed. */
function isCollapsibleSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
}

/** Whitespace inside a trimmed piece that is more than single spaces. */
const INNER_WHITESPACE = /[\t\n\r\f]| {2}/;
const WHITESPACE_RUN = /[ \t\n\r\f]+/g;

/** Where the one space that joins two pieces of a block comes from on the page. */
interface SpaceSource {
  readonly node: Text | HTMLImageElement;
  readonly at: number;
}

/**
 * A piece as read, with what it needs to be mapped character by character later, if ever. One
 * object per piece: a feed's bodies hold tens of thousands, and most are never mapped.
 */
interface ReadPiece extends TextPiece {
  /** The node's text (or an image's alt) as read. */
  readonly source: string;
  /** Block text offsets of the piece's first character and after its last. */
  readonly textAt: number;
  readonly textEnd: number;
  /** The space the block text holds right before this piece, when it holds one. */
  readonly space: SpaceSource | null;
}

/**
 * A block read from the page. The character runs are only needed to hide sentences inside a
 * kept block, which few posts have, so they are worked out from the pieces on first use.
 */
class ReadBlock implements PageBlock {
  private mapped: TextRun[] | null = null;

  constructor(
    readonly block: Block,
    readonly pieces: readonly ReadPiece[],
  ) {}

  get runs(): readonly TextRun[] {
    this.mapped ??= this.mapRuns();
    return this.mapped;
  }

  private mapRuns(): TextRun[] {
    const runs: TextRun[] = [];
    for (const piece of this.pieces) {
      const { source, textAt, textEnd, space } = piece;
      if (space) runs.push({ node: space.node, textAt: textAt - 1, nodeAt: space.at, length: 1 });
      const node = piece.node;
      if (node.nodeType !== 3) {
        runs.push({ node, textAt, nodeAt: 0, length: textEnd - textAt });
        continue;
      }
      // Text maps one to one up to whitespace that is more than one plain space, which the
      // block text holds as one space: a run of its own.
      let at = textAt;
      let stretch = piece.start;
      for (let index = piece.start; index <= piece.end; index++) {
        if (index < piece.end) {
          const code = source.charCodeAt(index);
          if (!isCollapsibleSpace(code)) continue;
          const next = source.charCodeAt(index + 1);
          if (code === 32 && !isCollapsibleSpace(next)) continue;
        }
        runs.push({ node, textAt: at, nodeAt: stretch, length: index - stretch });
        at += index - stretch;
        if (index === piece.end) break;
        runs.push({ node, textAt: at, nodeAt: index, length: 1 });
        at++;
        while (index + 1 < piece.end && isCollapsibleSpace(source.charCodeAt(index + 1))) index++;
        stretch = index + 1;
      }
    }
    return runs;
  }
}

/** The links of a block without any, shared: most blocks hold none. */
const NO_LINKS: readonly string[] = Object.freeze([]);

/**
 * Collects the current line's pieces and turns them into a block on flush. A piece's text is
 * appended as one slice; only a piece with tabs, newlines or double spaces inside is rewritten.
 * Each finished block's text is hashed on flush, so the body's hash costs no second pass.
 */
class LineBuilder {
  private text = '';
  private pendingSpace: SpaceSource | null = null;
  private pieces: ReadPiece[] = [];
  private links: string[] | null = null;
  readonly done: PageBlock[] = [];
  hash = FNV_OFFSET;
  chars = 0;

  /** Adds `source[from, to)`, which lives in `node` (an image's alt lives in the image). */
  add(
    node: Text | HTMLImageElement,
    source: string,
    from: number,
    to: number,
    link: string | null,
  ): void {
    let first = from;
    while (first < to && isCollapsibleSpace(source.charCodeAt(first))) first++;
    // Whitespace collapses to one space, and only between words of the block.
    if (first > from && this.text.length > 0) this.pendingSpace ??= { node, at: from };
    if (first === to) return;
    let last = to;
    while (isCollapsibleSpace(source.charCodeAt(last - 1))) last--;
    const space = this.pendingSpace;
    if (space) {
      this.text += ' ';
      this.pendingSpace = null;
    }
    const textAt = this.text.length;
    const part = first === 0 && last === source.length ? source : source.slice(first, last);
    this.text += INNER_WHITESPACE.test(part) ? part.replace(WHITESPACE_RUN, ' ') : part;
    if (last < to) this.pendingSpace = { node, at: last };
    const image = node.nodeType !== 3;
    const textEnd = this.text.length;
    this.pieces.push({
      node,
      start: image ? 0 : first,
      end: image ? 1 : last,
      source,
      textAt,
      textEnd,
      space,
    });
    if (link !== null) {
      if (this.links === null) this.links = [link];
      else if (!this.links.includes(link)) this.links.push(link);
    }
  }

  flush(): void {
    const text = this.text;
    if (text.length > 0) {
      this.done.push(new ReadBlock({ text, links: this.links ?? NO_LINKS }, this.pieces));
      this.hash = hashText(this.hash, text);
      this.chars += text.length;
      this.text = '';
      this.pieces = [];
      this.links = null;
    }
    this.pendingSpace = null;
  }
}

function isPreformattedStyle(element: Element): boolean {
  const view = element.ownerDocument.defaultView;
  if (!view) return false;
  return PRE_WHITE_SPACE.has(view.getComputedStyle(element).whiteSpace);
}

/**
 * A link's resolved href, or null for a protocol-relative one ("//host", also with backslashes
 * or the tabs and newlines a URL parser drops): it takes the page's scheme and names a host
 * the page did not spell out, so it never becomes an article badge.
 */
function anchorHref(anchor: HTMLAnchorElement): string | null {
  // The URL parser drops tabs and newlines anywhere, and spaces and controls at the start.
  let raw = (anchor.getAttribute('href') ?? '').replace(/[\t\n\r]/g, '');
  let start = 0;
  while (start < raw.length && raw.charCodeAt(start) <= 0x20) start++;
  raw = raw.slice(start);
  if (/^[\\/]{2}/.test(raw)) return null;
  return anchor.href || null;
}

/** Nodes read between two checkpoints of `readBlocks`: a few milliseconds of work at most. */
const NODES_PER_STEP = 1000;
/** Characters read between two checkpoints, for bodies made of a few huge text nodes. */
const CHARS_PER_STEP = 100_000;

/** A stack entry of `walkBody` inside preformatted text, and one for a block element. */
const PRE_FRAME = 1;
const BLOCK_FRAME = 2;

/** What `readBlocks` hands back: the blocks, and the hash and length of their text. */
export interface BodyRead extends BodyBlocks {
  /** `hashBlocks(blocks)`, worked out while reading. */
  readonly hash: number;
  /** The length of all block texts together. */
  readonly chars: number;
}

/** Where a reader may hand the main thread back to the page. */
export type Pause = 'pause';

/**
 * Reads `body` into blocks. Block boundaries are block-level elements, every `<br>`, and
 * "\n" in text when the body (or a `<pre>` / inline pre style inside it) is preformatted.
 */
export function extractBlocks(body: Element, adapter: SiteAdapter): BodyRead {
  const reading = readBlocks(body, adapter);
  for (let step = reading.next(); ; step = reading.next()) if (step.done) return step.value;
}

/**
 * `extractBlocks` in steps: it yields every few thousand nodes (or few hundred thousand
 * characters), so a caller can hand the main thread back to the page in the middle of a huge
 * body. The body must be read again if the page changed it in between.
 *
 * Whether the body shows raw "\n" as line breaks changes nothing for a text without one, so
 * its computed style (which may make the browser compute style) is asked for only when a text
 * read outside a preformatted element holds a "\n". If the style says pre, the body is read
 * again as preformatted.
 */
export function* readBlocks(body: Element, adapter: SiteAdapter): Generator<Pause, BodyRead, void> {
  if (adapter.preformatted === true) return (yield* walkBody(body, adapter, true)) as BodyRead;
  const read = yield* walkBody(body, adapter, false);
  return read ?? ((yield* walkBody(body, adapter, true)) as BodyRead);
}

/**
 * One read of `body`. Unless it reads the body as preformatted, it gives up (null) on the first
 * "\n" outside a preformatted element when the body's computed style turns out to be pre.
 */
function* walkBody(
  body: Element,
  adapter: SiteAdapter,
  preformatted: boolean,
): Generator<Pause, BodyRead | null, void> {
  const line = new LineBuilder();
  const opaque: Element[] = [];
  // Excluded elements and nested posts (quotes) are not this post's own text. A nested match of
  // the body selector alone is not enough: Facebook's message wrappers all match it.
  const foreign =
    adapter.exclude === undefined ? adapter.post : `${adapter.exclude},${adapter.post}`;
  // Most bodies hold nothing foreign: one native search then spares a selector match per element.
  const mayHoldForeign = body.querySelector(foreign) !== null;
  let styleAsked = preformatted;

  // An explicit stack instead of recursion: a page may nest elements deeper than any call stack.
  // One entry per open element, in three arrays rather than an object each: the next child to
  // read, the element's flags (PRE_FRAME, BLOCK_FRAME) and the href of the nearest link around
  // its children, inside the body.
  const nexts: (ChildNode | null)[] = [body.firstChild];
  const flags: number[] = [preformatted ? PRE_FRAME : 0];
  const links: (string | null)[] = [null];
  let nodes = 0;
  let chars = 0;
  while (nexts.length > 0) {
    if (++nodes >= NODES_PER_STEP || chars >= CHARS_PER_STEP) {
      nodes = 0;
      chars = 0;
      yield 'pause';
    }
    const top = nexts.length - 1;
    const child = nexts[top] as ChildNode | null;
    const frame = flags[top] as number;
    if (!child) {
      nexts.pop();
      flags.pop();
      links.pop();
      if (frame & BLOCK_FRAME) line.flush();
      continue;
    }
    nexts[top] = child.nextSibling;
    const pre = (frame & PRE_FRAME) !== 0;
    const link = links[top] as string | null;
    if (child.nodeType === 3) {
      const text = child as Text;
      const data = text.data;
      chars += data.length;
      if (!pre) {
        if (!styleAsked && data.includes('\n')) {
          styleAsked = true;
          if (isPreformattedStyle(body)) return null;
        }
        line.add(text, data, 0, data.length, link);
        continue;
      }
      let from = 0;
      for (let newline = data.indexOf('\n'); newline >= 0; newline = data.indexOf('\n', from)) {
        line.add(text, data, from, newline, link);
        line.flush();
        from = newline + 1;
      }
      line.add(text, data, from, data.length, link);
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    const tag = element.localName;
    if (SKIPPED_TAGS.has(tag)) continue;
    if (mayHoldForeign && element.matches(foreign)) {
      opaque.push(element);
      if (BLOCK_TAGS.has(tag)) line.flush();
      continue;
    }
    if (tag === 'br') {
      line.flush();
      continue;
    }
    if (tag === 'img') {
      const alt = (element.getAttribute('alt') ?? '').trim();
      if (alt.length > 0 && alt.length <= MAX_EMOJI_ALT_LENGTH && !/\s/.test(alt)) {
        line.add(element as HTMLImageElement, alt, 0, alt.length, link);
      }
      continue;
    }
    // Only an element with a style attribute has inline style: reading `style` of every
    // element would create a declaration object for each.
    const childPre =
      pre ||
      tag === 'pre' ||
      (element.hasAttribute('style') &&
        PRE_WHITE_SPACE.has((element as HTMLElement).style?.whiteSpace ?? ''));
    const block = BLOCK_TAGS.has(tag);
    if (block) line.flush();
    nexts.push(element.firstChild);
    flags.push((childPre ? PRE_FRAME : 0) | (block ? BLOCK_FRAME : 0));
    links.push(
      tag === 'a' && element.hasAttribute('href') ? anchorHref(element as HTMLAnchorElement) : link,
    );
  }
  line.flush();
  return {
    blocks: line.done.map((page) => page.block),
    pageBlocks: line.done,
    opaque,
    hash: line.hash >>> 0,
    chars: line.chars,
  };
}

function hashText(hash: number, text: string): number {
  return fnvCode(fnvText(hash, text), 0x0a);
}

/** FNV-1a (32-bit) over the block texts: cheap identity of a body's text. */
export function hashBlocks(blocks: readonly Block[]): number {
  let hash = FNV_OFFSET;
  for (const block of blocks) hash = hashText(hash, block.text);
  return hash >>> 0;
}
