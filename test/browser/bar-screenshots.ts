/**
 * Close-ups of one collapsed post, for checking the bar by eye and for docs/: the Mastodon
 * home-feed fixture in real Chromium and Firefox with the built extension (run `npm run build`
 * first), light and dark, collapsed and expanded, and in German (longer words) in Chromium;
 * and the same post without the extension (docs/bar/chromium-light-before.png).
 * Firefox shows an extension in German only with its German language pack
 * (firefox-esr-l10n-de), which test machines lack. Writes
 * docs/bar/<browser>-<scheme>-<state>[-de].png.
 *
 *   npx tsx test/browser/bar-screenshots.ts
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { siteFixtures } from './fixtures';
import {
  BROWSERS,
  type BrowserName,
  type ExtensionPage,
  launch,
  launchWithExtensionPages,
  settled,
} from './harness';
import { startServer } from './server';
import { CARD_LAYOUT, LIGHT_THEME } from './themes';

const folder = path.resolve(process.cwd(), 'docs', 'bar');
const found = siteFixtures().find((f) => f.site === 'mastodon' && f.name === 'home-feed');
if (!found) throw new Error('no fixture mastodon/home-feed');
const feed = found;

/**
 * Marks the post to photograph: the first that has a bar or, without the extension, the one
 * whose id `postId` names.
 */
function markShownPost(postId: string | null): string | null {
  const bar = document.querySelector('collapse-repeats-bar');
  const post = postId
    ? document.querySelector(`article[data-id="${postId}"]`)
    : bar?.closest('article[data-id]');
  if (!post) return null;
  post.setAttribute('data-test-shot', '');
  post.scrollIntoView({ block: 'start' });
  return post.getAttribute('data-id');
}

function setTheme(css: string): void {
  let style = document.getElementById('test-theme');
  if (!style) {
    style = document.createElement('style');
    style.id = 'test-theme';
    document.head.append(style);
  }
  style.textContent = css;
}

const firstBarButton = () =>
  document.querySelector('collapse-repeats-bar')?.shadowRoot?.querySelector('button') ?? null;

/** The id of the post the extension collapses, once known. */
let shownPost: string | null = null;

async function shoot(name: BrowserName, locale: 'en' | 'de'): Promise<string[]> {
  const browser = await launchWithExtensionPages(name, server, { locale });
  const written: string[] = [];
  try {
    // Pages of an extension browser are extension pages: they can take element screenshots.
    const page = (await browser.open(feed.url, feed.localPath)) as ExtensionPage;
    await settled(page, feed.posts.length);
    shownPost = await page.evaluate(markShownPost, null);
    if (shownPost === null) throw new Error(`${name}: no bar`);
    const schemes = locale === 'en' ? (['light', 'dark'] as const) : (['light'] as const);
    for (const scheme of schemes) {
      await page.evaluate(setTheme, scheme === 'light' ? LIGHT_THEME : CARD_LAYOUT);
      for (const state of ['collapsed', 'expanded'] as const) {
        const file = `${name}-${scheme}-${state}${locale === 'en' ? '' : `-${locale}`}.png`;
        await page.screenshotOf('[data-test-shot]', path.join(folder, file));
        written.push(file);
        await page.click(firstBarButton, undefined);
      }
    }
    if (page.errors.length > 0) throw new Error(`${name}: ${page.errors.join(' | ')}`);
  } finally {
    await browser.close();
  }
  return written;
}

/** The same post in Chromium without the extension. */
async function shootBefore(): Promise<string> {
  const browser = await launch('chromium', server, { extension: false });
  try {
    const page = (await browser.open(feed.url, feed.localPath)) as ExtensionPage;
    if ((await page.evaluate(markShownPost, shownPost)) === null) throw new Error('no post');
    await page.evaluate(setTheme, LIGHT_THEME);
    await page.screenshotOf('[data-test-shot]', path.join(folder, 'chromium-light-before.png'));
  } finally {
    await browser.close();
  }
  return 'chromium-light-before.png';
}

const server = await startServer();
try {
  await mkdir(folder, { recursive: true });
  for (const name of BROWSERS) {
    for (const locale of name === 'chromium' ? (['en', 'de'] as const) : (['en'] as const)) {
      console.log((await shoot(name, locale)).map((file) => `docs/bar/${file}`).join('\n'));
    }
  }
  console.log(`docs/bar/${await shootBefore()}`);
} finally {
  await server.close();
}
