import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/core/types';
import { paragraphCount } from '../../src/dom/bar';
import { extractBlocks, hashBlocks } from '../../src/dom/blocks';
import { applyCollapse, restoreBody } from '../../src/dom/collapse';
import { ARTICLE, PARAGRAPHS, page, post, testSite, visibleText } from './helpers';

/** Applies a hand-made analysis to the first body of `html`. */
function applyTo(html: string, analysis: Partial<Analysis>) {
  const document = page(html);
  const body = document.querySelector('.body') as Element;
  const before = document.body.outerHTML;
  const read = extractBlocks(body, testSite());
  applyCollapse(
    body,
    read,
    { runs: [], hiddenBlocks: [], hiddenSpans: [], articleUrl: null, ...analysis },
    { startCollapsed: true, showBadge: true },
    hashBlocks(read.blocks),
  );
  return { document, body, before };
}

const shadowButton = (host: Element | null) =>
  host?.shadowRoot?.querySelector('button') as HTMLButtonElement;

const blocks = [...PARAGRAPHS, ...PARAGRAPHS].map((text) => `<p>${text}</p>`).join('');
const repeatOfFirstSix = {
  runs: [{ start: 6, end: 11, copyOf: { start: 0, end: 5 }, kind: 'exact' as const }],
  hiddenBlocks: [6, 7, 8, 9, 10, 11],
};

describe('the bar label', () => {
  it('says in words that repeated text is hidden, with the paragraph count in its title', () => {
    const { body } = applyTo(post(blocks), repeatOfFirstSix);
    const toggle = shadowButton(body.querySelector('collapse-repeats-bar'));
    expect(toggle.textContent).toBe('Repeated text hidden · Show');
    expect(toggle.title).toBe('The same text again (6 paragraphs)');
    expect(toggle.textContent).not.toMatch(/\d/);
    toggle.click();
    expect(toggle.textContent).toBe('Repeated text · Hide');
  });

  it('calls a shortened lead a preview', () => {
    const { body } = applyTo(post(blocks), {
      runs: [{ start: 0, end: 0, copyOf: { start: 6, end: 6 }, kind: 'truncated-lead' }],
      hiddenBlocks: [0],
    });
    const toggle = shadowButton(body.querySelector('collapse-repeats-bar'));
    expect(toggle.textContent).toBe('Shortened preview hidden · Show');
    expect(toggle.title).toBe('A shortened preview of the full text below (1 paragraph)');
  });
});

describe('paragraphCount', () => {
  const block = (text: string) => ({ text, links: [] });
  const read = [
    block(PARAGRAPHS[0]),
    block(ARTICLE),
    block(`  ${ARTICLE}  `),
    block('www.example.org/some/page'),
    block(`Read it at ${ARTICLE}`),
  ];

  it('leaves out a line holding only a URL, and counts every other hidden block', () => {
    expect(paragraphCount([0, 1, 2, 3, 4], read)).toBe(2);
    expect(paragraphCount([1, 2], read)).toBe(0);
    expect(paragraphCount([0, 4], read)).toBe(2);
  });
});

describe('the Hide button at the end of the revealed copy', () => {
  it('stands after the last repeat, hidden until the post is expanded', () => {
    const { body } = applyTo(post(blocks), repeatOfFirstSix);
    const end = body.querySelector('collapse-repeats-end') as HTMLElement;
    expect(end.previousElementSibling?.textContent).toBe(PARAGRAPHS[5]);
    expect(end.previousElementSibling?.getAttribute('data-collapse-repeats-hidden')).toBe('repeat');
    expect(end.hidden).toBe(true);
    expect(visibleText(body)).not.toContain('End of repeated text');
    shadowButton(body.querySelector('collapse-repeats-bar')).click();
    expect(end.hidden).toBe(false);
    expect(shadowButton(end).textContent).toBe('End of repeated text · Hide');
  });

  it('hides the copy again and gives the focus back to the bar above', () => {
    const { body, document } = applyTo(post(blocks), repeatOfFirstSix);
    const top = shadowButton(body.querySelector('collapse-repeats-bar'));
    top.click();
    const end = body.querySelector('collapse-repeats-end') as HTMLElement;
    shadowButton(end).click();
    expect(body.getAttribute('data-collapse-repeats')).toBe('collapsed');
    expect(end.hidden).toBe(true);
    expect(top.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(body.querySelector('collapse-repeats-bar'));
    expect(body.querySelector('collapse-repeats-bar')?.shadowRoot?.activeElement).toBe(top);
  });

  it('is a real button, reached with the keyboard', () => {
    const { body } = applyTo(post(blocks), repeatOfFirstSix);
    const end = shadowButton(body.querySelector('collapse-repeats-end'));
    expect(end.localName).toBe('button');
    expect(end.type).toBe('button');
    expect(end.tabIndex).toBe(0);
  });

  it('goes away with the rest of the collapse', () => {
    const { body, document, before } = applyTo(post(blocks), repeatOfFirstSix);
    restoreBody(body);
    expect(body.querySelector('collapse-repeats-end')).toBeNull();
    expect(document.body.outerHTML).toBe(before);
  });
});
