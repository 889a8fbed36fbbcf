import { afterEach, describe, expect, it } from 'vitest';
import { analysePost } from '../../src/core/analyse';
import { observePage } from '../../src/dom/observer';
import type { ProcessOptions } from '../../src/dom/process';
import { CHUNKS_PER_ANSWER_TURN, WATCH_EVERY } from '../../src/dom/scheduler';
import { doubledParagraphs, OPTIONS, PARAGRAPHS, page, post, testSite } from './helpers';

const controllers: AbortController[] = [];
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
});

/**
 * Reports targets inside `.near` as intersecting, the way a browser would after `observe`: at
 * once (a microtask per target), or like a browser's rendering update, all targets observed
 * so far in one report `reportAfterMs` later. Returns the targets observed.
 */
function installFakeIntersectionObserver(
  window: Window & typeof globalThis,
  reportAfterMs?: number,
): Element[] {
  const observed: Element[] = [];
  class FakeIntersectionObserver {
    private pending: Element[] = [];
    constructor(private readonly callback: IntersectionObserverCallback) {}
    observe(target: Element): void {
      observed.push(target);
      if (reportAfterMs === undefined) {
        queueMicrotask(() => this.report([target]));
        return;
      }
      if (this.pending.length === 0) {
        window.setTimeout(() => this.report(this.pending.splice(0)), reportAfterMs);
      }
      this.pending.push(target);
    }
    private report(targets: readonly Element[]): void {
      const entries = targets.map(
        (target) =>
          ({
            target,
            isIntersecting: target.closest('.near') !== null,
          }) as IntersectionObserverEntry,
      );
      this.callback(entries, this as unknown as IntersectionObserver);
    }
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.defineProperty(window, 'IntersectionObserver', { value: FakeIntersectionObserver });
  return observed;
}

/**
 * Replaces the window's clock with one that advances on every look, by up to 2 ms and now and
 * then by 20 ms (a pseudo-random sequence from `seed`), so chunks end at reproducible places.
 */
function installUnevenClock(window: Window & typeof globalThis, seed: number): void {
  let state = seed;
  let now = 0;
  const clock = {
    now: () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const draw = state / 2 ** 31;
      now += draw < 0.05 ? 20 : draw * 2;
      return now;
    },
  };
  Object.defineProperty(window, 'performance', { value: clock });
}

/** Starts observing `document` with the test site; `afterChunk` runs after each chunk. */
function observe(
  document: Document,
  afterChunk: () => void = () => {},
  options: ProcessOptions = OPTIONS,
) {
  const controller = new AbortController();
  controllers.push(controller);
  return observePage(document, testSite(), () => options, controller.signal, afterChunk);
}

/** Sections s0, s1, … holding a post each; those from `nearFrom` on for `near` posts are near. */
function feed(count: number, nearFrom: number, near: number, body: (n: number) => string) {
  const html = Array.from({ length: count }, (_, n) => {
    const place = n >= nearFrom && n < nearFrom + near ? 'near' : 'far';
    return `<section class="${place}" id="s${n}">${post(body(n))}</section>`;
  });
  return page(html.join(''));
}

/** The sections in the order their posts were analysed. */
async function processingOrder(document: Document): Promise<number[]> {
  const window = document.defaultView as Window & typeof globalThis;
  const order: number[] = [];
  const record = (target: Node) => order.push(sectionOf(target as Element));
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
  return order;
}

const sectionOf = (element: Element) => Number(element.closest('section')?.id.slice(1));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, n) => from + n);

describe('BodyQueue through observePage', () => {
  it('processes posts near the viewport first, watching one in WATCH_EVERY', async () => {
    // Four groups of posts; the third group's watched post (its first) is near the viewport.
    const count = 4 * WATCH_EVERY;
    const nearFrom = 2 * WATCH_EVERY;
    const document = feed(count, nearFrom, WATCH_EVERY, () => doubledParagraphs(2));
    const watched = installFakeIntersectionObserver(
      document.defaultView as Window & typeof globalThis,
    );
    const order = await processingOrder(document);
    expect(watched.map(sectionOf)).toEqual([0, 1, 2, 3].map((group) => group * WATCH_EVERY));
    // The near group and the group before it (its posts may be on screen too), then the rest.
    expect(order).toEqual([
      ...range(WATCH_EVERY, nearFrom + WATCH_EVERY),
      ...range(0, WATCH_EVERY),
      ...range(nearFrom + WATCH_EVERY, count),
    ]);
  });

  it('keeps that order wherever the chunks are cut', async () => {
    // A clock that runs unevenly, as on a busy machine, cuts the chunks at ever other places:
    // bodies read but not written then go back ahead of all others, in their order.
    const count = 4 * WATCH_EVERY;
    const nearFrom = 2 * WATCH_EVERY;
    const expected = [
      ...range(WATCH_EVERY, nearFrom + WATCH_EVERY),
      ...range(0, WATCH_EVERY),
      ...range(nearFrom + WATCH_EVERY, count),
    ];
    for (let seed = 1; seed <= 12; seed++) {
      const document = feed(count, nearFrom, WATCH_EVERY, () => doubledParagraphs(2));
      const window = document.defaultView as Window & typeof globalThis;
      installFakeIntersectionObserver(window);
      installUnevenClock(window, seed);
      expect(await processingOrder(document), `seed ${seed}`).toEqual(expected);
    }
  });

  it('waits for the viewport report before working off a long feed', async () => {
    // Forty groups; the report comes a "frame" later, after many of our yields would have run.
    const count = 40 * WATCH_EVERY;
    const nearFrom = 30 * WATCH_EVERY;
    const document = feed(count, nearFrom, WATCH_EVERY, (n) => `<p>Post number ${n} says hi.</p>`);
    installFakeIntersectionObserver(document.defaultView as Window & typeof globalThis, 20);
    const order = await processingOrder(document);
    expect(order.slice(0, 2 * WATCH_EVERY)).toEqual(
      range(nearFrom - WATCH_EVERY, nearFrom + WATCH_EVERY),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(range(0, count));
  });

  it("lets the background's answer about a large post in while a long feed is worked off", async () => {
    // A post of about 40,000 characters (large: analysed in the background), then 400 small ones.
    const large = PARAGRAPHS.map((text) => `<p>${text}</p>`)
      .join('')
      .repeat(70);
    const small = Array.from({ length: 400 }, (_, n) => post(`<p>Post number ${n} says hi.</p>`));
    const document = page(`<div id="large">${post(large + large)}</div>${small.join('')}`);
    const window = document.defaultView as Window & typeof globalThis;
    // As in a browser: a `scheduler.yield()` continuation runs ahead of every queued task, and
    // the answer comes as a task.
    Object.defineProperty(window, 'scheduler', { value: { yield: () => Promise.resolve() } });
    const options: ProcessOptions = {
      ...OPTIONS,
      analyseElsewhere: (blocks, analysis) =>
        new Promise((resolve) =>
          window.setTimeout(() => resolve(analysePost(blocks, analysis)), 0),
        ),
    };
    const largeBody = document.querySelector('#large .body') as Element;
    const analysed = () => document.querySelectorAll('[data-collapse-repeats]').length;
    // After each chunk until the large post has its state: how many others have theirs.
    const othersDone: number[] = [];
    await observe(
      document,
      () => {
        if (!largeBody.hasAttribute('data-collapse-repeats')) othersDone.push(analysed());
      },
      options,
    ).idle();
    expect(largeBody.getAttribute('data-collapse-repeats')).toBe('collapsed');
    expect(analysed()).toBe(401);
    // It collapsed within a few chunks of the question, not after the 400 other posts.
    expect(othersDone.at(-1)).toBeLessThan(400);
    expect(othersDone.length).toBeLessThan(4 * CHUNKS_PER_ANSWER_TURN);
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
