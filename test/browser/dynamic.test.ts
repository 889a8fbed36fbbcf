/**
 * Pages that change under the extension, on a Mastodon URL, in Chromium and Firefox: a real
 * React 19 feed that re-renders 50 times, a virtualised list that refills its nodes, an
 * infinite-scroll feed. Plus the static feed of the screenshot (the acceptance post in our words).
 */
import { describe, expect, it } from 'vitest';
import {
  type ExpectedPost,
  expectCollapsedView,
  expectNoErrors,
  expectSameAsWithout,
  expectShowAndHide,
} from './expectations';
import { BROWSERS, launch, settled, waitFor } from './harness';
import { fixtureServerForSuite, sharedBySuite } from './lifecycle';
import {
  FEED_POSTS,
  type FeedPost,
  INFINITE_BATCH,
  INFINITE_POSTS,
  LONG_POSTS,
  LONG_START,
  REACT_POSTS,
  REACT_RENDERS,
  VIRTUAL_POOL,
  VIRTUAL_POSTS,
} from './pages/posts';
import type { PageSnapshot } from './probe';

/** Any URL the Mastodon adapter claims through the manifest. */
const HOME = 'https://mastodon.social/home';

const expected = (post: FeedPost): ExpectedPost => ({
  state: post.hidden.length > 0 ? 'collapsed' : 'clean',
  hidden: post.hidden,
  articleUrl: post.articleUrl,
});

const squash = (text: string) => text.replace(/\s+/g, '');
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/**
 * What each post shows matches its current text: a clean post shows all of it with no bar;
 * a collapsed one shows each hidden text once fewer than the post holds, with one bar.
 */
function showsCurrentText(snapshot: PageSnapshot, posts: readonly FeedPost[]): boolean {
  if (snapshot.bodies.length !== posts.length) return false;
  return posts.every((post, i) => {
    const body = snapshot.bodies[i];
    const bars = snapshot.bars.filter((bar) => bar.owner === i).length;
    if (!body) return false;
    const all = squash(post.paragraphs.join(''));
    if (post.hidden.length === 0) {
      return body.state === 'clean' && bars === 0 && body.regionText === all;
    }
    return (
      body.state === 'collapsed' &&
      bars === 1 &&
      post.hidden.every(
        (text) => count(body.regionText, squash(text)) === count(all, squash(text)) - 1,
      )
    );
  });
}

const server = fixtureServerForSuite();

describe.each(BROWSERS)('%s', (name) => {
  const browser = sharedBySuite(() => launch(name, server()));

  it('static Mastodon feed: the seed-shaped post collapses, Show and Hide work', async () => {
    const label = `${name} feed`;
    const posts = FEED_POSTS.map(expected);
    const page = await browser().open(HOME, '/__test__/pages/feed');
    const unmatched = await browser().openUnmatched('/__test__/pages/feed');
    try {
      const collapsed = await settled(page, posts.length);
      expectCollapsedView(collapsed, posts, label);
      expect(showsCurrentText(collapsed, FEED_POSTS), `${label}: visible text`).toBe(true);
      const expanded = await expectShowAndHide(page, collapsed, posts, label);
      await expectSameAsWithout(unmatched, collapsed, expanded, posts, label);
      expectNoErrors(page, label);
    } finally {
      await page.close();
      await unmatched.close();
    }
  });

  it(`React page re-rendering its posts ${REACT_RENDERS} times keeps one bar, collapsed`, async () => {
    const label = `${name} react`;
    const posts = REACT_POSTS.map(expected);
    const page = await browser().open(HOME, '/__test__/pages/react-feed');
    try {
      expectCollapsedView(await settled(page, posts.length), posts, `${label} before`);
      await page.evaluate(() => {
        (window as unknown as { reactFeed: { start(): void } }).reactFeed.start();
      }, undefined);
      const renders = () =>
        page.evaluate(
          () =>
            (
              window as unknown as { reactFeed: { progress(): { renders: number } } }
            ).reactFeed.progress().renders,
          undefined,
        );
      for (let tries = 0; (await renders()) < REACT_RENDERS && tries < 200; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await renders(), `${label}: renders done`).toBe(REACT_RENDERS);
      const after = await settled(page, posts.length);
      expectCollapsedView(after, posts, `${label} after re-renders`);
      expect(after.bars.length, `${label}: one bar per repeated post`).toBe(2);
      expect(showsCurrentText(after, REACT_POSTS), `${label}: visible text`).toBe(true);
      await expectShowAndHide(page, after, posts, label);
      expectNoErrors(page, label);
    } finally {
      await page.close();
    }
  });

  it('virtualised list recycling post nodes never keeps a stale collapse', async () => {
    const label = `${name} virtual`;
    const page = await browser().open(HOME, '/__test__/pages/virtual-feed');
    try {
      const first = VIRTUAL_POSTS.slice(0, VIRTUAL_POOL);
      expectCollapsedView(await settled(page, VIRTUAL_POOL), first.map(expected), label);
      for (let start = 1; start + VIRTUAL_POOL <= VIRTUAL_POSTS.length; start += 2) {
        const inView = VIRTUAL_POSTS.slice(start, start + VIRTUAL_POOL);
        await page.evaluate((index) => {
          (window as unknown as { virtualFeed: { show(first: number): void } }).virtualFeed.show(
            index,
          );
        }, start);
        const snapshot = await waitFor(page, (s) => showsCurrentText(s, inView));
        const where = `${label} from post ${start}`;
        expectCollapsedView(snapshot, inView.map(expected), where);
        expect(showsCurrentText(snapshot, inView), `${where}: visible text matches`).toBe(true);
      }
      expectNoErrors(page, label);
    } finally {
      await page.close();
    }
  });

  it('a long feed opened in its middle is worked off from the posts on screen', async () => {
    const label = `${name} long feed`;
    const page = await browser().open(HOME, '/__test__/pages/long-feed');
    try {
      await settled(page, LONG_POSTS.length, { timeoutMs: 30_000 });
      const { order, onScreen } = await page.evaluate(() => {
        const feed = (window as unknown as { longFeed: { order: number[]; onScreen(): number[] } })
          .longFeed;
        return { order: feed.order, onScreen: feed.onScreen() };
      }, undefined);
      expect(onScreen, `${label}: opened at post ${LONG_START}`).toContain(LONG_START);
      expect(new Set(order).size, `${label}: every post analysed`).toBe(LONG_POSTS.length);
      // Not in page order: what is on screen comes before the top of the feed and the end.
      const at = (index: number) => order.indexOf(index);
      const latestOnScreen = Math.max(...onScreen.map(at));
      expect(latestOnScreen, `${label}: on screen before post 0`).toBeLessThan(at(0));
      expect(latestOnScreen, `${label}: on screen before the last post`).toBeLessThan(
        at(LONG_POSTS.length - 1),
      );
      expectNoErrors(page, label);
    } finally {
      await page.close();
    }
  });

  it('infinite scroll: every appended post is analysed', async () => {
    const label = `${name} infinite`;
    const page = await browser().open(HOME, '/__test__/pages/infinite-feed');
    try {
      for (let shown = INFINITE_BATCH; shown <= INFINITE_POSTS.length; shown += INFINITE_BATCH) {
        const posts = INFINITE_POSTS.slice(0, shown);
        const snapshot = await settled(page, shown);
        expectCollapsedView(snapshot, posts.map(expected), `${label} ${shown} posts`);
        expect(showsCurrentText(snapshot, posts), `${label} ${shown}: visible text`).toBe(true);
        await page.evaluate(
          () => window.scrollTo(0, document.documentElement.scrollHeight),
          undefined,
        );
      }
      expectNoErrors(page, label);
    } finally {
      await page.close();
    }
  });
});
