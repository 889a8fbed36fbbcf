import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { analysePost } from '../../src/core/analyse';
import { extractBlocks } from '../../src/dom/blocks';
import { BAR_TAG, CLONE_TAG, HIDDEN_ATTRIBUTE, STATE_ATTRIBUTE } from '../../src/dom/contract';
import {
  findBodies,
  type ProcessOptions,
  processDocument,
  restoreAll,
} from '../../src/dom/process';
import { DEFAULT_SETTINGS } from '../../src/settings/defaults';
import { generic } from '../../src/sites/generic';
import { siteFor } from '../../src/sites/registry';
import type { SiteAdapter } from '../../src/sites/site';

/**
 * Every site fixture, end to end through the DOM layer: find the bodies, process the whole
 * page synchronously, check what is hidden and what a reader still sees, then restore and
 * compare the markup byte for byte.
 */

interface ExpectedPost {
  readonly state: 'collapsed' | 'clean';
  readonly hidden?: readonly string[];
  readonly articleUrl?: string | null;
}

interface Expected {
  readonly url: string;
  readonly site: string;
  readonly posts: readonly ExpectedPost[];
}

const root = join(process.cwd(), 'test/fixtures/sites');

const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((folder) =>
    readdirSync(join(root, folder.name))
      .filter((file) => file.endsWith('.html'))
      .map((file) => ({
        name: `${folder.name}/${file.replace(/\.html$/, '')}`,
        dir: folder.name,
        file,
      })),
  );

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

function adapterFor(expected: Expected, document: Document): SiteAdapter {
  const site = siteFor(new URL(expected.url), document);
  // The generic adapter runs only where a user enables it, so the registry never picks it.
  if (site === undefined && expected.site === generic.id) return generic;
  if (site === undefined) throw new Error(`No adapter claims ${expected.url}`);
  return site;
}

/** The body a bar belongs to: the nearest analysed ancestor, or the body its clone copies. */
function ownerOf(bar: Element): Element | null {
  for (let element = bar.parentElement; element; element = element.parentElement) {
    if (element.hasAttribute(STATE_ATTRIBUTE)) return element;
    const copied = element.previousElementSibling;
    if (element.localName === CLONE_TAG && copied?.hasAttribute(STATE_ATTRIBUTE)) return copied;
  }
  return null;
}

/**
 * A copy of the page as a reader sees it: split elements replaced by their cleaned clones,
 * repeats of collapsed bodies and our bars removed. Its bodies line up with the page's.
 */
function readerView(document: Document): Document {
  const view = document.cloneNode(true) as Document;
  for (const split of view.querySelectorAll(`[${HIDDEN_ATTRIBUTE}="split"]`)) {
    const holder = split.nextElementSibling;
    const clone = holder?.firstElementChild;
    if (holder?.localName !== CLONE_TAG || !clone) throw new Error('A split element has no clone');
    // A split body's clone stands in for it; give it back what identifies it as the body.
    for (const name of [STATE_ATTRIBUTE, 'id']) {
      const value = split.getAttribute(name);
      if (value !== null) clone.setAttribute(name, value);
    }
    split.replaceWith(clone);
    holder.remove();
  }
  for (const hidden of view.querySelectorAll(`[${HIDDEN_ATTRIBUTE}="repeat"]`)) {
    if (hidden.closest(`[${STATE_ATTRIBUTE}]`)?.getAttribute(STATE_ATTRIBUTE) === 'collapsed') {
      hidden.remove();
    }
  }
  for (const bar of view.querySelectorAll(BAR_TAG)) bar.remove();
  return view;
}

/** The text of a block outside its hidden spans, as the pieces a reader still sees. */
function keptPieces(text: string, spans: readonly { from: number; to: number }[]): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.from - b.from)) {
    pieces.push(text.slice(at, span.from));
    at = Math.max(at, span.to);
  }
  pieces.push(text.slice(at));
  return pieces.filter((piece) => piece.trim() !== '');
}

function occurrences(haystack: string, needle: string): number {
  return needle === '' ? 0 : haystack.split(needle).length - 1;
}

describe.each(cases)('fixture $name', ({ dir, file }) => {
  const html = readFileSync(join(root, dir, file), 'utf8');
  const expected = JSON.parse(
    readFileSync(join(root, dir, file.replace(/\.html$/, '.json')), 'utf8'),
  ) as Expected;

  const load = () => {
    const document = new JSDOM(html, { url: expected.url }).window.document;
    const adapter = adapterFor(expected, document);
    const errors: unknown[] = [];
    const options: ProcessOptions = {
      analysis: { ...DEFAULT_SETTINGS.analysis, pageHost: new URL(expected.url).hostname },
      showBadge: true,
      startCollapsed: true,
      onError: (error) => errors.push(error),
    };
    return { document, adapter, errors, options };
  };

  it('is claimed by its own adapter', () => {
    const { adapter } = load();
    expect(adapter.id).toBe(expected.site);
  });

  it('collapses exactly the expected posts and texts', () => {
    const { document, adapter, errors, options } = load();
    const bodies = findBodies(document, adapter);
    expect(bodies).toHaveLength(expected.posts.length);
    const originalBlocks = bodies.map((body) => extractBlocks(body, adapter).blocks);

    processDocument(document, adapter, options);
    expect(errors).toEqual([]);

    const view = readerView(document);
    const visibleBodies = findBodies(view, adapter);
    expect(visibleBodies).toHaveLength(bodies.length);

    for (const [index, body] of bodies.entries()) {
      const post = expected.posts[index] as ExpectedPost;
      const blocks = originalBlocks[index] ?? [];
      expect(body.getAttribute(STATE_ATTRIBUTE), `post ${index} state`).toBe(post.state);

      // What the core hid, as block and span texts in order.
      const analysis = analysePost(blocks, options.analysis);
      const hiddenTexts = [
        ...analysis.hiddenBlocks.map((block) => ({
          block,
          from: 0,
          text: blocks[block]?.text ?? '',
        })),
        ...analysis.hiddenSpans.map((span) => ({
          block: span.block,
          from: span.from,
          text: blocks[span.block]?.text.slice(span.from, span.to) ?? '',
        })),
      ]
        .sort((a, b) => a.block - b.block || a.from - b.from)
        .map((hidden) => squash(hidden.text));
      expect(hiddenTexts, `post ${index} hidden texts`).toEqual(post.hidden ?? []);

      // What a reader sees: every text without an earlier copy, and fewer copies of each repeat.
      // A shortened lead is the one first copy that may go: its full text follows and stays.
      const fullText = squash(blocks.map((block) => block.text).join(' \n '));
      const visibleBlocks = extractBlocks(visibleBodies[index] as Element, adapter).blocks;
      const visibleText = squash(visibleBlocks.map((block) => block.text).join(' \n '));
      const shortenedLeads = new Map<number, number>();
      for (const run of analysis.runs) {
        if (run.kind !== 'truncated-lead') continue;
        for (let block = run.start; block <= run.end; block++) {
          shortenedLeads.set(block, run.copyOf.start);
        }
      }
      const seen = new Set<string>();
      for (const [blockIndex, block] of blocks.entries()) {
        const fullVersion = shortenedLeads.get(blockIndex);
        const text = squash(
          fullVersion === undefined ? block.text : (blocks[fullVersion]?.text ?? ''),
        );
        // A block that repeats itself inside (one long line said twice) keeps all but its spans.
        const spans = analysis.hiddenSpans.filter((span) => span.block === blockIndex);
        const kept = spans.length === 0 ? [text] : keptPieces(block.text, spans).map(squash);
        for (const piece of kept) {
          if (!seen.has(text))
            expect(visibleText, `post ${index} keeps "${piece}"`).toContain(piece);
        }
        seen.add(squash(block.text));
      }
      for (const text of hiddenTexts) {
        expect(occurrences(visibleText, text), `post ${index} hides "${text}"`).toBeLessThan(
          occurrences(fullText, text),
        );
      }

      // One bar per collapsed post, none on clean posts.
      const bars = [...document.querySelectorAll(BAR_TAG)].filter((bar) => ownerOf(bar) === body);
      expect(bars, `post ${index} bars`).toHaveLength(post.state === 'collapsed' ? 1 : 0);
      const bar = bars[0];
      if (bar && post.articleUrl !== undefined) {
        const badge = bar.shadowRoot?.querySelector('a') ?? null;
        if (post.articleUrl === null) {
          expect(badge).toBeNull();
          expect(bar.hasAttribute('data-article-url')).toBe(false);
        } else {
          expect(badge?.href).toBe(post.articleUrl);
          expect(badge?.textContent).toContain(new URL(post.articleUrl).hostname);
          expect(bar.getAttribute('data-article-url')).toBe(post.articleUrl);
        }
      }
    }
  });

  it('restores the exact original markup, and processing twice changes nothing', () => {
    const { document, adapter, options } = load();
    const before = document.body.outerHTML;
    processDocument(document, adapter, options);
    const applied = document.body.outerHTML;
    expect(
      processDocument(document, adapter, options).every((outcome) => outcome === 'unchanged'),
    ).toBe(true);
    expect(document.body.outerHTML).toBe(applied);
    restoreAll(document);
    expect(document.body.outerHTML).toBe(before);
  });
});
