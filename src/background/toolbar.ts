import browser, { type Tabs } from 'webextension-polyfill';
import type { PageCount } from '../settings/messages';
import { hostOf, type Settings } from '../settings/settings';

/**
 * The toolbar button's per-tab state: the badge counts the tab's posts with collapsed repeats,
 * and the icon turns grey where the user switched the site off. All of it lives in the browser's
 * per-tab action state, which the browser drops when the tab navigates or closes, so a
 * restarted background has nothing to rebuild.
 */

const ICON_SIZES = [16, 32] as const;
const iconPaths = (variant: 'icon' | 'icon-off') =>
  Object.fromEntries(ICON_SIZES.map((size) => [size, `/icons/${variant}-${size}.png`]));
const BADGE_COLOR = '#3b5bdb';

export async function showCount(tabId: number, count: PageCount): Promise<void> {
  const text = count.posts > 0 ? String(count.posts) : '';
  await browser.action.setBadgeText({ tabId, text });
  if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
}

export async function clearCount(tabId: number): Promise<void> {
  await browser.action.setBadgeText({ tabId, text: '' });
}

/** Grey icon and a tooltip that says why on tabs whose host is switched off. */
export async function showSiteState(tab: Tabs.Tab, settings: Settings): Promise<void> {
  const host = hostOf(tab.url);
  if (tab.id === undefined || host === null) return;
  const off = settings.disabledHosts.includes(host);
  await browser.action.setIcon({ tabId: tab.id, path: iconPaths(off ? 'icon-off' : 'icon') });
  // An empty title falls back to the manifest's default title.
  await browser.action.setTitle({
    tabId: tab.id,
    title: off ? browser.i18n.getMessage('actionTitleOff') : '',
  });
  if (off) await clearCount(tab.id);
}

/** Tabs whose URL the extension may read: exactly the ones it can work on. */
export async function showSiteStateInAllTabs(settings: Settings): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => showSiteState(tab, settings)));
}
