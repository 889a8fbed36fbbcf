/**
 * The store's pictures, from the built extension (dist/chrome; run `npm run build` first) in real
 * Chromium on the Mastodon home-feed fixture. Writes to docs/store/screenshots/:
 *   1-post-light.png, 2-post-dark.png   a close-up of one collapsed post, 1280×800;
 *   3-popup.png, 4-options.png          the popup over that feed, and the options page, 1280×800;
 *   promo-tile.png                      the collapsed post's bar, 440×280.
 *
 *   npx tsx test/browser/store-screenshots.ts
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { siteFixtures } from './fixtures';
import { type ExtensionPage, launchWithExtensionPages, settled } from './harness';
import { startServer } from './server';
import { CARD_LAYOUT, LIGHT_THEME } from './themes';

const folder = path.resolve(process.cwd(), 'docs', 'store', 'screenshots');
const found = siteFixtures().find((f) => f.site === 'mastodon' && f.name === 'home-feed');
if (!found) throw new Error('no fixture mastodon/home-feed');
const feed = found;
const sitePattern = `https://${new URL(feed.url).hostname}/*`;
const SCREEN = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };

/**
 * Dresses the page for a close-up: the feed zoomed by `zoom`, the first bar `barFromTop` pixels
 * below the top of the viewport, and a fixed frame over the viewport to photograph.
 */
function stage({ css, zoom, barFromTop }: { css: string; zoom: number; barFromTop: number }) {
  const style = document.createElement('style');
  style.textContent = `${css}\n.column { zoom: ${zoom}; }
#test-frame { position: fixed; inset: 0; pointer-events: none; }`;
  document.head.append(style);
  for (const hidden of document.querySelectorAll<HTMLElement>('article[style*="opacity: 0"]')) {
    hidden.style.display = 'none';
  }
  const bar = document.querySelector('collapse-repeats-bar');
  if (!bar) return false;
  window.scrollTo(0, bar.getBoundingClientRect().top + window.scrollY - barFromTop);
  const frame = document.createElement('div');
  frame.id = 'test-frame';
  document.body.append(frame);
  return true;
}

/** The popup on a plain backdrop, enlarged, centred in the store's frame. */
const POPUP_STAGE = `
html { background: #dfe5ec; }
body { display: grid; place-items: center; min-height: 100vh; max-width: none; margin: 0;
  background: #dfe5ec; }
main { zoom: 1.7; width: 22rem; box-sizing: border-box; background: #fff; border-radius: 12px;
  box-shadow: 0 8px 30px rgb(0 0 0 / 0.18); }
#test-frame { position: fixed; inset: 0; pointer-events: none; }
`;

function addStyleAndFrame(css: string): void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  const frame = document.createElement('div');
  frame.id = 'test-frame';
  document.body.append(frame);
}

async function shoot(page: ExtensionPage, file: string): Promise<void> {
  await page.screenshotOf('#test-frame', path.join(folder, file));
  console.log(`docs/store/screenshots/${file}`);
}

async function closeUps(): Promise<void> {
  const shots = [
    { file: '1-post-light.png', size: SCREEN, css: LIGHT_THEME, zoom: 1.35, barFromTop: 470 },
    { file: '2-post-dark.png', size: SCREEN, css: CARD_LAYOUT, zoom: 1.35, barFromTop: 470 },
    { file: 'promo-tile.png', size: TILE, css: LIGHT_THEME, zoom: 1, barFromTop: 120 },
  ];
  for (const { file, size, ...how } of shots) {
    const browser = await launchWithExtensionPages('chromium', server);
    try {
      const page = (await browser.open(feed.url, feed.localPath)) as ExtensionPage;
      await page.setViewport(size.width, size.height);
      await settled(page, feed.posts.length);
      if (!(await page.evaluate(stage, how))) throw new Error('no bar on the page');
      await shoot(page, file);
    } finally {
      await browser.close();
    }
  }
}

async function extensionPages(): Promise<void> {
  const browser = await launchWithExtensionPages('chromium', server, { grantable: [sitePattern] });
  try {
    // Stands in for the activeTab access a real toolbar click gives (see popup.test.ts).
    if (!(await browser.grantFromExtensionPage([sitePattern]))) throw new Error('no access');
    const page = await browser.open(feed.url, feed.localPath);
    await settled(page, feed.posts.length);
    const popup = await browser.openExtensionPage('src/popup/index.html', {
      readySelector: '#counts:not([hidden])',
      behind: page,
    });
    await popup.setViewport(SCREEN.width, SCREEN.height);
    await popup.evaluate(addStyleAndFrame, POPUP_STAGE);
    await shoot(popup, '3-popup.png');
    const options = await browser.openExtensionPage('src/options/index.html', {
      readySelector: '#site-list li',
    });
    await options.setViewport(SCREEN.width, SCREEN.height);
    await options.evaluate(addStyleAndFrame, '#test-frame { position: fixed; inset: 0; }');
    await shoot(options, '4-options.png');
  } finally {
    await browser.close();
  }
}

const server = await startServer();
try {
  await mkdir(folder, { recursive: true });
  await closeUps();
  await extensionPages();
} finally {
  await server.close();
}
