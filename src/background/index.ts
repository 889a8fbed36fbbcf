// Registers the manifest's content scripts on every host the user grants, and injects them into
// that host's open tabs at once, so a newly enabled site works without a reload.
import 'webext-dynamic-content-scripts';
import browser, { type Runtime } from 'webextension-polyfill';
import { analysePost } from '../core/analyse';
import { ANALYSE_PORT, BlocksJoiner, isMessage, isOptionsPart } from '../settings/messages';
import {
  hostOf,
  loadSettings,
  migrateStoredSettings,
  onSettingsChange,
  setHostEnabled,
} from '../settings/settings';
import { askTab, isPageCount } from '../settings/tab-messages';
import { injectOnExtensionStart } from './inject';
import {
  createSiteMenu,
  logError,
  onSiteMenuClicked,
  updateSiteMenu,
  updateSiteMenuForActiveTab,
} from './site-menu';
import { clearCount, showCount, showSiteState, showSiteStateInAllTabs } from './toolbar';

// Every listener is registered synchronously at startup: a service worker (Chrome) or event
// page (Firefox) is woken by the event and must find its listener. Nothing is kept in memory.

injectOnExtensionStart();

browser.runtime.onInstalled.addListener(() => {
  migrateStoredSettings().catch(logError);
  createSiteMenu().then(updateSiteMenuForActiveTab).catch(logError);
});

browser.runtime.onStartup.addListener(() => {
  createSiteMenu().then(updateSiteMenuForActiveTab).catch(logError);
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  const tabId = sender.tab?.id;
  if (isMessage(message) && message.type === 'collapse-repeats:count' && tabId !== undefined) {
    showCount(tabId, message.count).catch(logError);
  }
  return undefined;
});

// A large post is analysed here, off the page's main thread: the content script sends its
// blocks in parts, then the options, and gets the analysis back (see settings/messages.ts).
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== ANALYSE_PORT) return;
  const joiner = new BlocksJoiner();
  port.onMessage.addListener((part: unknown) => {
    if (!isOptionsPart(part)) {
      if (!joiner.add(part)) port.disconnect();
      return;
    }
    const blocks = joiner.joined();
    try {
      if (blocks === null) throw new Error('A cut block never ended');
      port.postMessage(analysePost(blocks, part.options));
    } catch (error) {
      // The content script then analyses the post itself.
      logError(error);
      port.disconnect();
    }
  });
});

browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status === 'loading') clearCount(tabId).catch(logError);
  if (change.status === 'complete') {
    // After a same-document navigation the content script is still there with its count;
    // after a full load it answers once it has run, or reports its count itself later.
    askTab(tabId, { type: 'collapse-repeats:get-count' })
      .then((count) => (isPageCount(count) ? showCount(tabId, count) : undefined))
      .catch(logError);
  }
  if (change.status !== undefined || change.url !== undefined) {
    loadSettings()
      .then((settings) => showSiteState(tab, settings))
      .catch(logError);
    if (tab.active) updateSiteMenu(tab).catch(logError);
  }
});

browser.tabs.onActivated.addListener(({ tabId }) => {
  browser.tabs.get(tabId).then(updateSiteMenu).catch(logError);
});

browser.windows.onFocusChanged.addListener(() => {
  updateSiteMenuForActiveTab().catch(logError);
});

browser.contextMenus.onClicked.addListener(onSiteMenuClicked);

// Granting a host from anywhere (popup, menu, browser UI) means "work here", also where the user
// had switched it off before.
browser.permissions.onAdded.addListener(({ origins = [] }) => {
  const hosts = origins.map((pattern) =>
    hostOf(pattern.replace(/^\*:/, 'https:').replace(/\/\*$/, '/')),
  );
  Promise.all(
    hosts.flatMap((host) => (host && !host.includes('*') ? [setHostEnabled(host, true)] : [])),
  )
    .then(updateSiteMenuForActiveTab)
    .catch(logError);
});

browser.permissions.onRemoved.addListener(() => {
  updateSiteMenuForActiveTab().catch(logError);
});

onSettingsChange((settings) => {
  showSiteStateInAllTabs(settings).catch(logError);
  updateSiteMenuForActiveTab().catch(logError);
}, new AbortController().signal);
