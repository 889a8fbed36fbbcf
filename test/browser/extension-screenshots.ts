/**
 * Screenshots of the extension's own pages for docs/, in real Chromium with the built extension
 * (dist/chrome; run `npm run build` first):
 *   docs/popup-light.png, docs/popup-dark.png   the popup over the Mastodon home-feed fixture,
 *                                               with that page's real count;
 *   docs/options-light.png, docs/options-dark.png, docs/options-light-de.png (--lang=de).
 *
 *   npx tsx test/browser/extension-screenshots.ts
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { siteFixtures } from './fixtures';
import { type ExtensionPage, launchWithExtensionPages, settled } from './harness';
import { startServer } from './server';

const docs = path.resolve(process.cwd(), 'docs');
const found = siteFixtures().find((f) => f.site === 'mastodon' && f.name === 'home-feed');
if (!found) throw new Error('no fixture mastodon/home-feed');
const feed = found;
const sitePattern = `https://${new URL(feed.url).hostname}/*`;
const POPUP_WIDTH = 360;

function failOnErrors(page: ExtensionPage, what: string): void {
  if (page.errors.length > 0) throw new Error(`${what}: ${page.errors.join(' | ')}`);
}

async function shootPopups(): Promise<void> {
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
    await popup.setViewport(POPUP_WIDTH, 400);
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateColorScheme(scheme);
      await popup.screenshotOf('main', path.join(docs, `popup-${scheme}.png`));
    }
    failOnErrors(popup, 'popup');
  } finally {
    await browser.close();
  }
}

async function shootOptions(locale: string, shots: readonly ['light' | 'dark', string][]) {
  const browser = await launchWithExtensionPages('chromium', server, { locale });
  try {
    const options = await browser.openExtensionPage('src/options/index.html', {
      readySelector: '#site-list li',
    });
    for (const [scheme, file] of shots) {
      await options.emulateColorScheme(scheme);
      await options.screenshot(path.join(docs, file));
    }
    failOnErrors(options, 'options');
  } finally {
    await browser.close();
  }
}

const server = await startServer();
try {
  await mkdir(docs, { recursive: true });
  await shootPopups();
  await shootOptions('en', [
    ['light', 'options-light.png'],
    ['dark', 'options-dark.png'],
  ]);
  await shootOptions('de', [['light', 'options-light-de.png']]);
  console.log('wrote docs/popup-{light,dark}.png and docs/options-{light,dark,light-de}.png');
} finally {
  await server.close();
}
