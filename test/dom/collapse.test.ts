import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analysePost } from '../../src/core/analyse';
import type { Analysis } from '../../src/core/types';
import { releaseBarEvents, safeArticleUrl } from '../../src/dom/bar';
import { extractBlocks, hashBlocks } from '../../src/dom/blocks';
import { appliedCollapse, applyCollapse, restoreBody } from '../../src/dom/collapse';
import { createErrorReporter } from '../../src/dom/errors';
import {
  pageCount,
  processBody,
  processDocument,
  restoreAll,
  showAll,
} from '../../src/dom/process';
import {
  ARTICLE,
  doubledParagraphs,
  OPTIONS,
  PARAGRAPHS,
  page,
  post,
  squash,
  testSite,
  visibleText,
} from './helpers';

const site = testSite();

function button(bar: Element): HTMLButtonElement {
  return bar.shadowRoot?.querySelector('button') as HTMLButtonElement;
}

function badge(bar: Element): HTMLAnchorElement | null {
  return bar.shadowRoot?.querySelector('a') ?? null;
}

/** Applies a hand-made analysis to the first body of `html`. */
function applyTo(html: string, analysis: Partial<Analysis>, preformatted = false) {
  const document = page(html);
  const body = document.querySelector('.body') as Element;
  const before = document.body.outerHTML;
  const read = extractBlocks(body, testSite({ preformatted }));
  const collapse = applyCollapse(
    body,
    read,
    { runs: [], hiddenBlocks: [], hiddenSpans: [], articleUrl: null, ...analysis },
    { startCollapsed: true, showBadge: true },
    hashBlocks(read.blocks),
  );
  return { document, body, before, read, collapse };
}

afterEach(() => vi.restoreAllMocks());

describe('a post in <p> paragraphs, repeated whole', () => {
  const setup = () => {
    const document = page(post(doubledParagraphs()));
    const body = document.querySelector('.body') as Element;
    return { document, body, before: document.body.outerHTML };
  };

  it('hides each later copy, keeps the first, and inserts one bar before the first hidden one', () => {
    const { body } = setup();
    expect(processBody(body, site, OPTIONS)).toBe('collapsed');
    expect(body.getAttribute('data-collapse-repeats')).toBe('collapsed');
    const paragraphs = [...body.querySelectorAll('p')];
    for (const [index, text] of PARAGRAPHS.entries()) {
      expect(paragraphs[index]?.hasAttribute('data-collapse-repeats-hidden')).toBe(false);
      const copy = paragraphs[index + PARAGRAPHS.length + 1];
      expect(copy?.textContent).toBe(text);
      expect(copy?.getAttribute('data-collapse-repeats-hidden')).toBe('repeat');
    }
    const bars = body.querySelectorAll('collapse-repeats-bar');
    expect(bars).toHaveLength(1);
    const firstHidden = body.querySelector('[data-collapse-repeats-hidden]');
    expect(bars[0]?.nextElementSibling).toBe(firstHidden);
    for (const text of PARAGRAPHS) {
      expect(visibleText(body).split(text)).toHaveLength(2);
    }
  });

  it('says in words what is hidden, counts paragraphs in the title, and links the article', () => {
    const { body } = setup();
    processBody(body, site, OPTIONS);
    const bar = body.querySelector('collapse-repeats-bar') as Element;
    expect(bar.shadowRoot).not.toBeNull();
    const toggle = button(bar);
    expect(toggle.type).toBe('button');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent).toBe('Repeated text hidden · Show');
    // Six paragraphs and the article's URL line are hidden: the URL line is no paragraph.
    expect(toggle.title).toBe('The same text again (6 paragraphs)');
    const link = badge(bar);
    expect(link?.href).toBe(ARTICLE);
    expect(link?.textContent).toContain('news.example.org');
    expect(link?.target).toBe('_blank');
    expect(link?.rel).toBe('noopener noreferrer');
    expect(bar.getAttribute('data-article-url')).toBe(ARTICLE);
  });

  it('restores the exact original markup', () => {
    const { document, body, before } = setup();
    processBody(body, site, OPTIONS);
    expect(document.body.outerHTML).not.toBe(before);
    restoreBody(body);
    expect(document.body.outerHTML).toBe(before);
    expect(appliedCollapse(body)).toBeUndefined();
  });

  it('toggles the state and every mark; aria-expanded and the label follow', () => {
    const { body } = setup();
    processBody(body, site, OPTIONS);
    const marks = () =>
      [...body.querySelectorAll('[data-collapse-repeats-hidden]')].map((mark) =>
        mark.getAttribute('data-collapse-repeats-hidden'),
      );
    expect(new Set(marks())).toEqual(new Set(['repeat']));
    const toggle = button(body.querySelector('collapse-repeats-bar') as Element);
    toggle.click();
    expect(body.getAttribute('data-collapse-repeats')).toBe('expanded');
    expect(new Set(marks())).toEqual(new Set(['shown']));
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toMatch(/· Hide$/);
    expect(visibleText(body).split(PARAGRAPHS[0])).toHaveLength(3);
    toggle.click();
    expect(body.getAttribute('data-collapse-repeats')).toBe('collapsed');
    expect(new Set(marks())).toEqual(new Set(['repeat']));
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent).toMatch(/· Show$/);
  });

  it('keeps clicks on the bar away from the page and from links around the post', () => {
    const document = page(`<a class="wrap" href="/thread/1">${post(doubledParagraphs())}</a>`);
    const body = document.querySelector('.body') as Element;
    processBody(body, site, OPTIONS);
    const pageClicks = vi.fn();
    document.addEventListener('click', pageClicks);
    document.querySelector('.wrap')?.addEventListener('click', pageClicks);
    const toggle = button(body.querySelector('collapse-repeats-bar') as Element);
    const click = new (document.defaultView as Window & typeof globalThis).MouseEvent('click', {
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    toggle.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(pageClicks).not.toHaveBeenCalled();
    expect(body.getAttribute('data-collapse-repeats')).toBe('expanded');
  });

  it('keeps every contained kind of event on a bar away from the page, and only those', () => {
    const document = page(`<div class="wrap">${post(doubledParagraphs())}</div>`);
    const window = document.defaultView as Window & typeof globalThis;
    const body = document.querySelector('.body') as Element;
    processBody(body, site, OPTIONS);
    const seen: string[] = [];
    const record = (event: Event) => seen.push(`${event.type}@${event.currentTarget === document}`);
    const types = ['mousedown', 'pointerup', 'keydown', 'keyup', 'touchstart', 'auxclick'];
    for (const type of [...types, 'focusin']) {
      document.addEventListener(type, record, true);
      document.querySelector('.wrap')?.addEventListener(type, record);
    }
    const toggle = button(body.querySelector('collapse-repeats-bar') as Element);
    for (const type of types) {
      toggle.dispatchEvent(new window.Event(type, { bubbles: true, composed: true }));
    }
    expect(seen).toEqual([]);
    // Our listeners only act on our bars: the same events on the post reach the page.
    const paragraph = body.querySelector('p') as Element;
    paragraph.dispatchEvent(new window.Event('keydown', { bubbles: true, composed: true }));
    expect(seen).toEqual(['keydown@true', 'keydown@false']);
    expect(body.getAttribute('data-collapse-repeats')).toBe('collapsed');
  });

  it('toggles on a click anywhere in the button, and follows the badge without toggling', () => {
    const { body } = setup();
    processBody(body, site, OPTIONS);
    const bar = body.querySelector('collapse-repeats-bar') as Element;
    const window = body.ownerDocument.defaultView as Window & typeof globalThis;
    const click = () =>
      new window.MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    const inside = body.ownerDocument.createElement('span');
    button(bar).append(inside);
    inside.dispatchEvent(click());
    expect(body.getAttribute('data-collapse-repeats')).toBe('expanded');

    const onBadge = click();
    badge(bar)?.dispatchEvent(onBadge);
    expect(onBadge.defaultPrevented).toBe(false);
    expect(body.getAttribute('data-collapse-repeats')).toBe('expanded');
  });

  it('gives each bar a <style> of its own where no sheet can be adopted (jsdom has none)', () => {
    const document = page(`${post(doubledParagraphs())}${post(doubledParagraphs())}`);
    processDocument(document, site, OPTIONS);
    const roots = [...document.querySelectorAll('collapse-repeats-bar')].map(
      (bar) => bar.shadowRoot as ShadowRoot,
    );
    expect(roots).toHaveLength(2);
    for (const root of roots) {
      expect(root.querySelectorAll('style')).toHaveLength(1);
      expect(root.querySelector('style')?.textContent).toContain('border-radius: 999px');
      expect(root.lastElementChild?.querySelector('button')).not.toBeNull();
    }
  });

  it('listens once per window, however many bars, and lets go when released', () => {
    const document = page(`${post(doubledParagraphs())}${post(doubledParagraphs())}`);
    const window = document.defaultView as Window & typeof globalThis;
    const added = vi.spyOn(window, 'addEventListener');
    const bodies = processDocument(document, site, OPTIONS);
    expect(bodies).toEqual(['collapsed', 'collapsed']);
    // Ours are the calls with the listener given for pointerdown (jsdom adds listeners too).
    const ours = added.mock.calls.find(([type]) => type === 'pointerdown')?.[1];
    const types = added.mock.calls.filter(([, listener]) => listener === ours).map(([t]) => t);
    expect(types).toContain('click');
    expect(new Set(types).size).toBe(types.length);

    releaseBarEvents(document);
    const pageClicks = vi.fn();
    document.addEventListener('click', pageClicks);
    const toggle = button(document.querySelector('collapse-repeats-bar') as Element);
    toggle.click();
    expect(pageClicks).toHaveBeenCalledOnce();
    expect(document.querySelector('.body')?.getAttribute('data-collapse-repeats')).toBe(
      'collapsed',
    );
  });

  it('starts expanded when the setting says so', () => {
    const { body } = setup();
    expect(processBody(body, site, { ...OPTIONS, startCollapsed: false })).toBe('expanded');
    const toggle = button(body.querySelector('collapse-repeats-bar') as Element);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('leaves out the badge when it is switched off', () => {
    const { body } = setup();
    processBody(body, site, { ...OPTIONS, showBadge: false });
    const bar = body.querySelector('collapse-repeats-bar') as Element;
    expect(badge(bar)).toBeNull();
    expect(bar.hasAttribute('data-article-url')).toBe(false);
  });

  it('is idempotent: processing again changes nothing', () => {
    const { document, body } = setup();
    processDocument(document, site, OPTIONS);
    const once = document.body.outerHTML;
    expect(processDocument(document, site, OPTIONS)).toEqual(['unchanged']);
    expect(document.body.outerHTML).toBe(once);
    expect(body.querySelectorAll('collapse-repeats-bar')).toHaveLength(1);
  });
});

describe('clean posts', () => {
  it('marks a post without repeats clean and adds nothing else', () => {
    const document = page(post(PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')));
    const before = document.body.outerHTML;
    expect(processDocument(document, site, OPTIONS)).toEqual(['clean']);
    const body = document.querySelector('.body') as Element;
    expect(body.getAttribute('data-collapse-repeats')).toBe('clean');
    expect(
      document.querySelectorAll('collapse-repeats-bar, [data-collapse-repeats-hidden]'),
    ).toHaveLength(0);
    restoreAll(document);
    expect(document.body.outerHTML).toBe(before);
  });
});

describe('repeats that share an element with kept text', () => {
  it('hides a pre-wrap body with one text node and shows a cleaned clone beside it', () => {
    const text = `${PARAGRAPHS.slice(0, 3).join('\n\n')}\n\nThanks for reading.\n\n${PARAGRAPHS.slice(0, 3).join('\n\n')}\n`;
    const document = page(post('', ' id="note_1"'));
    const body = document.querySelector('.body') as Element;
    body.append(document.createTextNode(text));
    const before = document.body.outerHTML;
    expect(processBody(body, testSite({ preformatted: true }), OPTIONS)).toBe('collapsed');

    expect(body.getAttribute('data-collapse-repeats-hidden')).toBe('split');
    expect(body.firstChild?.nodeType).toBe(3);
    expect((body.firstChild as Text).data).toBe(text);
    const holder = body.nextElementSibling as Element;
    expect(holder.localName).toBe('collapse-repeats-clone');
    const clone = holder.firstElementChild as Element;
    expect(clone.hasAttribute('id')).toBe(false);
    expect(clone.hasAttribute('data-collapse-repeats')).toBe(false);
    expect(clone.hasAttribute('data-collapse-repeats-hidden')).toBe(false);
    const spans = [...clone.querySelectorAll('span[data-collapse-repeats-hidden="repeat"]')];
    // Hidden paragraphs next to each other share one span, with the blank lines between them.
    expect(squash(spans.map((span) => span.textContent).join(' '))).toBe(
      squash(PARAGRAPHS.slice(0, 3).join(' ')),
    );
    expect(spans[0]?.textContent?.startsWith(PARAGRAPHS[0])).toBe(true);
    expect(clone.querySelectorAll('collapse-repeats-bar')).toHaveLength(1);
    expect(clone.querySelector('collapse-repeats-bar')?.nextSibling).toBe(spans[0]);

    const visible = visibleText(document.body);
    for (const paragraph of PARAGRAPHS.slice(0, 3))
      expect(visible.split(paragraph)).toHaveLength(2);
    expect(visible).toContain('Thanks for reading.');
    expect(squash(clone.textContent ?? '')).toBe(squash(text));

    restoreBody(body);
    expect(document.body.outerHTML).toBe(before);
  });

  it('splits lines made by <br> over many text nodes (Primal, Coracle), hiding the break too', () => {
    const document = page(post(''));
    const body = document.querySelector('.body') as Element;
    const lines = [...PARAGRAPHS.slice(0, 2), 'A short kept line', ...PARAGRAPHS.slice(0, 2)];
    for (const [index, line] of lines.entries()) {
      for (const word of line.split(' ')) body.append(document.createTextNode(`${word} `));
      if (index < lines.length - 1)
        body.append(document.createElement('br'), document.createElement('br'));
    }
    const before = document.body.outerHTML;
    expect(processBody(body, site, OPTIONS)).toBe('collapsed');
    expect(body.getAttribute('data-collapse-repeats-hidden')).toBe('split');
    const clone = body.nextElementSibling?.firstElementChild as Element;
    const hidden = [...clone.querySelectorAll('span[data-collapse-repeats-hidden]')]
      .map((span) => span.textContent)
      .join(' ');
    expect(squash(hidden)).toBe(squash(PARAGRAPHS.slice(0, 2).join(' ')));
    expect(
      clone.querySelectorAll('br[data-collapse-repeats-hidden="repeat"]').length,
    ).toBeGreaterThan(0);
    expect(visibleText(document.body)).toContain('A short kept line');
    restoreBody(body);
    expect(document.body.outerHTML).toBe(before);
  });

  it('hides the highest element holding only hidden text, never one with a card inside', () => {
    const { body, document, before } = applyTo(
      post(
        `<div class="a"><p>${PARAGRAPHS[0]}</p></div><div class="b"><span><p>${PARAGRAPHS[1]}</p></span></div>` +
          `<div class="c"><p>${PARAGRAPHS[2]}</p><div class="card">Preview</div></div>`,
      ),
      {
        runs: [{ start: 1, end: 2, copyOf: { start: 0, end: 0 }, kind: 'near' }],
        hiddenBlocks: [1, 2],
      },
    );
    expect(body.querySelector('.b')?.getAttribute('data-collapse-repeats-hidden')).toBe('repeat');
    expect(body.querySelector('.b span')?.hasAttribute('data-collapse-repeats-hidden')).toBe(false);
    expect(body.querySelector('.c')?.hasAttribute('data-collapse-repeats-hidden')).toBe(false);
    expect(body.querySelector('.c p')?.getAttribute('data-collapse-repeats-hidden')).toBe('repeat');
    expect(body.querySelector('collapse-repeats-bar')?.nextElementSibling?.className).toBe('b');
    restoreBody(body);
    expect(document.body.outerHTML).toBe(before);
  });

  it('wraps a hidden sentence span inside a kept paragraph in the clone only', () => {
    const sentence = 'The same sentence is said twice here.';
    const paragraph = `Opening words. ${sentence} Middle words. ${sentence}`;
    const from = paragraph.lastIndexOf(sentence);
    const { body, document, before } = applyTo(post(`<p>${paragraph}</p><p>${PARAGRAPHS[0]}</p>`), {
      runs: [{ start: 0, end: 0, copyOf: { start: 0, end: 0 }, kind: 'exact' }],
      hiddenSpans: [{ block: 0, from, to: from + sentence.length }],
    });
    const paragraphElement = body.querySelector('p') as Element;
    expect(paragraphElement.getAttribute('data-collapse-repeats-hidden')).toBe('split');
    expect(paragraphElement.textContent).toBe(paragraph);
    const clone = paragraphElement.nextElementSibling?.firstElementChild as Element;
    expect(clone.querySelector('span[data-collapse-repeats-hidden]')?.textContent).toBe(sentence);
    expect(clone.querySelector('collapse-repeats-bar')).not.toBeNull();
    const toggle = button(clone.querySelector('collapse-repeats-bar') as Element);
    expect(toggle.textContent).toBe('Repeated text hidden · Show');
    expect(toggle.title).toBe('The same text again');
    expect(visibleText(body).split(sentence)).toHaveLength(2);
    restoreBody(body);
    expect(document.body.outerHTML).toBe(before);
  });
});

describe('badge safety', () => {
  const unsafe = [
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    '//evil.example/path',
    '/relative/path',
    'https://user:secret@evil.example/',
    'ftp://files.example/x',
  ];

  it.each(unsafe)('never turns %s into a badge', (url) => {
    expect(safeArticleUrl(url)).toBeNull();
    const { body } = applyTo(post(`<p>${PARAGRAPHS[0]}</p><p>${PARAGRAPHS[0]}</p>`), {
      runs: [{ start: 1, end: 1, copyOf: { start: 0, end: 0 }, kind: 'exact' }],
      hiddenBlocks: [1],
      articleUrl: url,
    });
    const bar = body.querySelector('collapse-repeats-bar') as Element;
    expect(badge(bar)).toBeNull();
    expect(bar.hasAttribute('data-article-url')).toBe(false);
  });

  it('shows the punycode host of an internationalised domain', () => {
    const { body } = applyTo(post(`<p>${PARAGRAPHS[0]}</p><p>${PARAGRAPHS[0]}</p>`), {
      runs: [{ start: 1, end: 1, copyOf: { start: 0, end: 0 }, kind: 'exact' }],
      hiddenBlocks: [1],
      articleUrl: 'https://bücher.example/artikel',
    });
    const bar = body.querySelector('collapse-repeats-bar') as Element;
    expect(badge(bar)?.textContent).toContain('xn--bcher-kva.example');
    expect(bar.getAttribute('data-article-url')).toBe('https://xn--bcher-kva.example/artikel');
  });
});

describe('re-analysis', () => {
  it('re-applies when the text changes, with still one bar, and goes clean when repeats go', () => {
    const document = page(post(doubledParagraphs()));
    const body = document.querySelector('.body') as Element;
    processBody(body, site, OPTIONS);
    const lastParagraph = body.querySelectorAll('p')[PARAGRAPHS.length - 1] as Element;
    (lastParagraph.firstChild as Text).data =
      'An edited paragraph that is new text and never repeated anywhere else in this post.';
    expect(processBody(body, site, OPTIONS)).toBe('collapsed');
    expect(document.querySelectorAll('collapse-repeats-bar')).toHaveLength(1);
    expect(lastParagraph.hasAttribute('data-collapse-repeats-hidden')).toBe(false);

    for (const copy of [...body.querySelectorAll('p')].slice(PARAGRAPHS.length + 1)) copy.remove();
    expect(processBody(body, site, OPTIONS)).toBe('clean');
    expect(
      document.querySelectorAll('collapse-repeats-bar, [data-collapse-repeats-hidden]'),
    ).toHaveLength(0);
  });

  it('puts back a collapse the page removed only a bounded number of times', () => {
    const document = page(post(doubledParagraphs()));
    const body = document.querySelector('.body') as Element;
    processBody(body, site, OPTIONS);
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      body.querySelector('collapse-repeats-bar')?.remove();
      outcomes.push(processBody(body, site, OPTIONS));
    }
    expect(outcomes).toEqual(['collapsed', 'collapsed', 'unchanged', 'unchanged', 'unchanged']);
    expect(body.hasAttribute('data-collapse-repeats')).toBe(false);
    expect(body.querySelectorAll('[data-collapse-repeats-hidden]')).toHaveLength(0);
  });
});

describe('page-wide helpers', () => {
  it('counts collapsed posts and expands them all', () => {
    const document = page(
      post(doubledParagraphs(3)) + post(`<p>${PARAGRAPHS[5]}</p>`) + post(doubledParagraphs(2)),
    );
    processDocument(document, site, OPTIONS);
    const count = pageCount(document);
    expect(count.posts).toBe(2);
    expect(count.paragraphs).toBeGreaterThanOrEqual(5);
    showAll(document);
    expect(document.querySelectorAll('[data-collapse-repeats="expanded"]')).toHaveLength(2);
    expect(pageCount(document)).toEqual(count);
  });

  it('counts only collapsed posts still on the page', () => {
    const document = page(post(doubledParagraphs(3)) + post(doubledParagraphs(2)));
    processDocument(document, site, OPTIONS);
    const [first, second] = document.querySelectorAll('.body');
    const both = pageCount(document);
    expect(both.posts).toBe(2);
    first?.closest('.post')?.remove();
    const one = pageCount(document);
    expect(one.posts).toBe(1);
    expect(one.paragraphs).toBeLessThan(both.paragraphs);
    second?.removeAttribute('data-collapse-repeats');
    expect(pageCount(document)).toEqual({ posts: 0, paragraphs: 0 });
  });
});

describe('errors', () => {
  it('leaves a failing post untouched, logs the kind once with the site id, and keeps going', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const document = page(
      post(doubledParagraphs()) + post(doubledParagraphs()) + post(doubledParagraphs()),
    );
    const bodies = [...document.querySelectorAll('.body')];
    for (const broken of [bodies[0], bodies[2]]) {
      const text = broken?.querySelector('p')?.firstChild as Text;
      Object.defineProperty(text, 'data', {
        get() {
          throw new TypeError('hostile page getter');
        },
      });
    }
    const before = document.body.outerHTML;
    const options = { ...OPTIONS, onError: createErrorReporter('test') };
    expect(processDocument(document, site, options)).toEqual(['failed', 'collapsed', 'failed']);
    expect(processDocument(document, site, options)).toEqual(['failed', 'unchanged', 'failed']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.slice(0, 2)).toEqual(['[Collapse Repeats]', 'test']);
    restoreAll(document);
    expect(document.body.outerHTML).toBe(before);
    expect(bodies[0]?.hasAttribute('data-collapse-repeats')).toBe(false);
  });
});

describe('memory', () => {
  // `gc` without a command-line flag: the flag is set at run time, and a new context sees it.
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;

  it('a collapsed post keeps nothing of the read it was made from', async () => {
    const document = page(post(doubledParagraphs()));
    const body = document.querySelector('.body') as Element;
    // Read, analysed and applied in a scope of its own, so only our collapse can hold the read.
    const readBlock = (() => {
      const read = extractBlocks(body, site);
      const analysis = analysePost(read.blocks, OPTIONS.analysis);
      applyCollapse(body, read, analysis, OPTIONS, hashBlocks(read.blocks));
      return new WeakRef(read.pageBlocks[0] as object);
    })();
    // A weak reference holds its target until the current job is over.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(readBlock.deref()).toBeUndefined();
    // The bar still works.
    const bar = body.querySelector('collapse-repeats-bar') as Element;
    button(bar).click();
    expect(appliedCollapse(body)?.state).toBe('expanded');
  });
});
