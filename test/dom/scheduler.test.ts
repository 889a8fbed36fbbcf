import { afterEach, describe, expect, it } from 'vitest';
import { observePage } from '../../src/dom/observer';
import { doubledParagraphs, OPTIONS, page, post, testSite } from './helpers';

const controllers: AbortController[] = [];
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
});

/** Reports `.near` targets as intersecting, the way a browser would after `observe`. */
function installFakeIntersectionObserver(window: Window & typeof globalThis): void {
  class FakeIntersectionObserver {
    constructor(private readonly callback: IntersectionObserverCallback) {}
    observe(target: Element): void {
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
}

describe('BodyQueue through observePage', () => {
  it('processes posts near the viewport first', async () => {
    const html = [1, 2, 3, 4]
      .map(
        (n) =>
          `<section class="${n >= 3 ? 'near' : 'far'}" id="s${n}">${post(doubledParagraphs(2))}</section>`,
      )
      .join('');
    const document = page(html);
    const window = document.defaultView as Window & typeof globalThis;
    installFakeIntersectionObserver(window);
    const order: string[] = [];
    const recorder = new window.MutationObserver((records) => {
      for (const record of records)
        order.push((record.target as Element).closest('section')?.id ?? '');
    });
    recorder.observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-collapse-repeats'],
    });
    const controller = new AbortController();
    controllers.push(controller);
    const observer = observePage(
      document,
      testSite(),
      () => OPTIONS,
      controller.signal,
      () => {},
    );
    await observer.idle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    recorder.takeRecords().forEach((record) => {
      order.push((record.target as Element).closest('section')?.id ?? '');
    });
    expect(order).toEqual(['s3', 's4', 's1', 's2']);
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
    const controller = new AbortController();
    controllers.push(controller);
    const observer = observePage(
      document,
      testSite(),
      () => OPTIONS,
      controller.signal,
      () => analysedAtChunk.push(document.querySelectorAll('[data-collapse-repeats]').length),
    );
    await observer.idle();
    const scanChunks = analysedAtChunk.findIndex((analysed) => analysed > 0);
    expect(scanChunks).toBeGreaterThan(1);
    expect(document.querySelectorAll('[data-collapse-repeats="clean"]')).toHaveLength(posts);
  });
});
