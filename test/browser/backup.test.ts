/**
 * Back up and restore on the options page, in Chromium and Firefox with the built extension: the
 * settings a user exports come back exactly when the exported file is imported after a reset.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BROWSERS,
  type ExtensionBrowser,
  type ExtensionPage,
  launchWithExtensionPages,
} from './harness';
import { closedAfterEach, fixtureServerForSuite, sharedBySuite } from './lifecycle';

const english = JSON.parse(
  readFileSync(path.resolve(process.cwd(), 'src/public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;

type SyncStorage = {
  chrome: {
    storage: {
      sync: { get(keys: null): Promise<Record<string, unknown>>; clear(): Promise<void> };
    };
  };
};
const storedSettings = () => (globalThis as unknown as SyncStorage).chrome.storage.sync.get(null);
const clearStoredSettings = () =>
  (globalThis as unknown as SyncStorage).chrome.storage.sync.clear();

const fieldValues = () => ({
  minRunChars: (document.getElementById('minRunChars') as HTMLInputElement).value,
  showBadge: (document.getElementById('showBadge') as HTMLInputElement).checked,
});

/**
 * Keeps the file the page hands to the browser's download: the blob behind the object URL the
 * export link points at. The link's own click still runs, without starting a download.
 */
function catchDownloads(): void {
  const store = window as unknown as { testDownloads: Blob[] };
  store.testDownloads = [];
  const blobs = new Map<string, Blob>();
  const createObjectURL = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = createObjectURL(object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (this.download && blob) store.testDownloads.push(blob);
  };
}

const downloaded = async () => {
  const blobs = (window as unknown as { testDownloads: Blob[] }).testDownloads;
  return Promise.all(blobs.map((blob) => blob.text()));
};

async function openOptions(browser: ExtensionBrowser): Promise<ExtensionPage> {
  const options = await browser.openExtensionPage('src/options/index.html', {
    readySelector: '#site-list li',
  });
  await expect
    .poll(() => options.evaluate(fieldValues, undefined))
    .not.toMatchObject({
      minRunChars: '',
    });
  return options;
}

const server = fixtureServerForSuite();

describe.each(BROWSERS)('%s', (name) => {
  const browser = sharedBySuite(() => launchWithExtensionPages(name, server()));
  const track = closedAfterEach();
  afterEach(async () => {
    const options = await openOptions(browser());
    await options.evaluate(clearStoredSettings, undefined);
    await options.close();
  });

  it('exports the settings to a file and imports that file back after a reset', async () => {
    const options = track(await openOptions(browser()));
    const defaults = await options.evaluate(fieldValues, undefined);
    await options.typeInto('#minRunChars', '250');
    await options.clickOn('label[for=showBadge]');
    const changed = { minRunChars: '250', showBadge: !defaults.showBadge };
    await expect
      .poll(() => options.evaluate(storedSettings, undefined))
      .toMatchObject({
        analysis: { minRunChars: 250 },
        showBadge: changed.showBadge,
      });
    const stored = await options.evaluate(storedSettings, undefined);

    await options.evaluate(catchDownloads, undefined);
    await options.clickOn('#export');
    await expect.poll(() => options.evaluate(downloaded, undefined)).toHaveLength(1);
    const [file = ''] = await options.evaluate(downloaded, undefined);
    expect(JSON.parse(file)).toMatchObject({
      analysis: { minRunChars: 250 },
      showBadge: changed.showBadge,
    });

    await options.evaluate(clearStoredSettings, undefined);
    const fresh = track(await openOptions(browser()));
    expect(await fresh.evaluate(fieldValues, undefined), 'reset to the defaults').toEqual(defaults);

    await fresh.upload('#import-file', 'collapse-repeats-settings.json', file);
    await expect
      .poll(() =>
        fresh.evaluate(() => document.getElementById('backup-status-text')?.textContent, 0),
      )
      .toBe(english.importDone?.message);
    expect(await fresh.evaluate(storedSettings, undefined)).toEqual(stored);
    expect(await fresh.evaluate(fieldValues, undefined)).toEqual(changed);
    expect(fresh.errors, 'page errors').toEqual([]);
  });
});
