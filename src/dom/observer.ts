import { bodyOf } from '../sites/query';
import type { SiteAdapter } from '../sites/site';
import { isInsideOwnElement, isOwnElement } from './contract';
import { bodySteps, eachBody, findBodies, type ProcessOptions } from './process';
import { BodyQueue } from './scheduler';

/**
 * One MutationObserver per page. It turns DOM changes into a queue of post bodies; the queue
 * processes them in small chunks, visible posts first. A body whose text did not change is
 * skipped by `processBody`, so re-renders cost one read and never add a second bar.
 */

export interface PageObserver {
  /** Queues every body on the page (start, settings change, navigation). */
  rescan(): void;
  /** Resolves when every queued body has been processed. */
  idle(): Promise<void>;
}

/**
 * Additions of our own elements are our own doing. (Our own removals happen inside a chunk and
 * are dropped there, so a removed bar or clone means the page took it away.)
 */
function isOwnMutation(record: MutationRecord): boolean {
  if (isInsideOwnElement(record.target)) return true;
  return (
    record.type === 'childList' &&
    record.removedNodes.length === 0 &&
    record.addedNodes.length > 0 &&
    [...record.addedNodes].every(isOwnElement)
  );
}

function removesOwnElement(record: MutationRecord): boolean {
  return [...record.removedNodes].some(isOwnElement);
}

export function observePage(
  document: Document,
  adapter: SiteAdapter,
  options: () => ProcessOptions,
  signal: AbortSignal,
  onCountChange: () => void,
): PageObserver {
  const window = document.defaultView;
  if (!window) throw new Error('The document has no window');
  let lastUrl = document.location.href;

  const queue = new BodyQueue(window, signal, {
    beforeChunk: () => handle(mutations.takeRecords()),
    process: (body) => bodySteps(body, adapter, options()),
    afterChunk: () => {
      // Everything recorded since the chunk started is our own apply/restore work.
      mutations.takeRecords();
      onCountChange();
    },
  });

  const rescan = (): void => queue.addAll(eachBody(document, adapter));

  /**
   * The body of the post around `node`, if `node` is inside that body (or anywhere in the post,
   * when the page removed our bar or clone there: the body must be checked again).
   */
  const queueBodyAround = (node: Node, anywhereInPost: boolean): void => {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    const post = element?.closest(adapter.post);
    if (!element || !post) return;
    const body = bodyOf(adapter, post);
    if (!body || isInsideOwnElement(body)) return;
    if (anywhereInPost || body.contains(element)) queue.add(body);
  };

  const handle = (records: readonly MutationRecord[]): void => {
    if (document.location.href !== lastUrl) {
      // SPA navigation: the set of bodies may have changed wholesale.
      lastUrl = document.location.href;
      rescan();
    }
    let removed = false;
    for (const record of records) {
      if (isOwnMutation(record)) continue;
      removed ||= record.removedNodes.length > 0;
      queueBodyAround(record.target, removesOwnElement(record));
      for (const added of record.addedNodes) {
        if (added.nodeType !== 1 || isOwnElement(added)) continue;
        const element = added as Element;
        if (element.matches(adapter.post)) {
          const body = bodyOf(adapter, element);
          if (body) queue.add(body);
        }
        for (const body of findBodies(element, adapter)) queue.add(body);
      }
    }
    // A removed post may have been a collapsed one: the count changes.
    if (removed) onCountChange();
  };

  const mutations = new window.MutationObserver(handle);
  mutations.observe(document, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => mutations.disconnect());
  rescan();
  return { rescan, idle: () => queue.idle() };
}
