/**
 * Reloading the extension while a page is open (Chromium). Until a new version runs, the old
 * instance keeps the page as it is, never adds a second bar, and stops and takes its marks back
 * once it notices its context is gone. When the new version starts, its background starts the
 * new content script in the open tab (webext-inject-on-install), which takes over from the old
 * one: still one bar. Headless Chromium leaves a command-line extension switched off after a
 * reload ("unsupported developer extension"), so the test switches it back on from
 * chrome://extensions, as a user would.
 */
import { describe, expect, it } from 'vitest';
import { expectCollapsedView, expectNoErrors } from './expectations';
import {
  type ChromiumSession,
  type ExtensionPage,
  launchChromiumSession,
  settled,
} from './harness';
import { fixtureServerForSuite, sharedBySuite } from './lifecycle';
import { FEED_POSTS } from './pages/posts';

const HOME = 'https://mastodon.social/home';
const POSTS = FEED_POSTS.map((post) => ({
  state: post.hidden.length > 0 ? ('collapsed' as const) : ('clean' as const),
  hidden: post.hidden,
  articleUrl: post.articleUrl,
}));

const server = fixtureServerForSuite();
/** Each test reloads the extension, so each gets a browser of its own. */
const ownChromium = () => sharedBySuite(() => launchChromiumSession(server()));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function marks(): { guard: boolean; bars: number; analysed: number; hidden: number } {
  return {
    guard: document.documentElement.hasAttribute('data-collapse-repeats-loaded'),
    bars: document.querySelectorAll('collapse-repeats-bar').length,
    analysed: document.querySelectorAll('[data-collapse-repeats]').length,
    hidden: document.querySelectorAll('[data-collapse-repeats-hidden]').length,
  };
}

/** The page's text without whitespace: every word, in order. */
const pageText = (test: ExtensionPage) =>
  test.evaluate(() => document.body.textContent?.replace(/\s+/g, ''), undefined);

/** Reloads the extension from its service worker, which dies while answering. */
async function reloadExtension(session: ChromiumSession): Promise<void> {
  const worker = await session.serviceWorker();
  worker
    .evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { reload(): void } } }
      ).chrome.runtime.reload(),
    )
    .catch(() => undefined);
}

describe('reload', () => {
  const chromium = ownChromium();

  it('reloading the extension leaves no duplicate bar, and the old instance stops cleanly', async () => {
    const label = 'chromium extension reload';
    const { page, test } = await chromium().open(HOME, '/__test__/pages/feed');
    try {
      // Quiet for longer than the content script's count delay (400 ms): a count still pending
      // when the extension goes away would notice at once and tear down before the check below.
      const before = await settled(test, POSTS.length, { quietMs: 1_000 });
      expectCollapsedView(before, POSTS, `${label} before`);
      const fullText = await pageText(test);
      await reloadExtension(chromium());
      // The new version starts its worker on its own time; the page reload below needs it.
      await sleep(2_000);

      // Until the old instance notices, the page stays exactly as it was: one bar, no second one.
      expect((await test.evaluate(marks, undefined)).bars, `${label}: one bar right after`).toBe(1);

      // Any change makes the old instance report a count; the dead context makes it stop.
      await test.evaluate(() => {
        const body = document.querySelector('.status__content__text');
        body?.append(Object.assign(document.createElement('p'), { textContent: 'A late edit.' }));
      }, undefined);
      let state = await test.evaluate(marks, undefined);
      for (let tries = 0; state.guard && tries < 100; tries++) {
        await sleep(100);
        state = await test.evaluate(marks, undefined);
      }
      expect(state, `${label}: the old instance took everything back`).toEqual({
        guard: false,
        bars: 0,
        analysed: 0,
        hidden: 0,
      });
      const afterText = await pageText(test);
      expect(afterText, `${label}: the late edit is there`).toContain('Alateedit.');
      expect(afterText?.length, `${label}: every word is there`).toBe(
        (fullText?.length ?? 0) + 'Alateedit.'.length,
      );
      expectNoErrors(test, `${label} old instance`);

      // The page's own script keeps working.
      expect(
        await test.evaluate(() => {
          const button = document.querySelector<HTMLButtonElement>('.status__action-bar button');
          let clicked = false;
          button?.addEventListener('click', () => {
            clicked = true;
          });
          button?.click();
          return clicked;
        }, undefined),
        `${label}: the page answers`,
      ).toBe(true);
      await page.waitForTimeout(300);
      expect((await test.evaluate(marks, undefined)).bars, `${label}: no bar came back`).toBe(0);
    } finally {
      await test.close();
    }
  });
});

/** Switches the extension back on from chrome://extensions, as after an update. */
async function switchOn(session: ChromiumSession): Promise<void> {
  const extensions = await session.context.newPage();
  try {
    await extensions.goto('chrome://extensions');
    await extensions.evaluate(
      (id) =>
        new Promise<void>((resolve) => {
          const chrome = (
            globalThis as unknown as {
              chrome: {
                management: { setEnabled(id: string, on: boolean, done: () => void): void };
              };
            }
          ).chrome;
          chrome.management.setEnabled(id, true, resolve);
        }),
      session.extensionId,
    );
  } finally {
    await extensions.close();
  }
}

describe('update', () => {
  const chromium = ownChromium();

  it('after a reload the new version takes over the open page: still one bar, nothing lost', async () => {
    const label = 'chromium extension update';
    const { test } = await chromium().open(HOME, '/__test__/pages/feed');
    try {
      const before = await settled(test, POSTS.length, { quietMs: 1_000 });
      expectCollapsedView(before, POSTS, `${label} before`);
      const fullText = await pageText(test);
      const newWorker = chromium().context.waitForEvent('serviceworker', { timeout: 30_000 });
      await reloadExtension(chromium());
      await sleep(1_000);
      // The old instance still holds the page (its context is gone, it has not noticed yet).
      expect((await test.evaluate(marks, undefined)).bars, `${label}: old bar`).toBe(1);
      // Tag the old bar: after the takeover the bar must be the new instance's own.
      await test.evaluate(() => {
        document.querySelector('collapse-repeats-bar')?.setAttribute('data-test-old', '');
      }, undefined);
      await switchOn(chromium());
      await newWorker;

      // The new content script arrives, asks the old one to step down, and collapses again.
      let state = await test.evaluate(marks, undefined);
      const seen = new Set<number>([state.bars]);
      for (
        let tries = 0;
        tries < 100 &&
        !(state.guard && state.bars === 1 && state.analysed === POSTS.length && tries > 10);
        tries++
      ) {
        await sleep(100);
        state = await test.evaluate(marks, undefined);
        seen.add(state.bars);
      }
      expect(
        [...seen].every((bars) => bars <= 1),
        `${label}: never two bars`,
      ).toBe(true);
      const after = await settled(test, POSTS.length, { quietMs: 1_000 });
      expectCollapsedView(after, POSTS, `${label} after`);
      expect(
        await test.evaluate(
          () => document.querySelectorAll('collapse-repeats-bar:not([data-test-old])').length,
          undefined,
        ),
        `${label}: the bar is the new instance's`,
      ).toBe(1);
      expect(await pageText(test), `${label}: every word is there`).toBe(fullText);
      expectNoErrors(test, `${label}`);
    } finally {
      await test.close();
    }
  });
});
