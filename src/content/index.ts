import browser from 'webextension-polyfill';
import { releaseBarEvents } from '../dom/bar';
import { createErrorReporter } from '../dom/errors';
import { setMessageSource } from '../dom/i18n';
import { observePage } from '../dom/observer';
import { type ProcessOptions, pageCount, restoreAll, showAll } from '../dom/process';
import { yieldToPage } from '../dom/scheduler';
import {
  ANALYSE_PORT,
  blocksInParts,
  isAnalysis,
  isMessage,
  type PageCount,
  type SelectorTest,
} from '../settings/messages';
import { isEnabledFor, loadSettings, onSettingsChange, type Settings } from '../settings/settings';
import { generic } from '../sites/generic';
import { siteFor } from '../sites/registry';
import { defineSite, type SiteAdapter } from '../sites/site';

/**
 * The content script: picks the site adapter, reads settings, observes the page, reports the
 * count, and tears everything down through one AbortSignal (extension update, context
 * invalidated, switched off). Our exceptions never reach the page.
 */

const LOG_PREFIX = '[Collapse Repeats]';
/** On <html> while an instance runs. */
const GUARD_ATTRIBUTE = 'data-collapse-repeats-loaded';
/**
 * Dispatched by a new instance (the extension was updated or reloaded, or injected again) on a
 * page an earlier one holds: the earlier one takes everything back and stops, and the new one
 * starts afresh. An orphaned instance can't always tell that it is one (after a reload Chrome
 * may run the new script in the same world, where the old one's `runtime.id` looks alive), so
 * the newest always wins. A page that sends this event itself just makes us step back.
 */
const TAKEOVER_EVENT = 'collapse-repeats:takeover';
const COUNT_DELAY_MS = 400;

function isContextInvalidated(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return text.includes('Extension context invalidated');
}

function contextIsAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}

/** Claims the page, taking it over from an instance that ran here before. */
function claimPage(): void {
  const root = document.documentElement;
  if (root.hasAttribute(GUARD_ATTRIBUTE)) document.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
  root.setAttribute(GUARD_ATTRIBUTE, '');
}

/** A site the script was not built for: the user's own selectors for this host, or `article`s. */
function userSite(settings: Settings, host: string): SiteAdapter {
  const custom = settings.customSites.find((site) => site.host === host);
  if (!custom) return generic;
  return defineSite({
    id: 'custom',
    name: host,
    matches: [],
    post: custom.post,
    body: custom.body,
    examples: [],
  });
}

/** Characters of post text sent to the background per slice of the page's main thread. */
const PART_CHARS = 200_000;
/** Longest we wait for the background's answer before the post is analysed on the page. */
const ANSWER_TIMEOUT_MS = 10_000;

/**
 * Asks the background to analyse a large post: its blocks go in parts, one per slice, so that
 * sending a megabyte of text never holds up the page. Undefined when no usable answer comes.
 */
const analyseInBackground: NonNullable<ProcessOptions['analyseElsewhere']> = async (
  blocks,
  options,
) => {
  const port = browser.runtime.connect({ name: ANALYSE_PORT });
  const answer = new Promise<unknown>((resolve, reject) => {
    port.onMessage.addListener(resolve);
    port.onDisconnect.addListener(() => reject(new Error('The background dropped the analysis')));
    setTimeout(() => reject(new Error('The background did not answer in time')), ANSWER_TIMEOUT_MS);
  });
  // It may fail while the parts are still going out, before anyone awaits it.
  answer.catch(() => undefined);
  try {
    for (const part of blocksInParts(blocks, PART_CHARS)) {
      port.postMessage(part);
      await yieldToPage(window);
    }
    port.postMessage({ options });
    const analysis = await answer;
    return isAnalysis(analysis) ? analysis : undefined;
  } finally {
    port.disconnect();
  }
};

function testSelectors(post: string, body: string): SelectorTest | null {
  try {
    const posts = [...document.querySelectorAll(post)];
    const bodies = posts.filter(
      (element) => body === ':scope' || element.querySelector(body) !== null,
    ).length;
    return { posts: posts.length, bodies };
  } catch {
    return null;
  }
}

async function start(): Promise<void> {
  const controller = new AbortController();
  const { signal } = controller;
  let settings = await loadSettings();
  const host = location.hostname;
  const adapter = siteFor(new URL(location.href), document) ?? userSite(settings, host);
  claimPage();

  const reportError = createErrorReporter(adapter.id);
  setMessageSource((key, substitutions) => browser.i18n.getMessage(key, substitutions));

  // Built once per settings object: the observer asks for the options for every body.
  let optionsFor: { settings: Settings; options: ProcessOptions } | null = null;
  const options = (): ProcessOptions => {
    if (optionsFor?.settings !== settings) {
      optionsFor = {
        settings,
        options: {
          analysis: { ...settings.analysis, pageHost: host },
          showBadge: settings.showBadge,
          startCollapsed: settings.startCollapsed,
          onError: reportError,
          analyseElsewhere: analyseInBackground,
        },
      };
    }
    return optionsFor.options;
  };

  let lastCount = '';
  let countTimer: ReturnType<typeof setTimeout> | undefined;
  const sendCount = (): void => {
    countTimer = undefined;
    if (signal.aborted) return;
    // After an update or reload of the extension this instance is orphaned: stop, even when
    // there is no new count to send (which would have told us the same thing).
    if (!contextIsAlive()) {
      teardown();
      return;
    }
    const count: PageCount = pageCount(document);
    const key = `${count.posts}/${count.paragraphs}`;
    if (key === lastCount) return;
    lastCount = key;
    browser.runtime.sendMessage({ type: 'collapse-repeats:count', count }).catch(onBrowserError);
  };
  const scheduleCount = (): void => {
    if (countTimer === undefined && !signal.aborted)
      countTimer = setTimeout(sendCount, COUNT_DELAY_MS);
  };

  let observing: AbortController | null = null;
  const stopObserving = (): void => {
    observing?.abort();
    observing = null;
    restoreAll(document);
  };
  const startObserving = (): void => {
    if (!isEnabledFor(settings, adapter.id, host)) return;
    observing = new AbortController();
    observePage(
      document,
      adapter,
      options,
      AbortSignal.any([signal, observing.signal]),
      scheduleCount,
    );
  };

  const onMessage = (message: unknown): Promise<PageCount | SelectorTest | null> | undefined => {
    if (!isMessage(message)) return undefined;
    switch (message.type) {
      case 'collapse-repeats:get-count':
        return Promise.resolve(pageCount(document));
      case 'collapse-repeats:show-all':
        showAll(document);
        scheduleCount();
        return Promise.resolve(pageCount(document));
      case 'collapse-repeats:test-selectors':
        return Promise.resolve(testSelectors(message.post, message.body));
      default:
        return undefined;
    }
  };

  const onTakeover = (): void => teardown();

  function teardown(): void {
    if (signal.aborted) return;
    controller.abort();
    clearTimeout(countTimer);
    stopObserving();
    releaseBarEvents(document);
    document.documentElement.removeAttribute(GUARD_ATTRIBUTE);
    document.removeEventListener(TAKEOVER_EVENT, onTakeover);
    setMessageSource(null);
    try {
      browser.runtime.onMessage.removeListener(onMessage);
    } catch {
      // The context is gone; so is the listener.
    }
  }

  function onBrowserError(error: unknown): void {
    if (isContextInvalidated(error) || !contextIsAlive()) teardown();
    // Otherwise nobody is listening (yet); the next count will try again.
  }

  document.addEventListener(TAKEOVER_EVENT, onTakeover);
  browser.runtime.onMessage.addListener(onMessage);
  onSettingsChange((next) => {
    settings = next;
    stopObserving();
    startObserving();
    scheduleCount();
  }, signal);
  startObserving();
}

start().catch((error: unknown) => {
  if (isContextInvalidated(error) || !contextIsAlive()) return;
  console.warn(LOG_PREFIX, error);
});
