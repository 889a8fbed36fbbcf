import type { Block } from './types';
import { isSpaceCode } from './whitespace';

/** One non-empty line of a text and its 1-based line number in that text. */
export interface TextLine {
  readonly text: string;
  readonly line: number;
}

const LINE_BREAK = /\r\n|\r|\n/;
const NOT_SPACE = /\S/;
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`\u00a0]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"”’»)\]}>…]+$/;
const URL_ONLY = /^https?:\/\/\S+$/i;
const TRAILING_ELLIPSIS = /(?:…|\.{3})$/;
const SCHEME_AND_WWW = /^(?:https?:\/\/)?(?:www\.)?/i;
const SPACE = /\s/;

/** The lines of a text that hold more than whitespace, without their trailing whitespace. */
export function textLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  const raw = rawLines(text);
  for (let index = 0; index < raw.length; index++) {
    const line = contentOf(raw[index] as string);
    if (line !== null) lines.push({ text: line, line: index + 1 });
  }
  return lines;
}

function rawLines(text: string): string[] {
  // Splitting on one character is much faster than on a pattern, and most texts use "\n".
  return text.includes('\r') ? text.split(LINE_BREAK) : text.split('\n');
}

/** A line without its trailing whitespace, or null when it holds nothing else. */
function contentOf(line: string): string | null {
  const first = line.charCodeAt(0);
  // A printable ASCII start settles it without a pattern.
  if (!(first > 32 && first < 127) && !NOT_SPACE.test(line)) return null;
  return isSpaceCode(line.charCodeAt(line.length - 1)) ? line.trimEnd() : line;
}

const NO_URLS: readonly string[] = Object.freeze([]);

/** The http(s) URLs written in a text, without the punctuation that ends the sentence around them. */
export function urlsInText(text: string): readonly string[] {
  if (!text.includes('://')) return NO_URLS;
  const urls: string[] = [];
  for (const [found] of text.matchAll(URL_IN_TEXT)) {
    let url = found.replace(TRAILING_PUNCTUATION, '');
    // Keep a closing parenthesis that belongs to the URL, as in Wikipedia links.
    if (found.length > url.length && found[url.length] === ')' && url.includes('(')) url += ')';
    if (url.length > 'https://'.length) urls.push(url);
  }
  return urls;
}

/**
 * The URL a line stands for when the line is nothing but a link, else null. A line that shows
 * its one link (scheme and "www." left out, shortened with "…" or "...", as Bluesky and X show
 * links) stands for the link's href; a line that is one written http(s) URL stands for that
 * URL without a trailing ellipsis. `text` is trimmed.
 */
export function urlLineKey(text: string, links: readonly string[]): string | null {
  const link = links.length === 1 ? (links[0] as string) : undefined;
  if (link !== undefined && isDisplayTextOf(text, link)) return link;
  return (text.charCodeAt(0) | 32) === 104 /* h */ && URL_ONLY.test(text)
    ? text.replace(TRAILING_ELLIPSIS, '')
    : null;
}

/** Whether a text is how a client shows a link: the href's start without scheme and "www.". */
function isDisplayTextOf(text: string, href: string): boolean {
  if (text.length > href.length + 3 || SPACE.test(text)) return false;
  const shown = text.replace(TRAILING_ELLIPSIS, '').replace(SCHEME_AND_WWW, '').toLowerCase();
  // A host at least: "a.b".
  if (shown.length < 3 || !shown.includes('.')) return false;
  const target = href.replace(SCHEME_AND_WWW, '').toLowerCase();
  return target.startsWith(shown) || (target.includes('%') && decodedUrl(target).startsWith(shown));
}

function decodedUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** Plain text as blocks: every non-empty line is one block, its links are the URLs in it. */
export function blocksFromText(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of rawLines(text)) {
    const line = contentOf(raw);
    if (line !== null) blocks.push({ text: line, links: urlsInText(line) });
  }
  return blocks;
}
