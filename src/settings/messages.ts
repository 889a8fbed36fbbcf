/**
 * Messages between the content script, the background and the popup. Shared here because
 * every extension-side layer may import settings, and nothing else is shared by all of them.
 */

/** What the content script collapsed on its page. */
export interface PageCount {
  /** Posts with at least one collapsed run. */
  readonly posts: number;
  /** Paragraphs (blocks) hidden across those posts. */
  readonly paragraphs: number;
}

export type Message =
  /** content → background: the page's count changed. */
  | { readonly type: 'collapse-repeats:count'; readonly count: PageCount }
  /** popup → content: answer with the page's count. */
  | { readonly type: 'collapse-repeats:get-count' }
  /** popup → content: expand every collapsed post on the page. Answer with the new `PageCount`. */
  | { readonly type: 'collapse-repeats:show-all' }
  /**
   * options → content: count what a custom site's selectors match on this page, without
   * changing anything. Answer with a `SelectorTest`, or `null` when a selector doesn't parse.
   */
  | {
      readonly type: 'collapse-repeats:test-selectors';
      readonly post: string;
      readonly body: string;
    };

/** What a custom site's selectors match on a page. */
export interface SelectorTest {
  /** Elements that match the post selector. */
  readonly posts: number;
  /** Of those posts, how many contain an element matching the body selector. */
  readonly bodies: number;
}

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    (value as { type: string }).type.startsWith('collapse-repeats:')
  );
}
