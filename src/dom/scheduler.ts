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

/** Yields with a plain task, behind those already queued. */
function yieldToTasks(window: Window & typeof globalThis): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, 0));
}

export function yieldToPage(window: Window & typeof globalThis): Promise<void> {
  const scheduler = (window as { scheduler?: Partial<YieldingScheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof window.requestIdleCallback === 'function') {
    return new Promise((resolve) => {
      window.requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    });
  }
  return yieldToTasks(window);
}

/**
 * The background's answer about a large post arrives as a task, and a `scheduler.yield()`
 * continuation runs ahead of every task: through continuations alone the answer waited until
 * the rest of a long feed was done. So while a body waits for one, the queue yields with a plain
 * task after this many chunks in a row, for the answer to come in. (Only then: a plain task also
 * lets the browser render, and on a long feed every frame after our collapses costs the page.)
 */
export const CHUNKS_PER_ANSWER_TURN = 4;

/** Most bodies one chunk takes from the queue. */
const MAX_BATCH = 64;
/**
 * One queued body in this many is watched for the viewport, and stands for the bodies queued
 * after it (its group: in a feed, the posts below it). Watching every body of a long feed cost
 * an observation, an entry and an unobservation each, a few milliseconds per thousand posts.
 */
export const WATCH_EVERY = 8;

/**
 * A queue at least this long waits for the observer's first report on its watched bodies before
 * it is worked off (up to SORT_WAIT_MS): our `scheduler.yield()` continuations run ahead of the
 * page's other tasks, the observer's report among them, so without the wait a long feed would
 * be worked off in page order whatever is on screen. A shorter queue is done before it matters.
 */
const SORT_WAIT_BODIES = 4 * MAX_BATCH;
const SORT_WAIT_MS = 100;
/**
 * How far beyond the viewport "near" reaches, each way: three screens, so that a group of
 * WATCH_EVERY posts up to about seven screens tall has a watched body near whenever one of its
 * posts is on screen (a forwarded article with twenty paragraphs is over a screen by itself).
 */
const NEAR_MARGIN = '300% 0px';

/**
 * Share of a chunk's budget for reading its batch; writing takes the rest, and a post with
 * repeats takes many times what reading it did. Bodies read but not written in time are written
 * in a later chunk, without another read unless the page changed them meanwhile.
 */
const READ_SHARE = 0.4;
/** Bodies a scan adds between two looks at the clock. */
const SCAN_STEP = 32;

/**
 * The steps of processing one body (see `bodySteps`): `read` marks the end of its reading; a
 * step with `until` waits for work done elsewhere, and the body goes on once that has settled.
 */
export type BodySteps = Iterator<
  'pause' | 'read' | { readonly until: Promise<unknown> },
  unknown,
  void
>;

interface WatchGroup {
  /** The watched body first, then the bodies queued after it. */
  readonly bodies: Element[];
  /** The watched body of the group before, if it was still queued. */
  readonly previous: Element | null;
}

interface Started {
  readonly body: Element;
  readonly steps: BodySteps;
}

/**
 * A queue of bodies waiting to be processed, worked off in chunks of a few milliseconds.
 * Bodies near the viewport go first when an IntersectionObserver can tell (see WATCH_EVERY and
 * SORT_WAIT_BODIES); nothing here reads layout itself. Each chunk first reads bodies (the steps
 * of each up to its `read` mark; reading may ask for computed style) for part of its budget,
 * then writes them one by one until the budget is spent, so style is computed at most once
 * per chunk instead of once per body; bodies read but not written wait at their `read` mark
 * for the next chunk. A body too large for one chunk is processed in steps over
 * several chunks, and a body waiting for the background is set aside until its answer comes;
 * if the page changes such a body meanwhile, its steps are dropped and it is queued again.
 * Processed bodies leave the queue, so it holds no references to old posts.
 */
export class BodyQueue {
  /** Bodies read but not written in the last chunk, then those near the viewport, then the others. */
  private readonly again = new Set<Element>();
  /**
   * The steps of bodies in `again` whose reading was done, waiting at their `read` mark: they go
   * on from there unless the page changes the body first (see `add`).
   */
  private readonly readAhead = new Map<Element, BodySteps>();
  private readonly near = new Set<Element>();
  private readonly far = new Set<Element>();
  private readonly visibility: IntersectionObserver | null;
  /** The watched bodies, each with its group (see WATCH_EVERY). */
  private readonly groups = new Map<Element, WatchGroup>();
  /** The group that bodies queued now join while it has room and its watched body waits. */
  private lastGroup: WatchGroup | null = null;
  /** Settled by the observer's next report, while newly watched bodies wait for their first. */
  private report: { readonly arrived: Promise<void>; readonly settle: () => void } | null = null;
  private running: Promise<void> | null = null;
  /** Scans that still have bodies to add: a long feed's bodies are taken a chunk at a time. */
  private readonly scans: Iterator<Element, unknown, void>[] = [];
  /** A body whose steps did not fit in the last chunk, with its remaining steps. */
  private unfinished: Started | null = null;
  /** Bodies waiting for work done elsewhere, and those whose wait is over. */
  private readonly waiting = new Map<Element, BodySteps>();
  private readonly resumable: Started[] = [];
  /** Wakes the run loop when it sleeps until a wait is over. */
  private wake: (() => void) | null = null;

  constructor(
    private readonly window: Window & typeof globalThis,
    private readonly signal: AbortSignal,
    private readonly work: {
      /** Called before each chunk (to take pending mutation records). */
      readonly beforeChunk: () => void;
      /** Processes a body in steps, reading first (see `BodySteps`). */
      readonly process: (body: Element) => BodySteps;
      /** Called after each chunk (to drop the mutation records our own changes made). */
      readonly afterChunk: () => void;
    },
  ) {
    const Observer = window.IntersectionObserver;
    this.visibility =
      typeof Observer === 'function'
        ? new Observer((entries) => this.sortByVisibility(entries), { rootMargin: NEAR_MARGIN })
        : null;
    signal.addEventListener('abort', () => {
      this.dropUnfinished();
      for (const steps of this.waiting.values()) steps.return?.(undefined);
      this.waiting.clear();
      for (const steps of this.readAhead.values()) steps.return?.(undefined);
      this.readAhead.clear();
      this.resumable.length = 0;
      this.wake?.();
      this.scans.length = 0;
      this.visibility?.disconnect();
      this.groups.clear();
      this.lastGroup = null;
      this.report?.settle();
      this.again.clear();
      this.near.clear();
      this.far.clear();
    });
  }

  add(body: Element): void {
    // The page changed a body we are halfway through: start it over.
    if (this.unfinished?.body === body) this.dropUnfinished();
    this.readAhead.get(body)?.return?.(undefined);
    this.readAhead.delete(body);
    this.waiting.get(body)?.return?.(undefined);
    this.waiting.delete(body);
    const resumable = this.resumable.findIndex((started) => started.body === body);
    if (resumable >= 0) this.resumable.splice(resumable, 1)[0]?.steps.return?.(undefined);
    if (this.signal.aborted || this.isQueued(body)) return;
    this.far.add(body);
    this.watch(body);
    this.start();
  }

  /** Watches one body in WATCH_EVERY for the viewport; the others join the last watched one's group. */
  private watch(body: Element): void {
    if (this.visibility === null) return;
    const group = this.lastGroup;
    if (
      group !== null &&
      group.bodies.length < WATCH_EVERY &&
      this.groups.has(group.bodies[0] as Element)
    ) {
      group.bodies.push(body);
      return;
    }
    const next: WatchGroup = { bodies: [body], previous: group?.bodies[0] ?? null };
    this.groups.set(body, next);
    this.lastGroup = next;
    this.visibility.observe(body);
    if (this.report === null) {
      let settle = (): void => {};
      const arrived = new Promise<void>((resolve) => {
        settle = resolve;
      });
      this.report = { arrived, settle };
    }
  }

  /** Waits for the observer's report, or SORT_WAIT_MS (a hidden tab renders nothing). */
  private async waitForReport(): Promise<void> {
    const report = this.report;
    if (report === null) return;
    const timer = this.window.setTimeout(report.settle, SORT_WAIT_MS);
    await report.arrived;
    this.window.clearTimeout(timer);
    if (this.report === report) this.report = null;
  }

  private queuedCount(): number {
    return this.again.size + this.near.size + this.far.size;
  }

  /**
   * Queues the bodies `bodies` yields, taking them in the queue's chunks: finding and
   * observing every body of a long feed at once would be one long task.
   */
  addAll(bodies: Iterable<Element>): void {
    if (this.signal.aborted) return;
    this.scans.push(bodies[Symbol.iterator]());
    this.start();
  }

  /** Starts the run loop, or wakes it where it sleeps until a wait is over. */
  private start(): void {
    this.wake?.();
    this.running ??= this.run();
  }

  /** Resolves when the queue is empty (used by tests and by callers that report counts). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private isQueued(body: Element): boolean {
    return this.again.has(body) || this.near.has(body) || this.far.has(body);
  }

  /**
   * A watched body near the viewport brings its group forward, and the group before it: the
   * bodies between two watched ones may be on screen while only the later one is near.
   */
  private sortByVisibility(entries: readonly IntersectionObserverEntry[]): void {
    this.report?.settle();
    this.report = null;
    for (const entry of entries) {
      const group = this.groups.get(entry.target);
      if (group === undefined) continue;
      const [from, to] = entry.isIntersecting ? [this.far, this.near] : [this.near, this.far];
      const before =
        entry.isIntersecting && group.previous ? this.groups.get(group.previous) : undefined;
      for (const body of [...(before?.bodies ?? []), ...group.bodies]) {
        if (from.delete(body)) to.add(body);
      }
    }
  }

  /** The next bodies to process: those put back first, then near the viewport, then the rest. */
  private nextBatch(): Element[] {
    const batch: Element[] = [];
    for (const queue of [this.again, this.near, this.far]) {
      for (const body of queue) {
        if (batch.length >= MAX_BATCH) return batch;
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

  /**
   * Runs a body's steps until they finish or wait (true), or the deadline passes (false). A
   * body that waits is set aside until its wait is over.
   */
  private runSteps({ body, steps }: Started, deadline: number): boolean {
    const clock = this.window.performance;
    for (;;) {
      const step = steps.next();
      if (step.done) return true;
      if (typeof step.value === 'object') {
        this.waitFor({ body, steps }, step.value.until);
        return true;
      }
      if (clock.now() >= deadline) return false;
    }
  }

  private waitFor(started: Started, until: Promise<unknown>): void {
    this.waiting.set(started.body, started.steps);
    const resume = (): void => {
      // Dropped meanwhile: the page changed the body, or we stopped.
      if (this.waiting.get(started.body) !== started.steps) return;
      this.waiting.delete(started.body);
      this.resumable.push(started);
      this.start();
    };
    until.then(resume, resume);
  }

  /** Runs steps up to their `read` mark: 'read', 'done' (nothing to write), or 'late'. */
  private readUntil(steps: BodySteps, deadline: number): 'read' | 'done' | 'late' {
    const clock = this.window.performance;
    for (;;) {
      const step = steps.next();
      if (step.done) return 'done';
      if (step.value === 'read') return 'read';
      if (clock.now() >= deadline) return 'late';
    }
  }

  private remove(body: Element): void {
    this.again.delete(body);
    this.near.delete(body);
    this.far.delete(body);
    // A processed watched body ends its group: the rest of it is about to follow anyway.
    if (this.groups.delete(body)) this.visibility?.unobserve(body);
  }

  /**
   * Takes back bodies not written: they go first next time, in their order, ahead of bodies put
   * back before (those were taken after them). Bodies whose reading was done keep their steps
   * (`readAhead`); the steps of a body whose reading did not fit are dropped.
   */
  private putBack(started: readonly Started[], readingDone: boolean): void {
    const earlier = [...this.again];
    this.again.clear();
    for (const { body, steps } of started) {
      if (readingDone) this.readAhead.set(body, steps);
      else steps.return?.(undefined);
      this.again.add(body);
    }
    for (const body of earlier) this.again.add(body);
  }

  /**
   * One chunk of body work: read bodies while the reading share of the budget lasts, then write
   * them while the rest lasts. False when the queue is empty.
   */
  private processBatch(start: number, deadline: number): boolean {
    const clock = this.window.performance;
    const batch = this.nextBatch();
    if (batch.length === 0) return false;
    const readingEnds = start + CHUNK_BUDGET_MS * READ_SHARE;
    const read: Started[] = [];
    for (const body of batch) {
      if (read.length > 0 && clock.now() >= readingEnds) break;
      this.remove(body);
      const readBefore = this.readAhead.get(body);
      this.readAhead.delete(body);
      if (!body.isConnected) {
        readBefore?.return?.(undefined);
        continue;
      }
      if (readBefore) {
        read.push({ body, steps: readBefore });
        continue;
      }
      const steps = this.work.process(body);
      const reached = this.readUntil(steps, deadline);
      if (reached === 'read') read.push({ body, steps });
      if (reached !== 'late') continue;
      // A body whose reading did not fit: alone, it goes on next chunk; else it waits its turn.
      if (read.length === 0) this.unfinished = { body, steps };
      else this.putBack([{ body, steps }], false);
      break;
    }
    for (const [index, started] of read.entries()) {
      if (index > 0 && clock.now() >= deadline) {
        this.putBack(read.slice(index), true);
        break;
      }
      if (!this.runSteps(started, deadline)) {
        this.unfinished = started;
        this.putBack(read.slice(index + 1), true);
        break;
      }
    }
    return true;
  }

  private async run(): Promise<void> {
    const clock = this.window.performance;
    let chunksInARow = 0;
    try {
      while (!this.signal.aborted) {
        if (this.waiting.size > 0 && chunksInARow >= CHUNKS_PER_ANSWER_TURN) {
          chunksInARow = 0;
          await yieldToTasks(this.window);
        } else {
          await yieldToPage(this.window);
        }
        if (this.scans.length === 0 && this.queuedCount() >= SORT_WAIT_BODIES) {
          await this.waitForReport();
        }
        if (this.signal.aborted) return;
        this.work.beforeChunk();
        const start = clock.now();
        const deadline = start + CHUNK_BUDGET_MS;
        const unfinished = this.unfinished ?? this.resumable.shift() ?? null;
        this.unfinished = null;
        if (this.scans.length > 0) {
          this.unfinished = unfinished;
          this.scanUntil(deadline);
        } else if (unfinished) {
          if (!this.runSteps(unfinished, deadline)) this.unfinished = unfinished;
        } else if (!this.processBatch(start, deadline)) {
          if (this.waiting.size === 0) return;
          // Nothing to do but bodies waiting for the background: sleep until one is back.
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
          this.wake = null;
          continue;
        }
        this.work.afterChunk();
        chunksInARow++;
      }
    } finally {
      this.running = null;
    }
  }
}
