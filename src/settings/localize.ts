import browser from 'webextension-polyfill';
import type english from '../public/_locales/en/messages.json';

/** A key of `_locales/en/messages.json`, the reference every other locale follows. */
export type MessageKey = keyof typeof english;

/** The translated message, or its key when the browser has none (so a gap shows, not a blank). */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

const ATTRIBUTES = ['title', 'placeholder', 'aria-label'] as const;

/**
 * Fills an extension page's static text from `_locales`: `data-i18n="key"` sets the text,
 * `data-i18n-title`, `data-i18n-placeholder` and `data-i18n-aria-label` set those attributes.
 */
export function localizePage(document: Document): void {
  const root = document.documentElement;
  // The language of the messages shown, which may differ from the browser's UI locale.
  root.lang = t('languageTag');
  root.dir = browser.i18n.getMessage('@@bidi_dir') || 'ltr';
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n as MessageKey);
  }
  for (const attribute of ATTRIBUTES) {
    for (const element of document.querySelectorAll(`[data-i18n-${attribute}]`)) {
      const key = element.getAttribute(`data-i18n-${attribute}`) as MessageKey;
      element.setAttribute(attribute, t(key));
    }
  }
}
