/**
 * A site adapter says where a client keeps each post's text. It is data first: selectors,
 * with a `detect` hook only for self-hosted software on domains we cannot list.
 */
export interface SiteAdapter {
  /** Stable id, used in settings, logs and fixture folder names. */
  readonly id: string;
  /** Human name for the options page and README. */
  readonly name: string;
  /**
   * Match patterns of the well-known hosts. They go into the manifest's `content_scripts`.
   * Empty for adapters that only run where the user enables them (generic, detected software).
   */
  readonly matches: readonly string[];
  /** Recognises the client's software on any domain, from the document alone. */
  readonly detect?: (document: Document) => boolean;
  /** Selector of one post (the unit that gets one bar). */
  readonly post: string;
  /** Selector, inside a post, of the element holding the post's own text. */
  readonly body: string;
  /**
   * Selector of elements inside a body that are not the post's own text: link-preview cards,
   * quoted posts, hidden helper text. They are skipped when reading blocks.
   */
  readonly exclude?: string;
  /** Raw "\n" inside text nodes is a visible line break (white-space: pre-wrap clients). */
  readonly preformatted?: boolean;
  /** URLs of pages this adapter claims; a test checks that no other adapter claims them. */
  readonly examples: readonly string[];
}

export function defineSite(site: SiteAdapter): SiteAdapter {
  return Object.freeze(site);
}
