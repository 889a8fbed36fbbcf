import browser, { type Menus, type Tabs } from 'webextension-polyfill';
import { hostOf, loadSettings, originPattern, setHostEnabled } from '../settings/settings';

/**
 * "Enable on this site" / "Disable on this site" on the toolbar button's context menu. Two items,
 * one visible at a time: the clicked item's id says what the user wants, so the click needs no
 * stored state, and "Enable" can ask for the host permission while the click still counts as a
 * user gesture (Firefox allows `permissions.request` only synchronously inside the handler).
 */

const ENABLE = 'collapse-repeats:enable-site';
const DISABLE = 'collapse-repeats:disable-site';

export async function createSiteMenu(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: ENABLE,
    title: browser.i18n.getMessage('menuEnable'),
    contexts: ['action'],
  });
  browser.contextMenus.create({
    id: DISABLE,
    title: browser.i18n.getMessage('menuDisable'),
    contexts: ['action'],
    visible: false,
  });
}

/**
 * Shows the item that fits the tab. Without access to a tab the browser hides its URL, and a
 * site without access is one to enable.
 */
export async function updateSiteMenu(tab: Tabs.Tab | undefined): Promise<void> {
  const pattern = originPattern(tab?.url);
  const host = hostOf(tab?.url);
  let working = false;
  if (pattern !== null && host !== null) {
    const [granted, settings] = await Promise.all([
      browser.permissions.contains({ origins: [pattern] }),
      loadSettings(),
    ]);
    working = granted && !settings.disabledHosts.includes(host);
  }
  await Promise.all([
    browser.contextMenus.update(ENABLE, { visible: !working }),
    browser.contextMenus.update(DISABLE, { visible: working }),
  ]);
}

export async function updateSiteMenuForActiveTab(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  await updateSiteMenu(tab);
}

export function onSiteMenuClicked(info: Menus.OnClickData, tab: Tabs.Tab | undefined): void {
  const pattern = originPattern(tab?.url);
  const host = hostOf(tab?.url);
  if (pattern === null || host === null) return;
  if (info.menuItemId === ENABLE) {
    // Called before any await: the click is still a user gesture. Granting a host that is
    // already granted resolves at once without a prompt.
    browser.permissions
      .request({ origins: [pattern] })
      .then(async (granted) => {
        if (granted) await setHostEnabled(host, true);
      })
      .then(() => updateSiteMenu(tab))
      .catch(logError);
  } else if (info.menuItemId === DISABLE) {
    setHostEnabled(host, false)
      .then(() => updateSiteMenu(tab))
      .catch(logError);
  }
}

export function logError(error: unknown): void {
  console.error('Collapse Repeats:', error);
}
