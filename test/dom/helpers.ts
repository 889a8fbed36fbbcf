import { JSDOM } from 'jsdom';
import type { ProcessOptions } from '../../src/dom/process';
import { defineSite, type SiteAdapter } from '../../src/sites/site';

/** Our own sentences, long enough for the core to treat a copy as a substantial repeat. */
export const PARAGRAPHS = [
  'The harbour council voted on Tuesday to close the old ferry pier for two full years of repairs.',
  'Engineers found that the wooden pilings under the north side had rotted far deeper than anyone expected.',
  'Commuters will take a shuttle bus around the bay instead, which adds roughly twenty minutes each way.',
  'Local shop owners near the pier worry that fewer visitors will walk past their windows all summer long.',
  'The council promised a public meeting next month where residents can look at the detailed building plans.',
  'A small fund will help the cafés and kiosks that lose the most trade while the pier stays closed to everyone.',
] as const;

export const ARTICLE = 'https://news.example.org/harbour/ferry-pier-closure';

/** A test adapter: each `.post` holds its text in `.body`. */
export function testSite(overrides: Partial<SiteAdapter> = {}): SiteAdapter {
  return defineSite({
    id: 'test',
    name: 'Test',
    matches: [],
    post: '.post',
    body: '.body',
    exclude: '.card',
    examples: [],
    ...overrides,
  });
}

export const OPTIONS: ProcessOptions = {
  analysis: { pageHost: 'social.example' },
  showBadge: true,
  startCollapsed: true,
};

export function page(bodyHtml: string, url = 'https://social.example/home'): Document {
  return new JSDOM(`<!doctype html><html><head></head><body>${bodyHtml}</body></html>`, { url })
    .window.document;
}

/** Builds a post whose body holds `inner`. */
export function post(inner: string, bodyAttributes = ''): string {
  return `<div class="post"><div class="body"${bodyAttributes}>${inner}</div></div>`;
}

/** The seed shape: paragraphs 1–N, a link, then all paragraphs again and the link again. */
export function doubledParagraphs(count: number = PARAGRAPHS.length): string {
  const paras = PARAGRAPHS.slice(0, count).map((text) => `<p>${text}</p>`);
  const link = `<p><a href="${ARTICLE}">${ARTICLE}</a></p>`;
  return [...paras, link, ...paras, link].join('');
}

/** Text a reader sees: hidden elements and split originals left out, clone text included. */
export function visibleText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node, collapsed: boolean): void => {
    if (node.nodeType === 3) {
      parts.push((node as Text).data);
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (element.localName === 'collapse-repeats-bar') return;
    const state = element.getAttribute('data-collapse-repeats');
    const nowCollapsed = state ? state === 'collapsed' : collapsed;
    const hidden = element.getAttribute('data-collapse-repeats-hidden');
    if (hidden === 'split' || (hidden === 'repeat' && nowCollapsed)) {
      // A split element's clone follows it; a body that is split passes its state on.
      const clone = element.nextElementSibling;
      if (hidden === 'split' && clone?.localName === 'collapse-repeats-clone') {
        for (const child of clone.childNodes) walk(child, nowCollapsed);
      }
      return;
    }
    if (element.localName === 'collapse-repeats-clone') return;
    for (const child of element.childNodes) walk(child, nowCollapsed);
  };
  walk(root, false);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
