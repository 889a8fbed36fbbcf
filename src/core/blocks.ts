import type { Block } from './types';

/** One non-empty line of a text and its 1-based line number in that text. */
export interface TextLine {
  readonly text: string;
  readonly line: number;
}

const LINE_BREAK = /\r\n|\r|\n/;
const NOT_SPACE = /\S/;
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`\u00a0]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"”’»)\]}>]+$/;

/** The lines of a text that hold more than whitespace, without their trailing whitespace. */
export function textLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  const raw = text.split(LINE_BREAK);
  for (let index = 0; index < raw.length; index++) {
    let line = raw[index] as string;
    if (!NOT_SPACE.test(line)) continue;
    if (isSpaceCode(line.charCodeAt(line.length - 1))) line = line.trimEnd();
    lines.push({ text: line, line: index + 1 });
  }
  return lines;
}

/** The http(s) URLs written in a text, without the punctuation that ends the sentence around them. */
export function urlsInText(text: string): string[] {
  if (!text.includes('://')) return [];
  const urls: string[] = [];
  for (const [found] of text.matchAll(URL_IN_TEXT)) {
    let url = found.replace(TRAILING_PUNCTUATION, '');
    // Keep a closing parenthesis that belongs to the URL, as in Wikipedia links.
    if (found.length > url.length && found[url.length] === ')' && url.includes('(')) url += ')';
    if (url.length > 'https://'.length) urls.push(url);
  }
  return urls;
}

/** Plain text as blocks: every non-empty line is one block, its links are the URLs in it. */
export function blocksFromText(text: string): Block[] {
  return textLines(text).map(({ text: line }) => ({ text: line, links: urlsInText(line) }));
}

function isSpaceCode(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 160 ||
    code === 0x3000 ||
    (code >= 11 && code <= 13) ||
    code === 0xfeff
  );
}
