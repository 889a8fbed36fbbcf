/**
 * Properties of the page side over generated posts in each adapter's own markup: restore is
 * exact, every block without a copy stays visible, applying twice changes nothing, and the
 * badge only ever links an http(s) link of the post. Runs FC_NUM_RUNS times (10,000 in
 * `npm run test:props`). Posts are small and share one jsdom window, so a run costs little.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { analysePost, keptBlocks } from '../../src/core/analyse';
import { extractBlocks } from '../../src/dom/blocks';
import { restoreBody } from '../../src/dom/collapse';
import { ARTICLE_URL_ATTRIBUTE, BAR_TAG } from '../../src/dom/contract';
import {
  type ProcessOptions,
  processBody,
  processDocument,
  restoreAll,
  showAll,
} from '../../src/dom/process';
import { sites } from '../../src/sites/registry';
import type { SiteAdapter } from '../../src/sites/site';
import { visibleText } from '../dom/helpers';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 50);

const PAGE_HOST = 'social.example';
const OPTIONS: ProcessOptions = {
  analysis: { pageHost: PAGE_HOST },
  showBadge: true,
  startCollapsed: true,
  onError: (error) => {
    throw error;
  },
};

/** Our own paragraphs, long enough that a copy of one is a substantial repeat. */
const PARAGRAPHS = [
  'The night train to the northern valleys runs again from Friday, after three weeks of repairs on the bridge above the river gorge near Tallen.',
  'Tickets bought for the cancelled departures stay valid until the end of the month, and the railway will refund anyone who took a coach instead.',
  'Hikers are asked to book a seat in advance during the holidays, because the two sleeping cars fill up quickly once the snow reports come out.',
  'The regional council wants to add a third weekly service next spring, provided that the trial of the new timetable shows enough demand.',
];
/** Lines that repeat legitimately or are variants of a paragraph. */
const SHORT_LINES = [
  'Train news',
  '#rail #mountains',
  'See you on board!',
  `${(PARAGRAPHS[0] as string).slice(0, 60)}…`,
  `${PARAGRAPHS[1]} #rail`,
];
/** Text that breaks naive code: bidi overrides, zero-width runs, scripts without spaces, ZWJ emoji, a lone surrogate. */
const TRICKY_TEXT = [
  '\u202Ereversed words\u202C',
  '\u200B\u200C\u200D\u2060'.repeat(8),
  '山の上の駅は冬の間も開いています',
  'รถไฟกลางคืนกลับมาวิ่งอีกครั้งแล้ว',
  '👩‍👩‍👧‍👦👨🏽‍🚒🏳️‍🌈',
  'broken \uD800 surrogate',
  'tab\tand\u00A0nbsp',
];
const LINKS = [
  'https://rail-news.example/2024/night-train-returns',
  'https://rail-news.example/2024/night-train-returns?utm_source=social&utm_medium=post',
  'https://www.valley-times.example/story?id=42&fbclid=abc123',
  'http://old-site.example/page',
  'https://xn--bcher-kva.example/neu',
  'https://bücher.example/artikel',
  `https://${PAGE_HOST}/@someone`,
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<b>x</b>',
  'vbscript:msgbox(1)',
  '//evil.example/path',
  'https://user:secret@creds.example/article',
];
/** Query parameters a badge may drop from a link: tracking only. */
const TRACKING = /^(?:utm_.*|fbclid|gclid)$/;

type Line =
  | { readonly kind: 'text'; readonly text: string; readonly unique: boolean }
  | { readonly kind: 'link'; readonly href: string }
  | { readonly kind: 'hashtag'; readonly tag: string };

/** A line made of words no other line has: it has no copy anywhere in the post. */
function uniqueText(index: number, words: number, extra: string): string {
  const tokens = Array.from({ length: words }, (_, word) => `zq${index}k${word}v`);
  return `${tokens.join(' ')} ${extra}`.trim();
}

const lineArbitrary: fc.Arbitrary<Line> = fc
  .oneof(
    { weight: 5, arbitrary: fc.constantFrom(...PARAGRAPHS) },
    { weight: 2, arbitrary: fc.constantFrom(...SHORT_LINES) },
  )
  .map((text): Line => ({ kind: 'text', text, unique: false }));

const postArbitrary = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: lineArbitrary },
      {
        weight: 3,
        arbitrary: fc
          .tuple(
            fc.integer({ min: 1, max: 12 }),
            fc.oneof(
              fc.constantFrom(...TRICKY_TEXT),
              // Letters and digits left out, so noise never makes two unique lines alike.
              fc
                .string({ unit: 'grapheme', maxLength: 8 })
                .map((s) => s.replace(/[\p{L}\p{N}\s\p{C}]/gu, '')),
            ),
          )
          .map(([words, extra]) => ({ kind: 'unique' as const, words, extra })),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(...LINKS).map((href) => ({ kind: 'link' as const, href })),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom('rail', 'Zürich', '東京').map((tag) => ({
          kind: 'hashtag' as const,
          tag,
        })),
      },
    ),
    { minLength: 1, maxLength: 14 },
  )
  .map((items) =>
    items.map((item, index): Line => {
      if (item.kind !== 'unique') return item;
      return { kind: 'text', text: uniqueText(index, item.words, item.extra), unique: true };
    }),
  );

/** How a client lays out the lines of a post. */
type Layout = 'paragraphs' | 'dir-auto' | 'breaks' | 'pre-wrap';

interface Template {
  readonly site: SiteAdapter;
  readonly layout: Layout;
  /** Builds the post element and returns it with the element that holds the lines. */
  readonly shell: (document: Document) => { post: Element; body: Element };
}

function site(id: string): SiteAdapter {
  const found = sites.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no adapter ${id}`);
  return found;
}

function el(document: Document, tag: string, attributes: Record<string, string> = {}): Element {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/** Wraps `body` in `post`, with the given element chain between them. */
function nest(post: Element, ...chain: Element[]): { post: Element; body: Element } {
  let parent = post;
  for (const element of chain) {
    parent.append(element);
    parent = element;
  }
  return { post, body: parent };
}

const TEMPLATES: readonly Template[] = [
  {
    site: site('mastodon'),
    layout: 'paragraphs',
    shell: (d) =>
      nest(el(d, 'div', { class: 'status' }), el(d, 'div', { class: 'status__content' })),
  },
  {
    site: site('lemmy'),
    layout: 'paragraphs',
    shell: (d) =>
      nest(
        el(d, 'div', { class: 'post-listing' }),
        el(d, 'div', { class: 'postContent' }),
        el(d, 'div', { class: 'md-div' }),
      ),
  },
  {
    site: site('facebook'),
    layout: 'dir-auto',
    shell: (d) =>
      nest(el(d, 'div', { role: 'article' }), el(d, 'div', { 'data-ad-preview': 'message' })),
  },
  {
    site: site('njump'),
    layout: 'breaks',
    shell: (d) =>
      nest(
        el(d, 'div', { itemscope: '', itemtype: 'https://schema.org/Article' }),
        el(d, 'div', { itemprop: 'articleBody' }),
      ),
  },
  {
    site: site('primal'),
    layout: 'breaks',
    shell: (d) => nest(el(d, 'div', { 'data-event': 'e1' }), el(d, 'div', { id: 'note_e1' })),
  },
  {
    site: site('coracle'),
    layout: 'breaks',
    shell: (d) => nest(el(d, 'div', { class: 'note' }), el(d, 'div', { class: 'note-content' })),
  },
  {
    site: site('misskey'),
    layout: 'breaks',
    shell: (d) => {
      const root = el(d, 'div', { tabindex: '-1' });
      const { body } = nest(
        root,
        el(d, 'article'),
        el(d, 'div'),
        el(d, 'span', { style: 'white-space: pre-wrap;' }),
      );
      return { post: root, body };
    },
  },
  {
    site: site('snort'),
    layout: 'pre-wrap',
    shell: (d) =>
      nest(
        el(d, 'div', { class: 'min-h-[110px]' }),
        el(d, 'div', { dir: 'auto', class: 'whitespace-pre-wrap' }),
      ),
  },
  {
    site: site('bluesky'),
    layout: 'pre-wrap',
    shell: (d) =>
      nest(
        el(d, 'div', { 'data-testid': 'feedItem-by-someone' }),
        el(d, 'div', { 'data-testid': 'postText' }),
      ),
  },
  {
    site: site('x'),
    layout: 'pre-wrap',
    shell: (d) =>
      nest(
        el(d, 'article', { 'data-testid': 'tweet' }),
        el(d, 'div', { 'data-testid': 'tweetText' }),
      ),
  },
];

/** The inline content of one line: text, a link, or a hashtag link. */
function lineContent(document: Document, line: Line): Node[] {
  if (line.kind === 'text') return [document.createTextNode(line.text)];
  const link = document.createElement('a');
  if (line.kind === 'link') {
    link.setAttribute('href', line.href);
    link.textContent = line.href.trim();
    return [link];
  }
  link.setAttribute('href', `https://${PAGE_HOST}/tags/${encodeURIComponent(line.tag)}`);
  link.className = 'mention hashtag';
  link.append('#', el(document, 'span'));
  (link.lastChild as Element).textContent = line.tag;
  return [document.createTextNode('Tagged '), link];
}

/** Pre-wrap clients split a line over several text nodes; `\n` ends it. */
function splitText(document: Document, text: string, parts: number): Node[] {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const nodes: Node[] = [];
  for (let at = 0; at < text.length; at += size) {
    // Never cut a surrogate pair in two: that would change the text itself.
    let end = Math.min(text.length, at + size);
    if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1)) && end < text.length) end += 1;
    nodes.push(document.createTextNode(text.slice(at, end)));
    at = end - size;
  }
  return nodes;
}

function fillBody(document: Document, body: Element, layout: Layout, lines: readonly Line[]): void {
  lines.forEach((line, index) => {
    const content = lineContent(document, line);
    switch (layout) {
      case 'paragraphs': {
        const p = document.createElement('p');
        p.append(...content);
        body.append(p);
        return;
      }
      case 'dir-auto': {
        const div = el(document, 'div', { dir: 'auto' });
        div.append(...content);
        body.append(div);
        return;
      }
      case 'breaks': {
        if (index > 0) body.append(document.createElement('br'));
        if (index > 0 && index % 3 === 0) body.append(document.createElement('br'));
        body.append(...content);
        return;
      }
      case 'pre-wrap': {
        const prefix = index > 0 ? (index % 2 === 0 ? '\n\n' : '\n') : '';
        if (line.kind === 'text') {
          body.append(...splitText(document, `${prefix}${line.text}`, 1 + (index % 3)));
        } else {
          if (prefix) body.append(prefix);
          body.append(...content);
        }
        return;
      }
    }
  });
}

const caseArbitrary = fc.record({
  template: fc.constantFrom(...TEMPLATES),
  lines: postArbitrary,
});

interface Built {
  readonly post: Element;
  readonly body: Element;
  readonly template: Template;
  readonly lines: readonly Line[];
}

function build({ template, lines }: { template: Template; lines: Line[] }): Built {
  document.body.replaceChildren();
  const { post, body } = template.shell(document);
  if (template.layout === 'pre-wrap') (body as HTMLElement).style.whiteSpace = 'pre-wrap';
  fillBody(document, body, template.layout, lines);
  document.body.append(post);
  return { post, body, template, lines };
}

const squash = (text: string) => text.replace(/\s+/g, '');

afterEach(() => {
  restoreAll(document);
  document.body.replaceChildren();
});

describe('generated posts in every adapter markup', () => {
  it('adapters of every layout are found by their own selectors', () => {
    for (const template of TEMPLATES) {
      const built = build({ template, lines: [{ kind: 'text', text: 'x', unique: true }] });
      expect(processDocument(document, template.site, OPTIONS), template.site.id).toEqual([
        'clean',
      ]);
      expect(built.body.getAttribute('data-collapse-repeats')).toBe('clean');
    }
  });

  it('the generator reaches collapsed posts, split lines and badges in every layout', () => {
    const seen = new Map<Layout, { collapsed: number; split: number; badge: number }>();
    for (const input of fc.sample(caseArbitrary, { numRuns: 600, seed: 6 })) {
      const { body, template } = build(input);
      const tally = seen.get(template.layout) ?? { collapsed: 0, split: 0, badge: 0 };
      if (processBody(body, template.site, OPTIONS) === 'collapsed') tally.collapsed++;
      if (document.querySelector('[data-collapse-repeats-hidden="split"]')) tally.split++;
      if (document.querySelector(BAR_TAG)?.shadowRoot?.querySelector('a')) tally.badge++;
      seen.set(template.layout, tally);
      restoreAll(document);
    }
    for (const layout of ['paragraphs', 'dir-auto', 'breaks', 'pre-wrap'] as const) {
      const tally = seen.get(layout);
      expect(tally?.collapsed, `${layout}: collapsed posts`).toBeGreaterThan(10);
      expect(tally?.badge, `${layout}: badges`).toBeGreaterThan(3);
    }
    expect(seen.get('pre-wrap')?.split, 'pre-wrap: split text nodes').toBeGreaterThan(10);
    expect(seen.get('breaks')?.split, 'breaks: split <br> runs').toBeGreaterThan(10);
  });

  it('apply then restore gives back byte-identical markup, collapsed or expanded', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.boolean(), (input, expand) => {
        const { body, template } = build(input);
        const before = document.body.outerHTML;
        processBody(body, template.site, OPTIONS);
        if (expand) showAll(document);
        restoreBody(body);
        expect(document.body.outerHTML).toBe(before);
      }),
      { numRuns },
    );
  });

  it('collapsed, every block without a copy stays visible; expanded, every word is back', () => {
    fc.assert(
      fc.property(caseArbitrary, (input) => {
        const { body, template, lines } = build(input);
        const original = squash(visibleText(document.body));
        const read = extractBlocks(body, template.site);
        const outcome = processBody(body, template.site, OPTIONS);
        const collapsed = squash(visibleText(document.body));
        for (const line of lines) {
          if (line.kind === 'text' && line.unique) {
            expect(collapsed).toContain(squash(line.text));
          }
        }
        // What stays is exactly what the core keeps: nothing else goes, nothing is changed.
        const analysis = analysePost(read.blocks, OPTIONS.analysis);
        const kept = keptBlocks(read.blocks, analysis).map((block) => block.text);
        expect(collapsed).toBe(squash(kept.join('')));
        if (outcome === 'collapsed') showAll(document);
        expect(squash(visibleText(document.body))).toBe(original);
      }),
      { numRuns },
    );
  });

  it('applying twice changes nothing, and a fresh analysis gives the same markup', () => {
    fc.assert(
      fc.property(caseArbitrary, (input) => {
        const { body, template } = build(input);
        processBody(body, template.site, OPTIONS);
        const once = document.body.outerHTML;
        expect(processBody(body, template.site, OPTIONS)).toBe('unchanged');
        expect(document.body.outerHTML).toBe(once);
        restoreAll(document);
        processDocument(document, template.site, OPTIONS);
        expect(document.body.outerHTML).toBe(once);
      }),
      { numRuns },
    );
  });

  it('the badge, when present, is an http(s) link of the post, at most without tracking', () => {
    fc.assert(
      fc.property(caseArbitrary, (input) => {
        const { body, template } = build(input);
        const postLinks = [...body.querySelectorAll('a[href]')].map(
          (a) => (a as HTMLAnchorElement).href,
        );
        processBody(body, template.site, OPTIONS);
        const bars = document.querySelectorAll(BAR_TAG);
        expect(bars.length).toBeLessThanOrEqual(1);
        const bar = bars[0];
        const badge = bar?.shadowRoot?.querySelector('a') ?? null;
        if (!bar || !badge) {
          expect(bar?.hasAttribute(ARTICLE_URL_ATTRIBUTE) ?? false).toBe(false);
          return;
        }
        const href = badge.getAttribute('href') ?? '';
        expect(bar.getAttribute(ARTICLE_URL_ATTRIBUTE)).toBe(href);
        const url = new URL(href);
        expect(['http:', 'https:']).toContain(url.protocol);
        expect(url.username + url.password).toBe('');
        expect(url.hostname).not.toBe(PAGE_HOST);
        // A protocol-relative link names a host without a scheme: never a badge.
        expect(url.hostname).not.toBe('evil.example');
        // The badge names the host in ASCII (punycode), never a look-alike Unicode name.
        expect(badge.textContent).toContain(url.hostname);
        expect(url.hostname).toMatch(/^[\x21-\x7e]+$/);
        const source = postLinks
          .map((link) => new URL(link))
          .find(
            (link) =>
              link.origin === url.origin &&
              link.pathname === url.pathname &&
              [...url.searchParams].every(
                ([name, value]) => link.searchParams.get(name) === value,
              ) &&
              [...link.searchParams.keys()].every(
                (name) => url.searchParams.has(name) || TRACKING.test(name),
              ),
          );
        expect(source, `${href} is one of ${postLinks.join(' ')}`).toBeDefined();
      }),
      { numRuns },
    );
  });
});
