/**
 * Gives the page the main thread back between chunks of work: `scheduler.yield()` where it
 * exists, else an idle callback (with a timeout, so work still happens in busy or background
 * tabs), else a plain task.
 */

interface YieldingScheduler {
  yield(): Promise<void>;
}

/** Longest we let an idle callback wait before our work runs anyway. */
const IDLE_TIMEOUT_MS = 300;

/** A chunk of our work stays well under the 50 ms of a long task. */
export const CHUNK_BUDGET_MS = 6;

export function yieldToPage(window: Window & typeof globalThis): Promise<void> {
  const scheduler = (window as { scheduler?: Partial<YieldingScheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof window.requestIdleCallback === 'function') {
    return new Promise((resolve) => {
      window.requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    });
  }
  return new Promise((resolve) => window.setTimeout(resolve, 0));
}

/**
 * A queue of bodies waiting to be processed, worked off in chunks of a few milliseconds.
 * Bodies near the viewport go first when an IntersectionObserver can tell; nothing here reads
 * layout itself. Processed bodies leave the queue, so it holds no references to old posts.
 */
export class BodyQueue {
  private readonly queued = new Set<Element>();
  private readonly nearViewport = new WeakSet<Element>();
  private readonly visibility: IntersectionObserver | null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly window: Window & typeof globalThis,
    private readonly signal: AbortSignal,
    private readonly work: {
      /** Called before each chunk (to take pending mutation records). */
      readonly beforeChunk: () => void;
      readonly process: (body: Element) => void;
      /** Called after each chunk (to drop the mutation records our own changes made). */
      readonly afterChunk: () => void;
    },
  ) {
    const Observer = window.IntersectionObserver;
    this.visibility =
      typeof Observer === 'function'
        ? new Observer(
            (entries) => {
              for (const entry of entries) {
                if (entry.isIntersecting) this.nearViewport.add(entry.target);
                else this.nearViewport.delete(entry.target);
              }
            },
            { rootMargin: '100% 0px' },
          )
        : null;
    signal.addEventListener('abort', () => {
      this.visibility?.disconnect();
      this.queued.clear();
    });
  }

  add(body: Element): void {
    if (this.signal.aborted || this.queued.has(body)) return;
    this.queued.add(body);
    this.visibility?.observe(body);
    this.running ??= this.run();
  }

  /** Resolves when the queue is empty (used by tests and by callers that report counts). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private next(): Element[] {
    const near: Element[] = [];
    const far: Element[] = [];
    for (const body of this.queued) (this.nearViewport.has(body) ? near : far).push(body);
    return near.concat(far);
  }

  private async run(): Promise<void> {
    try {
      while (!this.signal.aborted) {
        await yieldToPage(this.window);
        if (this.signal.aborted) return;
        this.work.beforeChunk();
        if (this.queued.size === 0) return;
        const deadline = this.window.performance.now() + CHUNK_BUDGET_MS;
        for (const body of this.next()) {
          this.queued.delete(body);
          this.visibility?.unobserve(body);
          if (body.isConnected) this.work.process(body);
          if (this.window.performance.now() >= deadline) break;
        }
        this.work.afterChunk();
      }
    } finally {
      this.running = null;
    }
  }
}
