import browser, { type Runtime, type Tabs } from 'webextension-polyfill';
import { localizePage, t } from '../settings/localize';
import { isMessage, type PageCount } from '../settings/messages';
import {
  hostOf,
  loadSettings,
  onSettingsChange,
  originPattern,
  setHostEnabled,
} from '../settings/settings';
import { askTab, isPageCount } from '../settings/tab-messages';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the popup`);
  return element as T;
}

const ui = {
  counts: byId('counts'),
  posts: byId('posts'),
  paragraphs: byId('paragraphs'),
  showAll: byId<HTMLButtonElement>('show-all'),
  siteSwitch: byId('site-switch'),
  siteEnabled: byId<HTMLInputElement>('site-enabled'),
  siteSwitchLabel: byId('site-switch-label'),
  enable: byId('enable'),
  enableButton: byId<HTMLButtonElement>('enable-button'),
  message: byId('message'),
  optionsLink: byId<HTMLAnchorElement>('options-link'),
};

/** How long to wait for a freshly injected content script to answer. */
const START_ATTEMPTS = 20;
const START_INTERVAL_MS = 250;

function showCount(count: PageCount): void {
  ui.posts.textContent = count.posts.toLocaleString();
  ui.paragraphs.textContent = count.paragraphs.toLocaleString();
  ui.showAll.disabled = count.posts === 0;
  ui.counts.hidden = false;
}

/** Renders what the popup knows about the tab: its count, its site switch, or how to enable it. */
async function render(tab: Tabs.Tab): Promise<void> {
  const host = hostOf(tab.url);
  const pattern = originPattern(tab.url);
  if (tab.id === undefined || host === null || pattern === null) {
    ui.message.textContent = t('popupUnavailable');
    return;
  }
  const [count, settings, granted] = await Promise.all([
    askTab(tab.id, { type: 'collapse-repeats:get-count' }),
    loadSettings(),
    browser.permissions.contains({ origins: [pattern] }),
  ]);
  const running = isPageCount(count);
  const enabled = !settings.disabledHosts.includes(host);

  ui.counts.hidden = true;
  if (running && enabled) showCount(count);

  ui.siteSwitch.hidden = !(granted || running);
  ui.siteEnabled.checked = enabled;
  ui.siteSwitchLabel.textContent = t('popupSiteSwitch', host);

  ui.enable.hidden = granted || running;
  ui.enableButton.textContent = t('popupEnableButton', host);

  ui.message.textContent = granted && !running && enabled ? t('popupReload') : '';
}

/** Polls the tab until its content script answers, after access was just granted. */
async function waitForContentScript(tabId: number): Promise<void> {
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    if (isPageCount(await askTab(tabId, { type: 'collapse-repeats:get-count' }))) return;
    await new Promise((resolve) => setTimeout(resolve, START_INTERVAL_MS));
  }
}

async function main(): Promise<void> {
  localizePage(document);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab) {
    ui.message.textContent = t('popupUnavailable');
    return;
  }
  const host = hostOf(tab.url);
  const pattern = originPattern(tab.url);

  ui.showAll.addEventListener('click', async () => {
    if (tab.id === undefined) return;
    const count = await askTab(tab.id, { type: 'collapse-repeats:show-all' });
    if (isPageCount(count)) showCount(count);
  });

  ui.siteEnabled.addEventListener('change', () => {
    if (host) void setHostEnabled(host, ui.siteEnabled.checked);
  });

  ui.enableButton.addEventListener('click', () => {
    if (!host || !pattern || tab.id === undefined) return;
    const tabId = tab.id;
    // Requested before any await, while the click still counts as a user gesture. The
    // background registers and injects the content script as soon as access is granted.
    browser.permissions.request({ origins: [pattern] }).then(async (granted) => {
      if (!granted) {
        ui.message.textContent = t('popupPermissionDenied');
        return;
      }
      ui.enable.hidden = true;
      ui.message.textContent = t('popupStarting');
      await setHostEnabled(host, true);
      await waitForContentScript(tabId);
      await render(tab);
    });
  });

  ui.optionsLink.addEventListener('click', (event) => {
    event.preventDefault();
    void browser.runtime.openOptionsPage().then(() => window.close());
  });

  // The content script reports every change of its count; the popup follows its own tab.
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (
      isMessage(message) &&
      message.type === 'collapse-repeats:count' &&
      sender.tab?.id === tab.id &&
      ui.siteEnabled.checked
    ) {
      showCount(message.count);
    }
    return undefined;
  });

  // Switching the site off elsewhere (menu, options) updates the open popup too.
  onSettingsChange(() => void render(tab), new AbortController().signal);

  await render(tab);
}

void main();
