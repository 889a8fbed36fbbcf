/**
 * Hostile pages (test/browser/pages/hostile.ts) on a Mastodon URL, in Chromium and Firefox with
 * the built extension. Each keeps the page working, keeps every word of text, and lets no
 * exception reach the page. In Chromium a trace measures the extension's own time per task
 * (CPU samples whose stack holds a chrome-extension:// frame, grouped by top-level task); the
 * figures are printed, never asserted. A second browser runs beside it here, so they carry that
 * load: `npm run bench -- --hostile-only` times each page alone.
 */
import { describe, expect, it } from 'vitest';
import type { TaskSlices } from '../bench/browser-trace';
import {
  type ExpectedPost,
  expectCollapsedView,
  expectNoErrors,
  expectSameAsWithout,
  expectShowAndHide,
} from './expectations';
import {
  launch,
  launchChromiumSession,
  settled,
  type TestPage,
  traceExtensionSlices,
} from './harness';
import { fixtureServerForSuite, sharedBySuite } from './lifecycle';
import {
  CASES,
  COPIES,
  DEPTH,
  DISTINCT_LINES,
  type HostileCase,
  RENDERS,
  STORM_MS,
  STORM_PER_SECOND,
} from './pages/hostile/cases';
import { barButton } from './probe';

const HOME = 'https://mastodon.social/home';
const LOCAL = '/__test__/pages/hostile';
const SETTLE = { timeoutMs: 60_000 };

/** What each case does to us, for the test names. */
const TITLES: Record<string, string> = {
  links:
    'links that must never become a badge (javascript:, data:, vbscript:, //host, credentials); IDN hosts in punycode',
  'huge-post': 'a 1 MB post',
  copies: `${COPIES.toLocaleString('en')} copies of one line`,
  'distinct-lines': `${DISTINCT_LINES.toLocaleString('en')} distinct lines`,
  'long-line-twice': 'a 300 KB single line said twice (two paragraphs, and twice in one text node)',
  'deep-nesting': `nesting ${DEPTH.toLocaleString('en')} deep`,
  unicode: 'lone surrogates, bidi overrides, zero-width floods, CJK and Thai, emoji ZWJ',
  overrides: 'a page that overrides DOM prototypes and globals in its own world',
  rerender: `a page that re-renders post bodies ${RENDERS} times in a row`,
  deleter: 'a page that deletes our bar and attributes whenever they appear',
  storm: `a mutation storm of ${STORM_PER_SECOND}/s for ${STORM_MS / 1000} s`,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface HostileWindow {
  hostile: {
    start(): void;
    progress(): number;
    stormOver(): boolean;
    ownMutations(): number;
    alive(): { beats: number; clicks: number };
  };
}

const expectedPosts = (item: HostileCase): ExpectedPost[] =>
  item.posts.map((post) => ({ ...post, hidden: [...post.hidden] }));

/** The page's own script still runs, and its own button still answers a real click. */
async function expectPageWorks(page: TestPage, label: string): Promise<void> {
  const before = await page.evaluate(
    () => (window as unknown as HostileWindow).hostile.alive(),
    undefined,
  );
  await page.click(() => document.getElementById('page-button'), undefined);
  await sleep(150);
  const after = await page.evaluate(
    () => (window as unknown as HostileWindow).hostile.alive(),
    undefined,
  );
  expect(after.beats, `${label}: the page's timer still runs`).toBeGreaterThan(before.beats);
  expect(after.clicks, `${label}: the page's button still answers`).toBe(before.clicks + 1);
}

/** Starts the page's own activity and waits until it is over. */
async function runPageActivity(page: TestPage, item: HostileCase, label: string): Promise<void> {
  await page.evaluate(() => (window as unknown as HostileWindow).hostile.start(), undefined);
  const done = () =>
    page.evaluate(
      ({ storm, renders }) => {
        const { hostile } = window as unknown as HostileWindow;
        return storm ? hostile.stormOver() : hostile.progress() >= renders;
      },
      { storm: item.name === 'storm', renders: RENDERS },
    );
  const deadline = Date.now() + STORM_MS + 30_000;
  while (!(await done()) && Date.now() < deadline) await sleep(100);
  const progress = await page.evaluate(
    () => (window as unknown as HostileWindow).hostile.progress(),
    undefined,
  );
  if (item.name === 'storm') {
    expect(await done(), `${label}: the storm ended`).toBe(true);
    console.log(`${label}: the page made ${progress} mutations in its storm`);
  } else {
    expect(progress, `${label}: the page finished its renders`).toBe(RENDERS);
  }
}

/**
 * The page's visible text, whitespace removed, walked without recursion: the shared probe
 * recurses, and 5,000 levels overflow the page's stack. Our bar's controls live in its shadow
 * root and are not walked.
 */
function flatVisibleText(): string {
  let text = '';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || ['script', 'style'].includes(parent.localName)) continue;
    if (parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
      text += node.nodeValue ?? '';
    }
  }
  return text.replace(/\s+/g, '');
}

function flatState(): { states: string[]; bars: number; badges: number; expanded: string[] } {
  const bars = [...document.querySelectorAll('collapse-repeats-bar')];
  return {
    states: [...document.querySelectorAll('[data-collapse-repeats]')].map(
      (body) => body.getAttribute('data-collapse-repeats') ?? '',
    ),
    bars: bars.length,
    badges: bars.filter((bar) => bar.shadowRoot?.querySelector('a')).length,
    expanded: bars.map(
      (bar) => bar.shadowRoot?.querySelector('button')?.getAttribute('aria-expanded') ?? '',
    ),
  };
}

const squash = (text: string) => text.replace(/\s+/g, '');
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** The deep page, checked with flat probes: collapsed, each hidden copy gone once, Show brings all back. */
async function checkDeepCase(
  page: TestPage,
  unmatched: TestPage,
  item: HostileCase,
  label: string,
): Promise<void> {
  const [post] = item.posts;
  if (!post) throw new Error(`${label}: no post`);
  const deadline = Date.now() + SETTLE.timeoutMs;
  let state = await page.evaluate(flatState, undefined);
  while (state.states.length === 0 && Date.now() < deadline) {
    await sleep(100);
    state = await page.evaluate(flatState, undefined);
  }
  expect(state, `${label}: one collapsed post with one bar, no badge`).toEqual({
    states: [post.state],
    bars: 1,
    badges: 0,
    expanded: ['false'],
  });
  const baseline = await unmatched.evaluate(flatVisibleText, undefined);
  const collapsed = await page.evaluate(flatVisibleText, undefined);
  for (const text of post.hidden) {
    expect(occurrences(collapsed, squash(text)), `${label}: one copy hidden`).toBe(
      occurrences(baseline, squash(text)) - 1,
    );
  }
  const hiddenLength = post.hidden.reduce((sum, text) => sum + squash(text).length, 0);
  expect(collapsed.length, `${label}: nothing else hidden`).toBe(baseline.length - hiddenLength);
  await page.click(barButton, 0);
  while ((await page.evaluate(flatState, undefined)).expanded[0] !== 'true') {
    if (Date.now() > deadline) throw new Error(`${label}: Show did not expand`);
    await sleep(50);
  }
  expect(
    await page.evaluate(flatVisibleText, undefined),
    `${label}: Show brings every word back`,
  ).toBe(baseline);
}

/** The whole check of one case on an open page; `unmatched` is the same page without us. */
async function checkCase(
  page: TestPage,
  unmatched: TestPage,
  item: HostileCase,
  label: string,
): Promise<void> {
  const posts = expectedPosts(item);
  if (item.name === 'deep-nesting') {
    await checkDeepCase(page, unmatched, item, label);
  } else if (item.deletesMarks) {
    // We are not there to fight: after a couple of repairs we leave the post alone.
    const snapshot = await settled(page, 0, { quietMs: 1_000, ...SETTLE });
    const tried = await page.evaluate(
      () => (window as unknown as HostileWindow).hostile.ownMutations(),
      undefined,
    );
    await sleep(1_500);
    const later = await page.evaluate(
      () => (window as unknown as HostileWindow).hostile.ownMutations(),
      undefined,
    );
    expect(tried, `${label}: we did mark the page`).toBeGreaterThan(0);
    expect(later, `${label}: our mutations stopped`).toBe(tried);
    expect(snapshot.bars, `${label}: no bar left`).toEqual([]);
    const baseline = await unmatched.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let text = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.checkVisibility()) text += node.nodeValue ?? '';
      }
      return text.replace(/\s+/g, '');
    }, undefined);
    expect(snapshot.pageText, `${label}: every word shown`).toBe(baseline);
  } else {
    if (item.starts) {
      await settled(page, posts.length, SETTLE);
      await runPageActivity(page, item, label);
    }
    const collapsed = await settled(page, posts.length, { quietMs: 500, ...SETTLE });
    expectCollapsedView(collapsed, posts, label);
    const expanded = await expectShowAndHide(page, collapsed, posts, label);
    await expectSameAsWithout(unmatched, collapsed, expanded, posts, label);
  }
  await expectPageWorks(page, label);
  expectNoErrors(page, label, { ownLogsAllowed: true });
  if (page.ownLogs.length > 0) console.log(`${label}: our warnings: ${page.ownLogs.join(' | ')}`);
}

const server = fixtureServerForSuite();

describe('chromium', () => {
  const session = sharedBySuite(() => launchChromiumSession(server()));
  const plain = sharedBySuite(() => launch('chromium', server(), { extension: false }));

  it.each(CASES.map((item) => [TITLES[item.name] ?? item.name, item] as const))(
    'hostile: %s',
    async (_, item) => {
      const label = `chromium hostile ${item.name}`;
      const pages: TestPage[] = [];
      let time: TaskSlices;
      try {
        time = await traceExtensionSlices(session(), async () => {
          const { test: page } = await session().open(`${HOME}?case=${item.name}`, LOCAL);
          pages.push(page);
          const unmatched = await plain().openUnmatched(`${LOCAL}?case=${item.name}`);
          pages.push(unmatched);
          await checkCase(page, unmatched, item, label);
        });
      } finally {
        for (const page of pages) await page.close();
      }
      console.log(
        `${label}: extension time max ${time.maxMs.toFixed(1)} ms per slice, ` +
          `total ${time.totalMs.toFixed(1)} ms over ${time.slices} slices on the page ` +
          '(beside a second browser; npm run bench -- --hostile-only times it alone)',
      );
      // The measurement itself must have seen our content script run.
      expect(time.slices, `${label}: traced slices of extension code`).toBeGreaterThan(0);
    },
  );
});

describe('firefox', () => {
  const browser = sharedBySuite(() => launch('firefox', server()));

  it.each(CASES.map((item) => [TITLES[item.name] ?? item.name, item] as const))(
    'hostile: %s',
    async (_, item) => {
      const label = `firefox hostile ${item.name}`;
      // The page under test opens last: it is the front tab, so its timers and frames run.
      const unmatched = await browser().openUnmatched(`${LOCAL}?case=${item.name}`);
      const page = await browser().open(`${HOME}?case=${item.name}`, LOCAL);
      try {
        await checkCase(page, unmatched, item, label);
      } finally {
        await page.close();
        await unmatched.close();
      }
    },
  );
});
