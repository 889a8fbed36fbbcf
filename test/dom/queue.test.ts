import { afterEach, describe, expect, it } from 'vitest';
import { type BodyOutcome, type BodyStep, bodySteps } from '../../src/dom/process';
import { BodyQueue } from '../../src/dom/scheduler';
import { doubledParagraphs, OPTIONS, page, post, testSite } from './helpers';

/**
 * The queue's chunks: every body of a batch is read before any is written, and a body read
 * but not written in time is written in a later chunk, read again only if the page changed it.
 */

const controllers: AbortController[] = [];
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
});

function queueOver(bodies: number, clock?: () => number) {
  const document = page(
    Array.from({ length: bodies }, (_, n) => `<p id="b${n}">${n}</p>`).join(''),
  );
  const window = document.defaultView as Window & typeof globalThis;
  if (clock) Object.defineProperty(window.performance, 'now', { value: clock });
  const log: string[] = [];
  const controller = new AbortController();
  controllers.push(controller);
  const queue = new BodyQueue(window, controller.signal, {
    beforeChunk: () => log.push('chunk'),
    afterChunk: () => {},
    *process(body: Element): Generator<'pause' | 'read', void, void> {
      log.push(`read ${body.id}`);
      yield 'read';
      log.push(`write ${body.id}`);
    },
  });
  return { document, queue, log };
}

/** A page of six posts whose paragraphs are all said twice. */
const sixRepeatingPosts = () =>
  page(Array.from({ length: 6 }, () => post(doubledParagraphs(2))).join(''));

/**
 * Works off every body of `document` with a clock that stands still while bodies are read and
 * jumps past the deadline whenever one is written: each chunk reads all it can, then writes one
 * body. Counts the reads of each body; `afterChunk` runs after each chunk with the queue.
 */
async function writeOnePerChunk(
  document: Document,
  afterChunk: (queue: BodyQueue, chunk: number) => void = () => {},
) {
  const window = document.defaultView as Window & typeof globalThis;
  let now = 0;
  Object.defineProperty(window, 'performance', { value: { now: () => now } });
  const reads = new Map<Element, number>();
  function* written(steps: Generator<BodyStep, BodyOutcome, void>) {
    const outcome = yield* steps;
    now += 100;
    return outcome;
  }
  const controller = new AbortController();
  controllers.push(controller);
  let chunk = 0;
  const queue: BodyQueue = new BodyQueue(window, controller.signal, {
    beforeChunk: () => {},
    process: (body) => {
      reads.set(body, (reads.get(body) ?? 0) + 1);
      return written(bodySteps(body, testSite(), OPTIONS));
    },
    afterChunk: () => afterChunk(queue, ++chunk),
  });
  queue.addAll(document.querySelectorAll('.body'));
  await queue.idle();
  return reads;
}

describe('BodyQueue', () => {
  it('reads every body of a chunk before it writes any', async () => {
    const { document, queue, log } = queueOver(4);
    for (const body of document.querySelectorAll('p')) queue.add(body);
    await queue.idle();
    expect(log).toEqual([
      'chunk',
      ...['read b0', 'read b1', 'read b2', 'read b3'],
      ...['write b0', 'write b1', 'write b2', 'write b3'],
      'chunk',
    ]);
  });

  it('sets a waiting body aside, goes on with the others, and finishes it when the wait is over', async () => {
    const document = page('<p id="slow">slow</p><p id="a">a</p><p id="b">b</p>');
    const window = document.defaultView as Window & typeof globalThis;
    const log: string[] = [];
    let release = (): void => {};
    const answer = new Promise<void>((resolve) => {
      release = resolve;
    });
    const controller = new AbortController();
    controllers.push(controller);
    const queue = new BodyQueue(window, controller.signal, {
      beforeChunk: () => {},
      afterChunk: () => {},
      *process(body: Element) {
        yield 'read' as const;
        if (body.id === 'slow') {
          yield { until: answer };
          log.push('slow after its wait');
          return;
        }
        log.push(body.id);
      },
    });
    for (const body of document.querySelectorAll('p')) queue.add(body);
    let idle = false;
    const done = queue.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(['a', 'b']);
    expect(idle).toBe(false);
    release();
    await done;
    expect(log).toEqual(['a', 'b', 'slow after its wait']);
  });

  it('drops a waiting body the page changed and processes it again', async () => {
    const document = page('<p id="post">text</p>');
    const window = document.defaultView as Window & typeof globalThis;
    const body = document.querySelector('p') as Element;
    const log: string[] = [];
    let release = (): void => {};
    const controller = new AbortController();
    controllers.push(controller);
    let round = 0;
    const queue = new BodyQueue(window, controller.signal, {
      beforeChunk: () => {},
      afterChunk: () => {},
      *process() {
        const mine = ++round;
        yield 'read' as const;
        if (mine === 1) {
          yield {
            until: new Promise<void>((resolve) => {
              release = resolve;
            }),
          };
        }
        log.push(`round ${mine} done`);
      },
    });
    queue.add(body);
    await new Promise((resolve) => setTimeout(resolve, 20));
    queue.add(body);
    await queue.idle();
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await queue.idle();
    expect(log).toEqual(['round 2 done']);
  });

  it('writes a body it read but had no time left to write in a later chunk, without reading it again', async () => {
    const document = sixRepeatingPosts();
    const reads = await writeOnePerChunk(document);
    const bodies = [...document.querySelectorAll('.body')];
    expect(bodies.map((body) => reads.get(body))).toEqual([1, 1, 1, 1, 1, 1]);
    for (const body of bodies) expect(body.getAttribute('data-collapse-repeats')).toBe('collapsed');
  });

  it('reads a body again when the page changed it while it waited to be written', async () => {
    const document = sixRepeatingPosts();
    const bodies = [...document.querySelectorAll('.body')];
    const changed = bodies[4] as Element;
    const reads = await writeOnePerChunk(document, (queue, chunk) => {
      // After the chunk that read every body and wrote the first, as the page observer would.
      if (chunk !== 2) return;
      changed.replaceChildren(document.createTextNode('One short line, said once.'));
      queue.add(changed);
    });
    expect(bodies.map((body) => reads.get(body))).toEqual([1, 1, 1, 1, 2, 1]);
    expect(changed.getAttribute('data-collapse-repeats')).toBe('clean');
    expect(
      bodies.filter((body) => body.getAttribute('data-collapse-repeats') === 'collapsed'),
    ).toHaveLength(5);
  });

  it('drops a body read ahead that the page removed before it was written', async () => {
    const document = sixRepeatingPosts();
    const bodies = [...document.querySelectorAll('.body')];
    const removed = bodies[3] as Element;
    const reads = await writeOnePerChunk(document, (_, chunk) => {
      if (chunk === 2) removed.closest('.post')?.remove();
    });
    expect(reads.get(removed)).toBe(1);
    expect(removed.hasAttribute('data-collapse-repeats')).toBe(false);
    expect(
      bodies.filter((body) => body.getAttribute('data-collapse-repeats') === 'collapsed'),
    ).toHaveLength(5);
  });
});
