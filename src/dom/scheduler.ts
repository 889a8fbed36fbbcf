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

/** Bodies read ahead per chunk at first, before the queue has measured what a body costs. */
const FIRST_BATCH = 8;
const MAX_BATCH = 64;
/** Bodies a scan adds between two looks at the clock. */
const SCAN_STEP = 32;

/**
 * A queue of bodies waiting to be processed, worked off in chunks of a few milliseconds.
 * Bodies near the viewport go first when an IntersectionObserver can tell; nothing here reads
 * layout itself. Each chunk first reads a batch of bodies (`read`, which may ask for computed
 * style), then writes them one by one (`process`) until the budget is spent, so style is
 * computed at most once per chunk instead of once per body. The batch size follows the
 * measured cost of a body. A body too large for one chunk is processed in steps over several
 * chunks; if the page changes it meanwhile, its steps are dropped and it is queued again.
 * Processed bodies leave the queue, so it holds no references to old posts.
 */
export class BodyQueue<Read> {
  /** Queued bodies near the viewport, and the others, each in the order they came. */
  private readonly near = new Set<Element>();
  private readonly far = new Set<Element>();
  private readonly visibility: IntersectionObserver | null;
  private running: Promise<void> | null = null;
  /** Bodies that fit in one chunk, from the time the last chunks took per body. */
  private batchSize = FIRST_BATCH;
  /** Scans that still have bodies to add: a long feed's bodies are taken a chunk at a time. */
  private readonly scans: Iterator<Element, unknown, void>[] = [];
  /** A body whose steps did not fit in the last chunk, with its remaining steps. */
  private unfinished: { body: Element; steps: Iterator<void, unknown, void> } | null = null;

  constructor(
    private readonly window: Window & typeof globalThis,
    private readonly signal: AbortSignal,
    private readonly work: {
      /** Called before each chunk (to take pending mutation records). */
      readonly beforeChunk: () => void;
      /** Reads what processing needs from the page, before any body of the chunk is written. */
      readonly read: (body: Element) => Read;
      /**
       * Processes a body in steps: the queue runs them until the chunk's budget is spent and
       * resumes them in the next chunk.
       */
      readonly process: (body: Element, read: Read) => Iterator<void, unknown, void>;
      /** Called after each chunk (to drop the mutation records our own changes made). */
      readonly afterChunk: () => void;
    },
  ) {
    const Observer = window.IntersectionObserver;
    this.visibility =
      typeof Observer === 'function'
        ? new Observer((entries) => this.sortByVisibility(entries), { rootMargin: '100% 0px' })
        : null;
    signal.addEventListener('abort', () => {
      this.dropUnfinished();
      this.scans.length = 0;
      this.visibility?.disconnect();
      this.near.clear();
      this.far.clear();
    });
  }

  add(body: Element): void {
    // The page changed a body we are halfway through: start it over.
    if (this.unfinished?.body === body) this.dropUnfinished();
    if (this.signal.aborted || this.near.has(body) || this.far.has(body)) return;
    this.far.add(body);
    this.visibility?.observe(body);
    this.running ??= this.run();
  }

  /**
   * Queues the bodies `bodies` yields, taking them in the queue's chunks: finding and
   * observing every body of a long feed at once would be one long task.
   */
  addAll(bodies: Iterable<Element>): void {
    if (this.signal.aborted) return;
    this.scans.push(bodies[Symbol.iterator]());
    this.running ??= this.run();
  }

  /** Resolves when the queue is empty (used by tests and by callers that report counts). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private sortByVisibility(entries: readonly IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const body = entry.target;
      const [from, to] = entry.isIntersecting ? [this.far, this.near] : [this.near, this.far];
      if (from.delete(body)) to.add(body);
    }
  }

  /** The next bodies to process, near the viewport first. */
  private nextBatch(): Element[] {
    const batch: Element[] = [];
    for (const queue of [this.near, this.far]) {
      for (const body of queue) {
        if (batch.length >= this.batchSize) return batch;
        batch.push(body);
      }
    }
    return batch;
  }

  private dropUnfinished(): void {
    this.unfinished?.steps.return?.(undefined);
    this.unfinished = null;
  }

  /** Adds bodies from the pending scans until they are done or the deadline passes. */
  private scanUntil(deadline: number): void {
    const clock = this.window.performance;
    for (let taken = 1; this.scans.length > 0; taken++) {
      const scan = this.scans[0] as Iterator<Element, unknown, void>;
      const next = scan.next();
      if (next.done) this.scans.shift();
      else this.add(next.value);
      if (taken % SCAN_STEP === 0 && clock.now() >= deadline) return;
    }
  }

  /** Runs steps until they finish (true) or the deadline passes (false). */
  private runSteps(steps: Iterator<void, unknown, void>, deadline: number): boolean {
    const clock = this.window.performance;
    for (;;) {
      if (steps.next().done) return true;
      if (clock.now() >= deadline) return false;
    }
  }

  private remove(body: Element): void {
    this.near.delete(body);
    this.far.delete(body);
    this.visibility?.unobserve(body);
  }

  private async run(): Promise<void> {
    const clock = this.window.performance;
    try {
      while (!this.signal.aborted) {
        await yieldToPage(this.window);
        if (this.signal.aborted) return;
        this.work.beforeChunk();
        const start = clock.now();
        const deadline = start + CHUNK_BUDGET_MS;
        if (this.scans.length > 0) {
          this.scanUntil(deadline);
          this.work.afterChunk();
          continue;
        }
        const unfinished = this.unfinished;
        if (unfinished) {
          if (this.runSteps(unfinished.steps, deadline)) this.unfinished = null;
          this.work.afterChunk();
          continue;
        }
        const batch = this.nextBatch();
        if (batch.length === 0) return;
        for (const body of batch) if (!body.isConnected) this.remove(body);
        const reads = batch
          .filter((body) => body.isConnected)
          .map((body) => ({ body, read: this.work.read(body) }));
        let done = 0;
        for (const { body, read } of reads) {
          this.remove(body);
          const steps = this.work.process(body, read);
          if (!this.runSteps(steps, deadline)) {
            this.unfinished = { body, steps };
            break;
          }
          done++;
          if (clock.now() >= deadline) break;
        }
        if (done > 0) {
          const perBody = (clock.now() - start) / done;
          this.batchSize = Math.max(1, Math.min(MAX_BATCH, Math.floor(CHUNK_BUDGET_MS / perBody)));
        }
        this.work.afterChunk();
      }
    } finally {
      this.running = null;
    }
  }
}
