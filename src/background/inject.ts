import { getTabsByUrl, injectContentScript } from 'webext-content-scripts';
import { isFirefox } from 'webext-detect';
import { onExtensionStart } from 'webext-events';
import browser from 'webextension-polyfill';
import { logError } from './site-menu';

/**
 * When the extension starts (installed, updated, reloaded, switched back on), Chrome leaves the
 * open tabs of the manifest's sites without the new content script: this starts it there, and
 * it takes over from the old instance (content/index.ts). Firefox does this itself.
 *
 * webext-inject-on-install does the same but demands the `tabs` permission, whose install
 * warning ("read your browsing history") we don't want: the Chrome manifest's host permissions
 * for the same sites (vite.config.ts) are enough to find those tabs.
 */
export function injectOnExtensionStart(): void {
  if (isFirefox()) return;
  onExtensionStart.addListener(() => {
    injectIntoOpenTabs().catch(logError);
  });
}

async function injectIntoOpenTabs(): Promise<void> {
  for (const script of browser.runtime.getManifest().content_scripts ?? []) {
    const tabs = await getTabsByUrl(script.matches ?? [], script.exclude_matches);
    // A tab may be gone or unscriptable by now; the others still get the script.
    await Promise.all(
      tabs.map((tabId) =>
        injectContentScript({ tabId, frameId: 0 }, script, { ignoreTargetErrors: true }),
      ),
    );
  }
}
