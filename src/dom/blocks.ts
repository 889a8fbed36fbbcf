import type { Block } from '../core/types';
import type { SiteAdapter } from '../sites/site';
import { isOwnElement } from './contract';

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

/** Maps `length` characters of the block text, from `textAt`, to the node from `nodeAt`. */
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

/** Elements whose content is never post text. */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'textarea',
  'select',
]);

const PRE_WHITE_SPACE = new Set(['pre', 'pre-wrap', 'pre-line', 'break-spaces']);

/** Emoji images carry their character (or :shortcode:) in alt; longer alts describe media. */
const MAX_EMOJI_ALT_LENGTH = 32;

const WHITESPACE = /[ \t\n\r\f]+|[^ \t\n\r\f]+/g;

/** Collects the current line's pieces and turns them into a block on flush. */
class LineBuilder {
  private text = '';
  private pendingSpace: { node: Text | HTMLImageElement; at: number } | null = null;
  private pieces: TextPiece[] = [];
  private runs: TextRun[] = [];
  private links: string[] = [];
  readonly done: PageBlock[] = [];

  add(node: Text | HTMLImageElement, source: string, offset: number, link: string | null): void {
    let first = -1;
    let last = -1;
    for (const match of source.matchAll(WHITESPACE)) {
      const at = offset + (match.index ?? 0);
      const part = match[0];
      if (part.charCodeAt(0) <= 32) {
        // Whitespace collapses to one space, and only between words of the block.
        if (this.text.length > 0) this.pendingSpace ??= { node, at };
        continue;
      }
      if (this.pendingSpace) {
        this.runs.push({
          node: this.pendingSpace.node,
          textAt: this.text.length,
          nodeAt: this.pendingSpace.at,
          length: 1,
        });
        this.text += ' ';
        this.pendingSpace = null;
      }
      this.runs.push({ node, textAt: this.text.length, nodeAt: at, length: part.length });
      this.text += part;
      if (first < 0) first = at;
      last = at + part.length;
    }
    if (first < 0) return;
    this.pieces.push(
      node.nodeType === 3 ? { node, start: first, end: last } : { node, start: 0, end: 1 },
    );
    if (link !== null && !this.links.includes(link)) this.links.push(link);
  }

  flush(): void {
    if (this.text.length > 0) {
      this.done.push({
        block: { text: this.text, links: this.links },
        pieces: this.pieces,
        runs: this.runs,
      });
      this.text = '';
      this.pieces = [];
      this.runs = [];
      this.links = [];
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

/**
 * Whether a body shows raw "\n" as line breaks. Without a "\n" in its text the answer changes
 * nothing, so computed style (which may force a style recalculation) is read only then.
 */
export function isPreformattedBody(body: Element, adapter: SiteAdapter): boolean {
  if (adapter.preformatted === true) return true;
  return (body.textContent ?? '').includes('\n') && isPreformattedStyle(body);
}

/**
 * Reads `body` into blocks. Block boundaries are block-level elements, every `<br>`, and
 * "\n" in text when the body (or a `<pre>` / inline pre style inside it) is preformatted.
 */
export function extractBlocks(
  body: Element,
  adapter: SiteAdapter,
  preformatted = isPreformattedBody(body, adapter),
): BodyBlocks {
  const line = new LineBuilder();
  const opaque: Element[] = [];
  const linkOf = new Map<Element, string | null>();

  const linkFor = (parent: Element | null): string | null => {
    if (!parent) return null;
    const cached = linkOf.get(parent);
    if (cached !== undefined) return cached;
    const anchor = parent.closest('a[href]');
    const href = anchor && body.contains(anchor) ? anchorHref(anchor as HTMLAnchorElement) : null;
    linkOf.set(parent, href);
    return href;
  };

  // Excluded elements and nested posts (quotes) are not this post's own text. A nested match of
  // the body selector alone is not enough: Facebook's message wrappers all match it.
  const isForeign = (element: Element): boolean =>
    (adapter.exclude !== undefined && element.matches(adapter.exclude)) ||
    element.matches(adapter.post);

  // An explicit stack instead of recursion: a page may nest elements deeper than any call stack.
  interface Frame {
    next: ChildNode | null;
    readonly pre: boolean;
    /** A block element: its text ends the line on both sides. */
    readonly block: boolean;
  }
  const stack: Frame[] = [{ next: body.firstChild, pre: preformatted, block: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const child = frame.next;
    if (!child) {
      stack.pop();
      if (frame.block) line.flush();
      continue;
    }
    frame.next = child.nextSibling;
    const pre = frame.pre;
    if (child.nodeType === 3) {
      const text = child as Text;
      const data = text.data;
      const link = linkFor(text.parentElement);
      if (!pre) {
        line.add(text, data, 0, link);
        continue;
      }
      let from = 0;
      for (let newline = data.indexOf('\n'); newline >= 0; newline = data.indexOf('\n', from)) {
        line.add(text, data.slice(from, newline), from, link);
        line.flush();
        from = newline + 1;
      }
      line.add(text, data.slice(from), from, link);
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    const tag = element.localName;
    if (SKIPPED_TAGS.has(tag) || isOwnElement(element)) continue;
    if (isForeign(element)) {
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
        line.add(element as HTMLImageElement, alt, 0, linkFor(element));
      }
      continue;
    }
    const childPre =
      pre || tag === 'pre' || PRE_WHITE_SPACE.has((element as HTMLElement).style?.whiteSpace ?? '');
    const block = BLOCK_TAGS.has(tag);
    if (block) line.flush();
    stack.push({ next: element.firstChild, pre: childPre, block });
  }
  line.flush();
  return { blocks: line.done.map((page) => page.block), pageBlocks: line.done, opaque };
}

/** FNV-1a (32-bit) over the block texts: cheap identity of a body's text. */
export function hashBlocks(blocks: readonly Block[]): number {
  let hash = 0x811c9dc5;
  for (const block of blocks) {
    const text = block.text;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0x0a;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
