import { afterEach, describe, expect, it } from 'vitest';
import { BodyQueue } from '../../src/dom/scheduler';
import { page } from './helpers';

/**
 * The queue's chunks: every body of a batch is read before any is written, and a body read
 * but not written in time is read again later and written once.
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

  it('reads again, and writes once, a body it read but had no time left to write', async () => {
    // A clock that moves two milliseconds each time it is read: chunks run out of time fast.
    let now = 0;
    const { document, queue, log } = queueOver(6, () => (now += 2));
    for (const body of document.querySelectorAll('p')) queue.add(body);
    await queue.idle();
    const writes = log.filter((entry) => entry.startsWith('write'));
    expect(writes).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5'].map((id) => `write ${id}`));
    // Some body was read more than once: put back, then read again before it was written.
    expect(log.filter((entry) => entry.startsWith('read')).length).toBeGreaterThan(6);
    for (const [index, entry] of log.entries()) {
      if (!entry.startsWith('write')) continue;
      const id = entry.slice('write '.length);
      const lastRead = log.lastIndexOf(`read ${id}`, index);
      const chunkStart = log.lastIndexOf('chunk', index);
      // Written in the chunk that read it.
      expect(lastRead).toBeGreaterThan(chunkStart);
    }
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
});
