/**
 * Zero network: a Chromium session over the fixture pages, the test pages and the extension's
 * own pages records every request of the browser context (service worker included). None may
 * come from the extension, and the pages ask for nothing more with the extension than without.
 */
import type { Request } from 'playwright-core';
import { expect, it } from 'vitest';
import { manifestMatches, patternClaims, siteFixtures } from './fixtures';
import { distFor, launchChromiumSession, settled } from './harness';
import { fixtureServerForSuite } from './lifecycle';

interface Recorded {
  readonly url: string;
  readonly frame: string;
  readonly fromServiceWorker: boolean;
}

const matches = manifestMatches(distFor('chromium'));
const PAGES: readonly { url: string; local: string; bodies: number }[] = [
  ...siteFixtures()
    .filter((fixture) => matches.some((pattern) => patternClaims(pattern, fixture.url)))
    .map((fixture) => ({
      url: fixture.url,
      local: fixture.localPath,
      bodies: fixture.posts.length,
    })),
  { url: 'https://mastodon.social/home', local: '/__test__/pages/feed', bodies: 3 },
  { url: 'https://mastodon.social/home?case=links', local: '/__test__/pages/hostile', bodies: 17 },
];

const server = fixtureServerForSuite();

function frameUrl(request: Request): string {
  try {
    return request.frame().url();
  } catch {
    return '';
  }
}

/** Every request of a session over all pages, with or without the extension. */
async function session(extension: boolean): Promise<Recorded[]> {
  const chromium = await launchChromiumSession(server(), { extension });
  const recorded: Recorded[] = [];
  chromium.context.on('request', (request) => {
    recorded.push({
      url: request.url(),
      frame: request.serviceWorker() ? '' : frameUrl(request),
      fromServiceWorker: request.serviceWorker() !== null,
    });
  });
  try {
    for (const { url, local, bodies } of PAGES) {
      const { test } = await chromium.open(url, local);
      if (extension) await settled(test, bodies);
      else await new Promise((resolve) => setTimeout(resolve, 300));
      await test.close();
    }
    if (extension) {
      for (const page of ['src/popup/index.html', 'src/options/index.html']) {
        const tab = await chromium.context.newPage();
        await tab.goto(`chrome-extension://${chromium.extensionId}/${page}`);
        await tab.waitForLoadState('load');
        await new Promise((resolve) => setTimeout(resolve, 500));
        await tab.close();
      }
    }
  } finally {
    await chromium.close();
  }
  return recorded;
}

const isWeb = (url: string) => /^(?:https?|wss?|ftp):/i.test(url);

it('no request comes from the extension, on any page or from its own pages', async () => {
  const withExtension = await session(true);
  const without = await session(false);
  expect(withExtension.length, 'the session recorded the pages').toBeGreaterThan(PAGES.length);

  expect(
    withExtension.filter((request) => request.fromServiceWorker && isWeb(request.url)),
    'web requests from our service worker',
  ).toEqual([]);
  expect(
    withExtension.filter(
      (request) => request.frame.startsWith('chrome-extension://') && isWeb(request.url),
    ),
    'web requests from our popup and options pages',
  ).toEqual([]);
  const pageRequests = new Set(without.map((request) => request.url));
  expect(
    withExtension
      .filter((request) => isWeb(request.url) && !request.frame.startsWith('chrome-extension://'))
      .map((request) => request.url)
      .filter((url) => !pageRequests.has(url)),
    'requests the pages did not make without the extension',
  ).toEqual([]);
});
