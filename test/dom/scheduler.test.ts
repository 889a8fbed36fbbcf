import { afterEach, describe, expect, it } from 'vitest';
import { observePage } from '../../src/dom/observer';
import { WATCH_EVERY } from '../../src/dom/scheduler';
import { doubledParagraphs, OPTIONS, page, post, testSite } from './helpers';

const controllers: AbortController[] = [];
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
});

/**
 * Reports targets inside `.near` as intersecting, the way a browser would after `observe`.
 * Returns the targets observed.
 */
function installFakeIntersectionObserver(window: Window & typeof globalThis): Element[] {
  const observed: Element[] = [];
  class FakeIntersectionObserver {
    constructor(private readonly callback: IntersectionObserverCallback) {}
    observe(target: Element): void {
      observed.push(target);
      queueMicrotask(() =>
        this.callback(
          [
            {
              target,
              isIntersecting: target.closest('.near') !== null,
            } as IntersectionObserverEntry,
          ],
          this as unknown as IntersectionObserver,
        ),
      );
    }
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.defineProperty(window, 'IntersectionObserver', { value: FakeIntersectionObserver });
  return observed;
}

/** Starts observing `document` with the test site; `afterChunk` runs after each chunk. */
function observe(document: Document, afterChunk: () => void = () => {}) {
  const controller = new AbortController();
  controllers.push(controller);
  return observePage(document, testSite(), () => OPTIONS, controller.signal, afterChunk);
}

describe('BodyQueue through observePage', () => {
  it('processes posts near the viewport first, watching one in WATCH_EVERY', async () => {
    // Four groups of posts; the third group's watched post (its first) is near the viewport.
    const count = 4 * WATCH_EVERY;
    const nearFrom = 2 * WATCH_EVERY;
    const html = Array.from(
      { length: count },
      (_, n) =>
        `<section class="${n >= nearFrom && n < nearFrom + WATCH_EVERY ? 'near' : 'far'}" id="s${n}">${post(doubledParagraphs(2))}</section>`,
    ).join('');
    const document = page(html);
    const window = document.defaultView as Window & typeof globalThis;
    const watched = installFakeIntersectionObserver(window);
    const order: number[] = [];
    const record = (target: Node) => {
      const id = (target as Element).closest('section')?.id ?? '';
      order.push(Number(id.slice(1)));
    };
    const recorder = new window.MutationObserver((records) => {
      for (const { target } of records) record(target);
    });
    recorder.observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-collapse-repeats'],
    });
    await observe(document).idle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const { target } of recorder.takeRecords()) record(target);
    const sectionOf = (element: Element) => Number(element.closest('section')?.id.slice(1));
    expect(watched.map(sectionOf)).toEqual([0, 1, 2, 3].map((group) => group * WATCH_EVERY));
    // The near group and the group before it (its posts may be on screen too), then the rest.
    const range = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, n) => from + n);
    expect(order).toEqual([
      ...range(WATCH_EVERY, nearFrom + WATCH_EVERY),
      ...range(0, WATCH_EVERY),
      ...range(nearFrom + WATCH_EVERY, count),
    ]);
  });

  it('spreads the first scan of a long feed over chunks, then processes every post', async () => {
    const posts = 200;
    const html = Array.from({ length: posts }, (_, n) => post(`<p>Post number ${n} says hi.</p>`));
    const document = page(html.join(''));
    const window = document.defaultView as Window & typeof globalThis;
    // A clock that moves one millisecond each time it is read: every chunk runs out of time.
    let now = 0;
    Object.defineProperty(window.performance, 'now', { value: () => ++now });
    const analysedAtChunk: number[] = [];
    await observe(document, () =>
      analysedAtChunk.push(document.querySelectorAll('[data-collapse-repeats]').length),
    ).idle();
    const scanChunks = analysedAtChunk.findIndex((analysed) => analysed > 0);
    expect(scanChunks).toBeGreaterThan(1);
    expect(document.querySelectorAll('[data-collapse-repeats="clean"]')).toHaveLength(posts);
  });
});
