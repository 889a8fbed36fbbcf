/**
 * Before/after screenshots of a whole feed: the Mastodon fixture feed (the seed-shaped repeated
 * post among clean ones) in real Chromium, without and with the built extension (dist/chrome;
 * run `npm run build` first). Writes docs/before.png and docs/after.png.
 *
 *   npx tsx test/browser/screenshot.ts
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type SiteFixture, siteFixtures } from './fixtures';
import { launch, settled } from './harness';
import { startServer } from './server';

function homeFeed(): SiteFixture {
  const fixture = siteFixtures().find((f) => f.localPath.endsWith('/mastodon/home-feed.html'));
  if (!fixture) throw new Error('the Mastodon home-feed fixture is missing');
  return fixture;
}
const feed = homeFeed();
const docs = path.resolve(process.cwd(), 'docs');

/**
 * Takes out the fixture's off-screen placeholder: Mastodon swaps an article far from the viewport
 * for an empty one of the same height, which a user never sees but a full-page picture shows
 * as a blank gap.
 */
function hidePlaceholders(): void {
  for (const article of document.querySelectorAll<HTMLElement>('article[style*="opacity: 0"]')) {
    article.style.display = 'none';
  }
}

async function shoot(extension: boolean, file: string): Promise<void> {
  const browser = await launch('chromium', server, { extension });
  try {
    const page = await browser.open(feed.url, feed.localPath);
    if (extension) await settled(page, feed.posts.length);
    await page.evaluate(hidePlaceholders, undefined);
    await page.screenshot(path.join(docs, file));
    if (page.errors.length > 0) throw new Error(`page errors: ${page.errors.join(' | ')}`);
  } finally {
    await browser.close();
  }
}

const server = await startServer();
try {
  await mkdir(docs, { recursive: true });
  await shoot(false, 'before.png');
  await shoot(true, 'after.png');
  console.log('wrote docs/before.png and docs/after.png');
} finally {
  await server.close();
}
