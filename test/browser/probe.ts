/**
 * Functions that run inside the page (they are serialised by playwright / puppeteer, so each one
 * is self-contained: no imports, no outside helpers). They read what a user sees.
 */

export interface BarInfo {
  /** Index of the post body this bar belongs to, or null when no single body is near it. */
  readonly owner: number | null;
  readonly rendered: boolean;
  readonly hasShadowRoot: boolean;
  readonly buttons: number;
  readonly expanded: string | null;
  readonly label: string;
  /** The button's tooltip: what is hidden, with the paragraph count. */
  readonly title: string;
  readonly badgeHref: string | null;
  readonly badgeText: string | null;
  readonly badgeTarget: string | null;
  readonly badgeRel: string | null;
  readonly articleUrlAttr: string | null;
  /** Where the bar's style comes from: a sheet its shadow root adopted, or a `<style>` in it. */
  readonly styleSource: 'adopted' | 'element' | 'none';
  /** The bar's own style reaches its button (the rounded border it sets). */
  readonly styled: boolean;
}

export interface BodyInfo {
  readonly state: string | null;
  /** Element-index path from <body>, skipping our own elements: finds the same node elsewhere. */
  readonly path: readonly number[];
  /** Elements marked hidden inside the body (the body itself included). */
  readonly hiddenElements: number;
  /** How many of them a user can see. */
  readonly hiddenRendered: number;
  /** Our own elements (collapse-repeats-*) inside the body. */
  readonly ownElements: number;
  /** Visible text, whitespace removed, of the body and of its bar's neighbourhood (clones). */
  readonly regionText: string;
  /**
   * The same region's text as the page holds it, less what we hide: text the page itself keeps
   * out of sight (Mastodon's span.invisible URL parts) still counts. Hidden texts of a fixture
   * are written this way.
   */
  readonly regionPresentText: string;
  /** Page text nodes outside hidden elements that a user cannot see. */
  readonly unseenText: readonly string[];
  readonly attributes: readonly string[];
  /** innerHTML, with the marks of nested bodies (quoted posts) left out. */
  readonly innerHTML: string;
}

export interface PageSnapshot {
  readonly bodies: readonly BodyInfo[];
  readonly bars: readonly BarInfo[];
  /** All visible text of the page, whitespace removed, bar buttons and badges left out. */
  readonly pageText: string;
}

export function snapshotPage(): PageSnapshot {
  const OURS = 'collapse-repeats';
  const isOurs = (node: Element) => node.localName.startsWith(OURS);
  const rendered = (element: Element) =>
    element.checkVisibility({ opacityProperty: true, visibilityProperty: true });

  const hiddenByUs = (element: Element): boolean => {
    for (let node: Element | null = element; node; ) {
      if (node.hasAttribute('data-collapse-repeats-hidden') && !rendered(node)) return true;
      const parent: Node | null = node.parentNode;
      node = parent instanceof ShadowRoot ? parent.host : parent instanceof Element ? parent : null;
    }
    return false;
  };
  const present = (element: Element) =>
    !['script', 'style', 'template', 'noscript'].includes(element.localName) &&
    !hiddenByUs(element);

  /**
   * Text a user sees under `root` (or, with `keep = present`, text that we do not hide), in
   * our shadow roots too, without the bar's own controls.
   */
  const visibleText = (root: Node, keep: (element: Element) => boolean = rendered): string => {
    let out = '';
    const walk = (node: Node, inBar: boolean): void => {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement ?? (node.parentNode as ShadowRoot | null)?.host;
        if (parent && keep(parent)) out += (node as Text).data;
        return;
      }
      if (node.nodeType === Node.ELEMENT_NODE) {
        const element = node as Element;
        if (inBar && ['button', 'a', 'style'].includes(element.localName)) return;
        if (isOurs(element) && element.shadowRoot) {
          // The bar and the Hide button at the end of a shown repeat: controls, not text.
          const bar = ['collapse-repeats-bar', 'collapse-repeats-end'].includes(element.localName);
          for (const child of element.shadowRoot.childNodes) walk(child, bar);
        }
      } else if (node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) {
        return;
      }
      for (const child of node.childNodes) walk(child, inBar);
    };
    walk(root, false);
    return out.replace(/\s+/g, '');
  };

  const pathOf = (element: Element): number[] => {
    const path: number[] = [];
    let node: Element = element;
    while (node !== document.body && node.parentElement) {
      const siblings = [...node.parentElement.children].filter((child) => !isOurs(child));
      path.unshift(siblings.indexOf(node));
      node = node.parentElement;
    }
    return path;
  };

  const bodies = [...document.querySelectorAll('[data-collapse-repeats]')];
  const barElements = [...document.querySelectorAll('collapse-repeats-bar')];

  /**
   * A bar belongs to the body that holds it or whose clone holds it (a split body's clone sits
   * beside it, inside the body around it when it is a quoted post), else to the only body of its
   * nearest ancestor.
   */
  const ownerOf = (bar: Element): number | null => {
    for (let node = bar.parentElement; node; node = node.parentElement) {
      if (node.hasAttribute('data-collapse-repeats')) return bodies.indexOf(node);
      const copied = node.previousElementSibling;
      if (
        node.localName === 'collapse-repeats-clone' &&
        copied?.hasAttribute('data-collapse-repeats')
      ) {
        return bodies.indexOf(copied);
      }
    }
    for (let node = bar.parentElement; node; node = node.parentElement) {
      const near = bodies.filter((body) => node.contains(body));
      if (near.length === 1 && near[0]) return bodies.indexOf(near[0]);
      if (near.length > 1) return null;
    }
    return null;
  };

  const bars: BarInfo[] = barElements.map((bar) => {
    const root = bar.shadowRoot;
    const buttons = root ? [...root.querySelectorAll('button')] : [];
    const badge = root?.querySelector('a[href]') ?? null;
    return {
      owner: ownerOf(bar),
      rendered: rendered(bar),
      hasShadowRoot: root !== null,
      buttons: buttons.length,
      expanded: buttons[0]?.getAttribute('aria-expanded') ?? null,
      label: buttons[0]?.textContent?.trim() ?? '',
      title: buttons[0]?.title ?? '',
      badgeHref: badge?.getAttribute('href') ?? null,
      badgeText: badge?.textContent?.trim() ?? null,
      badgeTarget: badge?.getAttribute('target') ?? null,
      badgeRel: badge?.getAttribute('rel') ?? null,
      articleUrlAttr: bar.getAttribute('data-article-url'),
      styleSource:
        (root?.adoptedStyleSheets.length ?? 0) > 0
          ? 'adopted'
          : root?.querySelector('style')
            ? 'element'
            : 'none',
      styled: buttons[0] ? getComputedStyle(buttons[0]).borderTopLeftRadius !== '0px' : false,
    };
  });

  const commonAncestor = (a: Element, b: Element): Element => {
    let node: Element | null = a;
    while (node && !node.contains(b)) node = node.parentElement;
    return node ?? document.body;
  };

  /**
   * The body an element inside a post belongs to: nested bodies (quoted posts) own theirs, and
   * a split body owns itself and the clone beside it.
   */
  const bodyOf = (element: Element): Element | null => {
    for (let node: Element | null = element; node; node = node.parentElement) {
      if (node.hasAttribute('data-collapse-repeats')) return node;
      const copied = node.previousElementSibling;
      if (
        node.localName === 'collapse-repeats-clone' &&
        copied?.hasAttribute('data-collapse-repeats')
      ) {
        return copied;
      }
    }
    return null;
  };

  /** The body's markup with the nested bodies' own marks left out: they are checked alone. */
  const ownMarkup = (body: Element): string => {
    const copy = body.cloneNode(true) as Element;
    for (const nested of copy.querySelectorAll('[data-collapse-repeats]')) {
      for (const ours of nested.querySelectorAll('*')) if (isOurs(ours)) ours.remove();
      const beside = nested.nextElementSibling;
      if (beside?.localName === 'collapse-repeats-clone') beside.remove();
      for (const marked of [nested, ...nested.querySelectorAll('[data-collapse-repeats-hidden]')]) {
        marked.removeAttribute('data-collapse-repeats-hidden');
      }
      nested.removeAttribute('data-collapse-repeats');
    }
    return copy.innerHTML;
  };

  const bodyInfos: BodyInfo[] = bodies.map((body, index) => {
    const hidden = [
      ...(body.matches('[data-collapse-repeats-hidden]') ? [body] : []),
      ...[...body.querySelectorAll('[data-collapse-repeats-hidden]')].filter(
        (element) => bodyOf(element) === body,
      ),
    ];
    const bar = barElements.find((_, barIndex) => bars[barIndex]?.owner === index);
    const unseenText: string[] = [];
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const parent = text.parentElement;
      if (!parent || !text.nodeValue?.trim()) continue;
      if (parent.closest('[data-collapse-repeats-hidden]')) continue;
      if ([...ancestors(parent)].some(isOurs)) continue;
      if (!rendered(parent)) unseenText.push(text.nodeValue.trim());
    }
    return {
      state: body.getAttribute('data-collapse-repeats'),
      path: pathOf(body),
      hiddenElements: hidden.length,
      hiddenRendered: hidden.filter(rendered).length,
      ownElements: [...body.querySelectorAll('*')].filter(
        (element) => isOurs(element) && bodyOf(element) === body,
      ).length,
      regionText: visibleText(bar ? commonAncestor(body, bar) : body),
      regionPresentText: visibleText(bar ? commonAncestor(body, bar) : body, present),
      unseenText,
      attributes: [...body.attributes].map((attr) => `${attr.name}=${attr.value}`).sort(),
      innerHTML: ownMarkup(body),
    };
  });

  function* ancestors(element: Element): Generator<Element> {
    for (let node: Element | null = element; node; node = node.parentElement) yield node;
  }

  return { bodies: bodyInfos, bars, pageText: visibleText(document.body) };
}

export interface BaselineNode {
  readonly found: boolean;
  readonly attributes: readonly string[];
  readonly innerHTML: string;
}

/** The nodes at `paths` in a page the extension did not touch, and its visible text. */
export function snapshotBaseline(paths: readonly (readonly number[])[]): {
  nodes: BaselineNode[];
  pageText: string;
} {
  const rendered = (element: Element) =>
    element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  let pageText = '';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (text.parentElement && rendered(text.parentElement)) pageText += text.nodeValue ?? '';
  }
  const nodes = paths.map((path) => {
    let node: Element | undefined = document.body;
    for (const index of path) node = node?.children[index];
    return {
      found: node !== undefined,
      attributes: node ? [...node.attributes].map((a) => `${a.name}=${a.value}`).sort() : [],
      innerHTML: node?.innerHTML ?? '',
    };
  });
  return { nodes, pageText: pageText.replace(/\s+/g, '') };
}

/** Number of analysed bodies and milliseconds since the DOM last changed. */
export function settleState(): { analysed: number; quietFor: number } {
  const key = '__collapseRepeatsTestQuiet';
  const store = window as unknown as Record<string, { last: number } | undefined>;
  let quiet = store[key];
  if (!quiet) {
    const state = { last: performance.now() };
    new MutationObserver(() => {
      state.last = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    store[key] = state;
    quiet = state;
  }
  return {
    analysed: document.querySelectorAll('[data-collapse-repeats]').length,
    quietFor: performance.now() - quiet.last,
  };
}

/** The toggle button of the bar that belongs to body `index`. */
export function barButton(index: number): HTMLButtonElement | null {
  const body = document.querySelectorAll('[data-collapse-repeats]')[index];
  if (!body) return null;
  for (const bar of document.querySelectorAll('collapse-repeats-bar')) {
    let owner: Element | null | undefined;
    for (let node = bar.parentElement; node && !owner; node = node.parentElement) {
      const copied = node.previousElementSibling;
      if (node.hasAttribute('data-collapse-repeats')) owner = node;
      else if (
        node.localName === 'collapse-repeats-clone' &&
        copied?.hasAttribute('data-collapse-repeats')
      ) {
        owner = copied;
      }
    }
    if (!owner) {
      for (let node = bar.parentElement; node && !owner; node = node.parentElement) {
        const near = [...document.querySelectorAll('[data-collapse-repeats]')].filter((b) =>
          node?.contains(b),
        );
        if (near.length > 1) break;
        owner = near[0];
      }
    }
    if (owner === body) return bar.shadowRoot?.querySelector('button') ?? null;
  }
  return null;
}

/** The first element matching `selector`: a site's own control, such as "Show more". */
export function siteControl(selector: string): Element | null {
  return document.querySelector(selector);
}

/**
 * What a client does once its "Show more" control is clicked (fixture pages carry no scripts):
 * the post drops its clipping class `unclips`, and the control goes. False when either is
 * missing.
 */
export function openClipped({ click, unclips }: { click: string; unclips: string }): boolean {
  const control = document.querySelector(click);
  const clipped = control?.closest(`.${CSS.escape(unclips)}`);
  if (!control || !clipped) return false;
  clipped.classList.remove(unclips);
  control.remove();
  return true;
}
