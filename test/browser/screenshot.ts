/**
 * Before/after screenshots for the README: the Mastodon test feed (a clean post, the
 * seed-shaped repeated post, another clean post) in real Chromium, without and with the built
 * extension (dist/chrome; run `npm run build` first). Writes docs/before.png and docs/after.png.
 *
 *   npx tsx test/browser/screenshot.ts
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launch, settled } from './harness';
import { FEED_POSTS } from './pages/posts';
import { startServer } from './server';

const HOME = 'https://mastodon.social/home';
const FEED = '/__test__/pages/feed';
const docs = path.resolve(process.cwd(), 'docs');

async function shoot(extension: boolean, file: string): Promise<void> {
  const browser = await launch('chromium', server, { extension });
  try {
    const page = await browser.open(HOME, FEED);
    if (extension) await settled(page, FEED_POSTS.length);
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
