/**
 * The options page in Chromium and Firefox with the built extension: a change made there
 * reaches an open fixture page at once (no reload), a malformed import changes nothing and
 * says why, and granting a new site starts the work on its open tab.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectCollapsedView, expectNoErrors } from './expectations';
import { type SiteFixture, siteFixtures } from './fixtures';
import {
  BROWSERS,
  type ExtensionBrowser,
  type ExtensionPage,
  launchWithExtensionPages,
  settled,
  type TestPage,
  waitFor,
} from './harness';
import { closedAfterEach, fixtureServerForSuite, sharedBySuite } from './lifecycle';
import type { PageSnapshot } from './probe';

const fixture = (site: string, name: string): SiteFixture => {
  const found = siteFixtures().find((item) => item.site === site && item.name === name);
  if (!found) throw new Error(`no fixture ${site}/${name}`);
  return found;
};
const HOME_FEED = fixture('mastodon', 'home-feed');
const SELF_HOSTED = fixture('mastodon', 'self-hosted-instance');
const SELF_HOSTED_PATTERN = `*://${new URL(SELF_HOSTED.url).hostname}/*`;

const english = JSON.parse(
  readFileSync(path.resolve(process.cwd(), 'src/public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;
const say = (key: string, value = '') =>
  (english[key]?.message ?? key).replace(/\$[A-Z]+\$/g, value);

/** The first collapsed post of the home feed: it has an article badge. */
const SEED = HOME_FEED.posts.findIndex((post) => post.state === 'collapsed' && post.articleUrl);

const barOf = (snapshot: PageSnapshot, body: number) =>
  snapshot.bars.filter((bar) => bar.owner === body);

/** Marks the page's window: the mark survives exactly as long as the page is not reloaded. */
const markWindow = () => {
  (window as unknown as { testMark?: string }).testMark = 'still here';
};
const windowMark = () => (window as unknown as { testMark?: string }).testMark ?? null;

/** Storage as an extension page reads it. */
const storedSettings = () =>
  (
    globalThis as unknown as {
      chrome: { storage: { sync: { get(keys: null): Promise<Record<string, unknown>> } } };
    }
  ).chrome.storage.sync.get(null);

const clearStoredSettings = () =>
  (
    globalThis as unknown as { chrome: { storage: { sync: { clear(): Promise<void> } } } }
  ).chrome.storage.sync.clear();

/** What the options page's controls show. */
const controlValues = () =>
  [...document.querySelectorAll<HTMLInputElement>('main input:not([type=file])')].map((input) =>
    input.type === 'checkbox' ? `${input.id}=${input.checked}` : `${input.id}=${input.value}`,
  );

async function openOptions(browser: ExtensionBrowser): Promise<ExtensionPage> {
  const options = await browser.openExtensionPage('src/options/index.html', {
    readySelector: '#site-list li',
  });
  // The controls show the stored settings once the page has read them.
  await expect
    .poll(() =>
      options.evaluate(() => (document.getElementById('minRunChars') as HTMLInputElement).value, 0),
    )
    .not.toBe('');
  return options;
}

const server = fixtureServerForSuite();

describe.each(BROWSERS)('%s', (name) => {
  const browser = sharedBySuite(() =>
    launchWithExtensionPages(name, server(), { grantable: [SELF_HOSTED_PATTERN] }),
  );
  const track = closedAfterEach();
  // Registered after `track`, so it runs before the test's pages close (hooks run as a stack).
  afterEach(async () => {
    const options = await openOptions(browser());
    await options.evaluate(clearStoredSettings, undefined);
    await options.close();
  });

  /** The home feed, settled and collapsed as its fixture says, its window marked. */
  async function openFeed(): Promise<TestPage> {
    const page = track(await browser().open(HOME_FEED.url, HOME_FEED.localPath));
    const collapsed = await settled(page, HOME_FEED.posts.length);
    expectCollapsedView(collapsed, HOME_FEED.posts, `${name} home feed`);
    await page.evaluate(markWindow, undefined);
    return page;
  }

  it('switching the article badge off removes it from an open page, without a reload', async () => {
    const page = await openFeed();
    const options = track(await openOptions(browser()));
    await options.clickOn('label[for=showBadge]');

    const after = await waitFor(page, (s) => barOf(s, SEED)[0]?.badgeHref === null);
    expect(barOf(after, SEED)[0]?.badgeHref, 'badge gone').toBeNull();
    expect(barOf(after, SEED).length, 'the bar stays').toBe(1);
    expect(after.bodies[SEED]?.state, 'still collapsed').toBe('collapsed');
    expect(await page.evaluate(windowMark, undefined), 'no reload').toBe('still here');

    await options.clickOn('label[for=showBadge]');
    const again = await waitFor(page, (s) => barOf(s, SEED)[0]?.badgeHref !== null);
    expectCollapsedView(again, HOME_FEED.posts, `${name} badge on again`);
    expectNoErrors(page, `${name} home feed`);
  });

  it('raising the threshold above the repeats makes the collapsed posts clean', async () => {
    const page = await openFeed();
    const options = track(await openOptions(browser()));
    await options.typeInto('#minRunChars', '2000');

    const after = await waitFor(page, (s) => s.bars.length === 0);
    expect(
      after.bodies.map((body) => body.state),
      'every post clean',
    ).toEqual(HOME_FEED.posts.map(() => 'clean'));
    expect(after.bars, 'no bars').toEqual([]);
    expect(await page.evaluate(windowMark, undefined), 'no reload').toBe('still here');
    expect(await options.evaluate(storedSettings, undefined)).toMatchObject({
      analysis: { minRunChars: 2000 },
    });
  });

  it('starting expanded shows every repeat with the bar still there', async () => {
    const page = await openFeed();
    const options = track(await openOptions(browser()));
    await options.clickOn('label[for=startCollapsed]');

    const after = await waitFor(page, (s) => s.bodies[SEED]?.state === 'expanded');
    HOME_FEED.posts.forEach((post, index) => {
      if (post.state !== 'collapsed') return;
      expect(after.bodies[index]?.state, `post ${index}`).toBe('expanded');
      expect(barOf(after, index)[0]?.expanded, `post ${index}: aria-expanded`).toBe('true');
      expect(after.bodies[index]?.hiddenRendered, `post ${index}: nothing hidden`).toBe(
        after.bodies[index]?.hiddenElements,
      );
    });
    expect(await page.evaluate(windowMark, undefined), 'no reload').toBe('still here');
  });

  it.each([
    ['not JSON', '{ "version": 1, ', say('importErrorNotJson')],
    [
      'a wrong value',
      JSON.stringify({ version: 1, showBadge: 'yes' }),
      say('importErrorBadValue', 'showBadge'),
    ],
  ])('importing a file that is %s changes nothing and says why', async (_, contents, message) => {
    const options = track(await openOptions(browser()));
    // A setting away from its default, so "unchanged" can't mean "reset".
    await options.clickOn('label[for=showBadge]');
    await expect
      .poll(() => options.evaluate(storedSettings, undefined))
      .toMatchObject({
        showBadge: false,
      });
    const storedBefore = await options.evaluate(storedSettings, undefined);
    const controlsBefore = await options.evaluate(controlValues, undefined);

    await options.upload('#import-file', 'settings.json', contents);
    await expect
      .poll(() =>
        options.evaluate(() => document.getElementById('backup-error')?.textContent ?? '', 0),
      )
      .toBe(message);
    expect(await options.evaluate(storedSettings, undefined), 'storage unchanged').toEqual(
      storedBefore,
    );
    expect(await options.evaluate(controlValues, undefined), 'controls unchanged').toEqual(
      controlsBefore,
    );
    expect(
      await options.evaluate(() => document.getElementById('backup-status-text')?.textContent, 0),
      'no success message',
    ).toBe('');
  });

  it('granting a self-hosted instance starts the work on its open tab, without a reload', async () => {
    const page = track(await browser().open(SELF_HOSTED.url, SELF_HOSTED.localPath));
    const untouched = await settled(page, 0, { quietMs: 500 });
    expect(untouched.bodies.length, 'nothing analysed before the grant').toBe(0);
    await page.evaluate(markWindow, undefined);

    // The user adds the instance on the options page; saving asks for access to it.
    const host = new URL(SELF_HOSTED.url).hostname;
    const options = track(await openOptions(browser()));
    await options.typeInto('#custom-host', host);
    await options.typeInto('#custom-post', 'div.detailed-status');
    await options.typeInto('#custom-body', '.status__content');
    await options.clickOn('#custom-form button[type=submit]');
    await expect
      .poll(() =>
        options.evaluate(() => document.getElementById('custom-test-result')?.textContent, 0),
      )
      .toBe(say('customSaved', host));

    const collapsed = await settled(page, SELF_HOSTED.posts.length);
    expectCollapsedView(collapsed, SELF_HOSTED.posts, `${name} ${host} after the grant`);
    expect(await page.evaluate(windowMark, undefined), 'no reload').toBe('still here');
    expectNoErrors(page, `${name} ${host}`);
  });
});
