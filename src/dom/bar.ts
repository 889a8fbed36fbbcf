import type { Block, RepeatRun } from '../core/types';
import { ARTICLE_URL_ATTRIBUTE, BAR_TAG, END_TAG } from './contract';
import { message } from './i18n';

/**
 * The bar that stands where repeats were hidden: a Show/Hide button that says what is hidden,
 * and a badge linking the original article. While the post is expanded, a second Hide button
 * stands after the last repeat (`END_TAG`). Both live in open shadow roots so page styles
 * cannot break them. No custom element is defined (content scripts have no `customElements`);
 * a valid custom-element name is enough for `attachShadow`.
 */

export interface BarSummary {
  /** Paragraphs hidden whole, a line holding only a URL left out (see `paragraphCount`). */
  readonly hiddenBlocks: number;
  /** Whether sentences inside kept paragraphs are hidden too. */
  readonly hiddenSpans: boolean;
  readonly runs: readonly RepeatRun[];
}

export interface Bar {
  readonly host: HTMLElement;
  /** The second Hide button, to be placed after the last repeat; hidden while collapsed. */
  readonly end: HTMLElement;
  setExpanded(expanded: boolean): void;
}

/** A block that holds nothing but a link's address (the article URL under a bot's post). */
const BARE_URL = /^\s*(?:https?:\/\/|www\.)\S+\s*$/i;

/** How many of the hidden blocks a reader would call paragraphs: a bare URL line is not one. */
export function paragraphCount(hidden: Iterable<number>, blocks: readonly Block[]): number {
  let count = 0;
  for (const index of hidden) if (!BARE_URL.test(blocks[index]?.text ?? '')) count++;
  return count;
}

const BAR_STYLE = `
:host {
  all: initial;
  display: block;
  /* Above fade-out overlays that clients lay over long, clamped posts. */
  position: relative;
  z-index: 1;
  /*
   * The page's own font size, so that the margin matches a paragraph gap: it collapses with the
   * neighbours' margins and the bar stands as far from the text above as from the text below.
   */
  font-size: inherit;
  margin: 1em 0;
  color: inherit;
  color-scheme: light dark;
}
:host([hidden]) { display: none !important; }
.bar {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.4em;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
}
button, a {
  all: unset;
  box-sizing: border-box;
  display: inline-flex;
  align-items: center;
  gap: 0.3em;
  max-width: 100%;
  padding: 0.15em 0.75em;
  border: 1px solid color-mix(in srgb, currentColor 30%, transparent);
  border-radius: 999px;
  background: color-mix(in srgb, currentColor 8%, transparent);
  color: inherit;
  cursor: pointer;
  overflow-wrap: anywhere;
}
button:hover, a:hover { background: color-mix(in srgb, currentColor 16%, transparent); }
a { text-decoration: underline; text-decoration-color: color-mix(in srgb, currentColor 40%, transparent); }
button:focus-visible, a:focus-visible { outline: 2px solid AccentColor; outline-offset: 2px; }
@media (forced-colors: active) { button, a { border-color: ButtonText; } }
`;

/** Only absolute http(s) URLs without credentials become a badge. */
export function safeArticleUrl(candidate: string | null): URL | null {
  if (candidate === null) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url;
}

/** The message keys of a bar over repeated text, and of one over a shortened preview. */
const KEYS = {
  repeat: {
    show: 'barShowRepeat',
    hide: 'barHideRepeat',
    end: 'barEndRepeat',
    title: ['barTitleRepeat', 'barTitleRepeatOne', 'barTitleRepeatMany'],
  },
  preview: {
    show: 'barShowPreview',
    hide: 'barHidePreview',
    end: 'barEndPreview',
    title: ['barTitlePreview', 'barTitlePreviewOne', 'barTitlePreviewMany'],
  },
} as const;

/** The visible labels (collapsed, expanded, end button) and the tooltip with the count. */
function labelsFor(summary: BarSummary) {
  const preview =
    summary.runs.length > 0 && summary.runs.every((run) => run.kind === 'truncated-lead');
  const keys = preview ? KEYS.preview : KEYS.repeat;
  const count = summary.hiddenBlocks;
  const [none, one, many] = keys.title;
  const title =
    count === 0 ? message(none) : count === 1 ? message(one) : message(many, `${count}`);
  return { show: message(keys.show), hide: message(keys.hide), end: message(keys.end), title };
}

/** Keeps our clicks and keys from reaching the page (posts are often links or hotkey targets). */
const CONTAINED_EVENTS = [
  'click',
  'auxclick',
  'dblclick',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'touchstart',
  'touchend',
  'keydown',
  'keyup',
  'keypress',
] as const;

/** Each bar's toggle button and what a click on it does, by the bar's host element. */
const controls = new WeakMap<
  EventTarget,
  { readonly button: Element; readonly toggle: () => void }
>();
/** The windows that hold our listeners (see `containBarEvents`). */
const containing = new WeakSet<Window>();

/**
 * One capturing listener per contained event type on the window, instead of a dozen on every
 * bar (a feed has hundreds): an event on a bar stops there, before any listener of the page
 * below the window. So it never reaches the bar's own button either; a click on that button
 * toggles its post from here.
 */
function containBarEvents(window: Window): void {
  if (containing.has(window)) return;
  containing.add(window);
  for (const type of CONTAINED_EVENTS) window.addEventListener(type, onBarEvent, true);
}

/** Takes the listeners of `containBarEvents` away again (when the content script stops). */
export function releaseBarEvents(document: Document): void {
  const window = document.defaultView;
  if (window === null || !containing.delete(window)) return;
  for (const type of CONTAINED_EVENTS) window.removeEventListener(type, onBarEvent, true);
}

function onBarEvent(event: Event): void {
  // Outside a shadow root, an event from inside it is targeted at the host: our bar's.
  const bar = event.target === null ? undefined : controls.get(event.target);
  if (bar === undefined) return;
  event.stopPropagation();
  // Where the click began inside the bar: on the button, or on something in it.
  const origin = event.composedPath()[0] as Node | undefined;
  if (event.type === 'click' && origin !== undefined && bar.button.contains(origin)) {
    // A post inside a link must not follow it.
    event.preventDefault();
    bar.toggle();
  }
}

/**
 * What every bar's shadow root holds besides its style: the group with its toggle button. Made
 * once per document and cloned, which is one call instead of a dozen per bar.
 */
const shadowTemplates = new WeakMap<Document, DocumentFragment>();

function shadowTemplate(document: Document): DocumentFragment {
  let template = shadowTemplates.get(document);
  if (template === undefined) {
    template = document.createDocumentFragment();
    const container = document.createElement('div');
    container.className = 'bar';
    container.setAttribute('role', 'group');
    container.setAttribute('aria-label', message('barRegionLabel'));
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'toggle';
    container.append(button);
    template.append(container);
    shadowTemplates.set(document, template);
  }
  return template;
}

/**
 * The bars' style, one sheet per document that every bar's shadow root adopts, or null where a
 * content script cannot adopt one (Firefox before 153 refuses it through its Xray wrappers, and
 * older engines lack constructed sheets): each root then holds a `<style>` of its own. A
 * `<style>` costs each bar a style sheet of its own, made when the bar enters the page.
 */
const sharedSheets = new WeakMap<Document, CSSStyleSheet | null>();

function styleBar(document: Document, root: ShadowRoot): void {
  let sheet = sharedSheets.get(document);
  if (sheet === undefined) {
    sheet = adoptedSheet(document, root);
    sharedSheets.set(document, sheet);
    if (sheet !== null) return;
  }
  if (sheet !== null) {
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = BAR_STYLE;
  root.prepend(style);
}

/** A sheet of BAR_STYLE that `root` has adopted, or null if that failed. */
function adoptedSheet(document: Document, root: ShadowRoot): CSSStyleSheet | null {
  const Sheet = document.defaultView?.CSSStyleSheet;
  try {
    if (Sheet === undefined || !('adoptedStyleSheets' in root)) return null;
    const sheet = new Sheet();
    sheet.replaceSync(BAR_STYLE);
    root.adoptedStyleSheets = [sheet];
    return root.adoptedStyleSheets.length === 1 ? sheet : null;
  } catch {
    return null;
  }
}

export function createBar(
  document: Document,
  summary: BarSummary,
  articleUrl: string | null,
  showBadge: boolean,
  onToggle: () => void,
): Bar {
  const host = document.createElement(BAR_TAG);
  const root = host.attachShadow({ mode: 'open' });
  styleBar(document, root);
  root.append(shadowTemplate(document).cloneNode(true));
  const container = root.lastElementChild as HTMLDivElement;
  const button = container.firstElementChild as HTMLButtonElement;

  const labels = labelsFor(summary);
  // The count is the detail: the tooltip, and the button's description for screen readers.
  button.title = labels.title;

  const url = showBadge ? safeArticleUrl(articleUrl) : null;
  if (url) {
    const badge = document.createElement('a');
    badge.className = 'badge';
    badge.href = url.href;
    badge.target = '_blank';
    badge.rel = 'noopener noreferrer';
    badge.title = message('badgeTitle', url.hostname);
    badge.textContent = `↗ ${url.hostname}`;
    container.append(badge);
    host.setAttribute(ARTICLE_URL_ATTRIBUTE, url.href);
  }

  const end = createEnd(document, labels.end, labels.title);
  controls.set(host, { button, toggle: onToggle });
  controls.set(end.host, {
    button: end.button,
    // The end button goes away with the repeat: the focus goes back to the bar above.
    toggle: () => {
      onToggle();
      button.focus();
    },
  });
  const window = document.defaultView;
  if (window) containBarEvents(window);

  const setExpanded = (expanded: boolean): void => {
    button.setAttribute('aria-expanded', String(expanded));
    button.textContent = expanded ? labels.hide : labels.show;
    end.host.hidden = !expanded;
  };
  return { host, end: end.host, setExpanded };
}

/** The second Hide button, after the last repeat of an expanded post. */
function createEnd(document: Document, label: string, title: string) {
  const host = document.createElement(END_TAG);
  const root = host.attachShadow({ mode: 'open' });
  styleBar(document, root);
  const container = document.createElement('div');
  container.className = 'bar';
  container.setAttribute('role', 'group');
  container.setAttribute('aria-label', message('barRegionLabel'));
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'toggle';
  button.textContent = label;
  button.title = title;
  button.setAttribute('aria-expanded', 'true');
  container.append(button);
  root.append(container);
  return { host, button };
}
