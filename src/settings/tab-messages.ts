import browser from 'webextension-polyfill';
import type { Message, PageCount, SelectorTest } from './messages';

type Answer<M extends Message> = M['type'] extends 'collapse-repeats:test-selectors'
  ? SelectorTest | null
  : PageCount;

/**
 * Asks the content script of a tab. Resolves to undefined when there is none to answer (a page
 * the extension doesn't run on, a page still loading, a browser page).
 */
export async function askTab<M extends Message>(
  tabId: number,
  message: M,
): Promise<Answer<M> | undefined> {
  try {
    return (await browser.tabs.sendMessage(tabId, message)) as Answer<M> | undefined;
  } catch {
    return undefined;
  }
}

export function isPageCount(value: unknown): value is PageCount {
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isInteger((value as PageCount).posts) &&
    Number.isInteger((value as PageCount).paragraphs)
  );
}
