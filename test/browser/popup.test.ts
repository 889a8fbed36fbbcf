/**
 * The toolbar popup in Chromium and Firefox with the built extension, over an open fixture page:
 * its count, and its site switch turning the work off (page restored) and on again.
 *
 * The popup page opens in a tab behind the fixture tab, so the fixture tab stays the active one
 * and the popup's own `tabs.query({ active: true, currentWindow: true })` finds it, as it does
 * when a user opens the popup. Chromium shows a tab's URL to the popup only through activeTab,
 * which only a real toolbar click grants, and headless automation has no toolbar: there the test
 * holds the site's host permission instead (a real `permissions.request`), which shows the popup
 * the same tab. (`chrome.action.openPopup()` does open the real popup, but without activeTab,
 * and Playwright hands back no page for it to click in.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectCollapsedView, expectNoErrors } from './expectations';
import { siteFixtures } from './fixtures';
import {
  BROWSERS,
  type ExtensionPage,
  launchWithExtensionPages,
  settled,
  type TestPage,
  waitFor,
} from './harness';
import { closedAfterEach, fixtureServerForSuite, sharedBySuite } from './lifecycle';
import { snapshotBaseline } from './probe';

const HOME_FEED = siteFixtures().find(
  (fixture) => fixture.site === 'mastodon' && fixture.name === 'home-feed',
);
if (!HOME_FEED) throw new Error('no fixture mastodon/home-feed');
const feed = HOME_FEED;
const SITE_PATTERN = `https://${new URL(feed.url).hostname}/*`;

const collapsedPosts = feed.posts.filter((post) => post.state === 'collapsed');
const EXPECTED_COUNT = {
  posts: collapsedPosts.length,
  paragraphs: collapsedPosts.reduce((sum, post) => sum + post.hidden.length, 0),
};

/** Our traces in the page: marks, hidden blocks, our own elements. */
const ourTraces = () => ({
  marked: document.querySelectorAll('[data-collapse-repeats]').length,
  hidden: document.querySelectorAll('[data-collapse-repeats-hidden]').length,
  elements: [...document.querySelectorAll('*')].filter((element) =>
    element.localName.startsWith('collapse-repeats'),
  ).length,
});

const shownCount = () => ({
  visible: !(document.getElementById('counts') as HTMLElement).hidden,
  posts: document.getElementById('posts')?.textContent ?? '',
  paragraphs: document.getElementById('paragraphs')?.textContent ?? '',
});

const server = fixtureServerForSuite();

describe.each(BROWSERS)('%s', (name) => {
  const browser = sharedBySuite(() =>
    launchWithExtensionPages(name, server(), { grantable: [SITE_PATTERN] }),
  );
  beforeAll(async () => {
    expect(await browser().grantFromExtensionPage([SITE_PATTERN]), 'host access').toBe(true);
  });
  const track = closedAfterEach();

  async function openFeedWithPopup(): Promise<{ page: TestPage; popup: ExtensionPage }> {
    const page = track(await browser().open(feed.url, feed.localPath));
    const collapsed = await settled(page, feed.posts.length);
    expectCollapsedView(collapsed, feed.posts, `${name} home feed`);
    const popup = track(
      await browser().openExtensionPage('src/popup/index.html', {
        readySelector: '#site-switch:not([hidden])',
        behind: page,
      }),
    );
    return { page, popup };
  }

  it('shows how many posts and paragraphs the page has collapsed', async () => {
    const { page, popup } = await openFeedWithPopup();
    await expect
      .poll(() => popup.evaluate(shownCount, undefined))
      .toEqual({
        visible: true,
        posts: String(EXPECTED_COUNT.posts),
        paragraphs: String(EXPECTED_COUNT.paragraphs),
      });
    expect(EXPECTED_COUNT.posts, 'the fixture has collapsed posts').toBeGreaterThan(0);

    await popup.clickOn('#show-all');
    const shown = await waitFor(page, (s) =>
      s.bodies.every(
        (body, i) => feed.posts[i]?.state !== 'collapsed' || body.state === 'expanded',
      ),
    );
    feed.posts.forEach((post, index) => {
      if (post.state === 'collapsed') expect(shown.bodies[index]?.state).toBe('expanded');
    });
    expectNoErrors(page, `${name} home feed`);
  });

  it('the site switch turns the work off, restoring the page, and on again', async () => {
    const { page, popup } = await openFeedWithPopup();
    const label = await popup.evaluate(
      () => document.getElementById('site-switch-label')?.textContent,
      undefined,
    );
    expect(label).toContain(new URL(feed.url).hostname);
    await page.evaluate(() => {
      (window as unknown as { testMark?: string }).testMark = 'still here';
    }, undefined);

    await popup.clickOn('label[for=site-enabled]');
    await expect
      .poll(() => page.evaluate(ourTraces, undefined))
      .toEqual({
        marked: 0,
        hidden: 0,
        elements: 0,
      });
    const unmatched = track(await browser().openUnmatched(feed.localPath));
    const baseline = await unmatched.evaluate(snapshotBaseline, []);
    const off = await settled(page, 0, { quietMs: 300 });
    expect(off.pageText, 'the page as it is without us').toBe(baseline.pageText);
    expect(await popup.evaluate(shownCount, undefined)).toMatchObject({ visible: false });

    await popup.clickOn('label[for=site-enabled]');
    const on = await settled(page, feed.posts.length);
    expectCollapsedView(on, feed.posts, `${name} switched on again`);
    expect(
      await page.evaluate(() => (window as unknown as { testMark?: string }).testMark, undefined),
      'no reload',
    ).toBe('still here');
    await expect
      .poll(() => popup.evaluate(shownCount, undefined))
      .toMatchObject({
        visible: true,
        posts: String(EXPECTED_COUNT.posts),
      });
    expectNoErrors(page, `${name} home feed`);
  });
});
