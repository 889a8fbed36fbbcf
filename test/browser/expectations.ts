/**
 * What a user must see, checked the same way for fixtures and test pages in both browsers.
 */
import { expect } from 'vitest';
import { settled, type TestPage, waitFor } from './harness';
import { barButton, type PageSnapshot, snapshotBaseline } from './probe';

export interface ExpectedPost {
  readonly state: 'clean' | 'collapsed';
  /** Texts a user should not see while collapsed, once per hidden copy. */
  readonly hidden: readonly string[];
  readonly articleUrl: string | null;
}

const squash = (text: string) => text.replace(/\s+/g, '');

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    count += 1;
  }
  return count;
}

function multiplicities(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(squash(text), (counts.get(squash(text)) ?? 0) + 1);
  return counts;
}

const barsOf = (snapshot: PageSnapshot, body: number) =>
  snapshot.bars.filter((bar) => bar.owner === body);

/** State, bars and markers of every post, right after the page settled. */
export function expectCollapsedView(
  snapshot: PageSnapshot,
  posts: readonly ExpectedPost[],
  label: string,
): void {
  expect(
    snapshot.bodies.map((body) => body.state),
    `${label}: states of the post bodies`,
  ).toEqual(posts.map((post) => post.state));
  expect(
    snapshot.bars.filter((bar) => bar.owner === null),
    `${label}: every bar belongs to one post body`,
  ).toEqual([]);
  posts.forEach((post, index) => {
    const body = snapshot.bodies[index];
    const bars = barsOf(snapshot, index);
    const where = `${label}: post ${index}`;
    if (!body) throw new Error(`${where}: no body`);
    if (post.state === 'clean') {
      expect(bars.length, `${where}: a clean post has no bar`).toBe(0);
      expect(body.hiddenElements, `${where}: a clean post hides nothing`).toBe(0);
      expect(body.ownElements, `${where}: a clean post holds none of our elements`).toBe(0);
      return;
    }
    expect(bars.length, `${where}: one bar`).toBe(1);
    const bar = bars[0];
    if (!bar) return;
    expect(bar.hasShadowRoot, `${where}: the bar has an open shadow root`).toBe(true);
    expect(bar.rendered, `${where}: the bar is visible`).toBe(true);
    expect(bar.buttons, `${where}: the bar holds one button`).toBe(1);
    expect(bar.styled, `${where}: the bar's own style reaches its button`).toBe(true);
    expect(bar.styleSource, `${where}: the bar adopts the shared style sheet`).toBe('adopted');
    expect(bar.expanded, `${where}: aria-expanded`).toBe('false');
    expect(bar.label, `${where}: the button says what it hides`).toMatch(
      /^(Repeated text|Shortened preview) hidden · Show$/,
    );
    expect(bar.title, `${where}: its tooltip says what the hidden text is`).toMatch(
      /^(The same text again|A shortened preview of the full text below)( \(\d+ paragraphs?\))?$/,
    );
    expect(body.hiddenElements, `${where}: hidden elements`).toBeGreaterThan(0);
    expect(body.hiddenRendered, `${where}: hidden elements are not visible`).toBe(0);
    if (post.articleUrl === null) {
      expect(bar.badgeHref, `${where}: no article badge`).toBeNull();
      return;
    }
    const host = new URL(post.articleUrl).hostname.replace(/^www\./, '');
    expect(bar.badgeHref, `${where}: badge href`).toBe(post.articleUrl);
    expect(bar.articleUrlAttr, `${where}: data-article-url`).toBe(post.articleUrl);
    expect(bar.badgeText ?? '', `${where}: badge names the host`).toContain(host);
    expect(bar.badgeTarget, `${where}: badge opens a new tab`).toBe('_blank');
    expect(bar.badgeRel?.split(/\s+/).sort(), `${where}: badge rel`).toEqual(
      expect.arrayContaining(['noopener', 'noreferrer']),
    );
  });
}

/**
 * Hidden texts are gone from what a user sees while collapsed (each copy once), and nothing
 * else is: `collapsed` and `expanded` differ by exactly the hidden texts.
 */
export function expectHiddenExactly(
  collapsed: PageSnapshot,
  expanded: PageSnapshot,
  posts: readonly ExpectedPost[],
  label: string,
): void {
  posts.forEach((post, index) => {
    if (post.state !== 'collapsed') return;
    const where = `${label}: post ${index}`;
    const before = collapsed.bodies[index];
    const after = expanded.bodies[index];
    if (!before || !after) throw new Error(`${where}: body missing`);
    for (const [text, copies] of multiplicities(post.hidden)) {
      const shown = occurrences(after.regionPresentText, text);
      expect(
        shown,
        `${where}: expanded shows every copy of "${text.slice(0, 40)}…"`,
      ).toBeGreaterThan(copies - 1);
      expect(
        occurrences(before.regionPresentText, text),
        `${where}: collapsed hides ${copies} copies of "${text.slice(0, 40)}…"`,
      ).toBe(shown - copies);
    }
    // Hidden texts are written as the page holds them, the parts a client keeps out of sight
    // included (Mastodon's and Elk's span.invisible URL pieces), so they are measured against
    // the text the page holds, not only what it renders.
    const hiddenLength = post.hidden.reduce((sum, text) => sum + squash(text).length, 0);
    expect(
      before.regionPresentText.length,
      `${where}: collapsed shows all but the hidden texts`,
    ).toBe(after.regionPresentText.length - hiddenLength);
    expect(before.unseenText, `${where}: no other text of the post is hidden`).toEqual(
      after.unseenText,
    );
  });
}

/** Mouse, pointer and key events a click or a key press on a button makes. */
const PAGE_EVENTS = [
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'click',
  'keydown',
  'keyup',
];

/** Runs in the page's own world: listeners on the document, capturing and bubbling. */
function listenLikeThePage(types: readonly string[]): void {
  const heard: string[] = [];
  (window as unknown as { heardByPage: string[] }).heardByPage = heard;
  for (const type of types) {
    for (const capture of [true, false]) {
      document.addEventListener(
        type,
        (event) => {
          // Only events on our bars count: outside the shadow root, their target is the bar.
          if (!(event.target as Element | null)?.closest?.('collapse-repeats-bar')) return;
          heard.push(`${type}${capture ? ' (capturing)' : ''}`);
        },
        capture,
      );
    }
  }
}

/**
 * The full user journey on a settled page: every collapsed post is shown with a click, then
 * hidden again from the keyboard. Returns the snapshot with everything expanded.
 */
export async function expectShowAndHide(
  page: TestPage,
  collapsed: PageSnapshot,
  posts: readonly ExpectedPost[],
  label: string,
): Promise<PageSnapshot> {
  const collapsedIndexes = posts.flatMap((post, i) => (post.state === 'collapsed' ? [i] : []));
  const allExpanded = (value: string) => (snapshot: PageSnapshot) =>
    collapsedIndexes.every((i) => barsOf(snapshot, i)[0]?.expanded === value);

  // The page's own listeners, first and last on the way, must see none of it.
  await page.evaluate(listenLikeThePage, PAGE_EVENTS);
  for (const index of collapsedIndexes) await page.click(barButton, index);
  await waitFor(page, allExpanded('true'));
  const expanded = await settled(page, posts.length, { quietMs: 150 });
  for (const index of collapsedIndexes) {
    const where = `${label}: post ${index} after Show`;
    expect(barsOf(expanded, index)[0]?.expanded, `${where}: aria-expanded`).toBe('true');
    expect(expanded.bodies[index]?.state, `${where}: state`).toBe('expanded');
    expect(barsOf(expanded, index).length, `${where}: still one bar`).toBe(1);
  }
  expectHiddenExactly(collapsed, expanded, posts, label);

  for (const index of collapsedIndexes) await page.press(barButton, index, 'Enter');
  await waitFor(page, allExpanded('false'));
  const again = await settled(page, posts.length, { quietMs: 150 });
  expectCollapsedView(again, posts, `${label} after Hide`);
  expect(again.pageText, `${label}: Hide gives back the collapsed view`).toBe(collapsed.pageText);
  const heard = await page.evaluate(
    () => (window as unknown as { heardByPage: string[] }).heardByPage,
    null,
  );
  expect(heard, `${label}: clicks and keys on our bars reach no page listener`).toEqual([]);
  return expanded;
}

/**
 * Against the same page loaded where the extension does not run: clean posts are untouched,
 * and with every post expanded the page shows exactly what it shows without the extension.
 */
export async function expectSameAsWithout(
  unmatched: TestPage,
  collapsed: PageSnapshot,
  expanded: PageSnapshot,
  posts: readonly ExpectedPost[],
  label: string,
): Promise<void> {
  const baseline = await unmatched.evaluate(
    snapshotBaseline,
    collapsed.bodies.map((body) => body.path),
  );
  expect(expanded.pageText, `${label}: Show reveals the page as it is without us`).toBe(
    baseline.pageText,
  );
  posts.forEach((post, index) => {
    if (post.state !== 'clean') return;
    const where = `${label}: clean post ${index}`;
    const body = collapsed.bodies[index];
    const original = baseline.nodes[index];
    expect(original?.found, `${where}: found without the extension`).toBe(true);
    expect(body?.innerHTML, `${where}: markup untouched`).toBe(original?.innerHTML);
    expect(body?.attributes, `${where}: only data-collapse-repeats added`).toEqual(
      [...(original?.attributes ?? []), 'data-collapse-repeats=clean'].sort(),
    );
  });
}

/** No page errors and, unless a case expects them, none of our own warnings. */
export function expectNoErrors(page: TestPage, label: string, { ownLogsAllowed = false } = {}) {
  expect(page.errors, `${label}: page errors`).toEqual([]);
  if (!ownLogsAllowed) expect(page.ownLogs, `${label}: our own warnings`).toEqual([]);
}
