import type { SiteAdapter } from './site';

/**
 * How an adapter's selectors are meant to be read. The DOM layer uses these, so every caller
 * agrees on the two subtle points: a body selector of `:scope` means the post itself, and
 * `exclude` only ever applies below the body (several adapters exclude nested posts, whose
 * selector also matches the post around the body).
 */

/** The element holding the post's own text, or null when this post has none (yet). */
export function bodyOf(site: SiteAdapter, post: Element): Element | null {
  if (site.body === ':scope') return post;
  return post.querySelector(site.body);
}

/** Every post body under `root`, in document order, each once. */
export function bodiesIn(site: SiteAdapter, root: ParentNode): Element[] {
  const bodies = new Set<Element>();
  for (const post of root.querySelectorAll(site.post)) {
    const body = bodyOf(site, post);
    if (body !== null) bodies.add(body);
  }
  return [...bodies].sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
}

/** The elements inside `body` that are not the post's own text (cards, quoted posts, buttons). */
export function excludedIn(site: SiteAdapter, body: Element): Element[] {
  if (site.exclude === undefined) return [];
  return [...body.querySelectorAll(site.exclude)];
}

/** The software a page names in `<meta name="application-name">`, lower-cased, if any. */
export function applicationName(document: Document): string | undefined {
  return document
    .querySelector('meta[name="application-name"]')
    ?.getAttribute('content')
    ?.trim()
    .toLowerCase();
}
