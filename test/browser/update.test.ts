/**
 * Reloading the extension while a page is open (Chromium). Chrome does not inject content
 * scripts of the new version into open tabs, so: the old instance keeps the page as it is, never
 * adds a second bar, and stops and takes its marks back once it notices its context is gone.
 * (Headless Chromium does not load an extension given by --load-extension back after
 * `runtime.reload()`, so the new version's takeover cannot be watched here.)
 */
import { expect, it } from 'vitest';
import { expectCollapsedView, expectNoErrors } from './expectations';
import { launchChromiumSession, settled } from './harness';
import { fixtureServerForSuite, sharedBySuite } from './lifecycle';
import { FEED_POSTS } from './pages/posts';

const HOME = 'https://mastodon.social/home';
const POSTS = FEED_POSTS.map((post) => ({
  state: post.hidden.length > 0 ? ('collapsed' as const) : ('clean' as const),
  hidden: post.hidden,
  articleUrl: post.articleUrl,
}));

const server = fixtureServerForSuite();
const chromium = sharedBySuite(() => launchChromiumSession(server()));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function marks(): { guard: boolean; bars: number; analysed: number; hidden: number } {
  return {
    guard: document.documentElement.hasAttribute('data-collapse-repeats-loaded'),
    bars: document.querySelectorAll('collapse-repeats-bar').length,
    analysed: document.querySelectorAll('[data-collapse-repeats]').length,
    hidden: document.querySelectorAll('[data-collapse-repeats-hidden]').length,
  };
}

it('reloading the extension leaves no duplicate bar, and the old instance stops cleanly', async () => {
  const label = 'chromium extension reload';
  const { page, test } = await chromium().open(HOME, '/__test__/pages/feed');
  try {
    // Quiet for longer than the content script's count delay (400 ms): a count still pending
    // when the extension goes away would notice at once and tear down before the check below.
    const before = await settled(test, POSTS.length, { quietMs: 1_000 });
    expectCollapsedView(before, POSTS, `${label} before`);
    const fullText = await test.evaluate(
      () => document.body.textContent?.replace(/\s+/g, ''),
      undefined,
    );

    const oldWorker = await chromium().serviceWorker();
    // The worker dies while answering; its answer never comes.
    oldWorker
      .evaluate(() =>
        (
          globalThis as unknown as { chrome: { runtime: { reload(): void } } }
        ).chrome.runtime.reload(),
      )
      .catch(() => undefined);
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
    const afterText = await test.evaluate(
      () => document.body.textContent?.replace(/\s+/g, ''),
      undefined,
    );
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
