/**
 * The names of the DOM contract (see docs/architecture.md). Pages and user styles may
 * rely on them, so they never change casually.
 */

/** On each analysed post body: `clean`, `collapsed` or `expanded`. */
export const STATE_ATTRIBUTE = 'data-collapse-repeats';
/**
 * On page elements that hold repeats and on our own spans inside a clone: `repeat` (hidden)
 * while the post is collapsed, `shown` while it is expanded; `split` (always hidden) on a page
 * element that mixes repeats with kept text and is shown as a clone instead. Each mark carries
 * the state itself, so the stylesheet never matches through ancestors (Firefox recursion on
 * very deep posts).
 */
export const HIDDEN_ATTRIBUTE = 'data-collapse-repeats-hidden';
/** On the bar: the article link shown in its badge. */
export const ARTICLE_URL_ATTRIBUTE = 'data-article-url';

export const BAR_TAG = 'collapse-repeats-bar';
/** After the last repeat of an expanded post: a second Hide button, so nobody scrolls back up. */
export const END_TAG = 'collapse-repeats-end';
export const CLONE_TAG = 'collapse-repeats-clone';

export type BodyState = 'clean' | 'collapsed' | 'expanded';

/** Whether a node is one of the elements we insert (the bar or a clone). */
export function isOwnElement(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const tag = (node as Element).localName;
  return tag === BAR_TAG || tag === CLONE_TAG || tag === END_TAG;
}

/** Whether a node is one of ours or sits inside one. */
export function isInsideOwnElement(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(`${BAR_TAG},${CLONE_TAG},${END_TAG}`) != null;
}
