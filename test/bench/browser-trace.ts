/**
 * Reads a Chrome trace (CDP Tracing, JSON events) of one page load and says how much of the
 * page's main thread went to the extension's script.
 *
 * - The page's main thread is the renderer thread named CrRendererMain in the process that
 *   committed the page (the one that evaluated the page's URL).
 * - Main-thread work is the sum of top-level tasks (RunTask) on that thread.
 * - JS entry points are the timeline's entry events (FunctionCall, EvaluateScript, TimerFire,
 *   FireIdleCallback, RunMicrotasks, ...). Only top-level ones are summed, so nested entries are
 *   never counted twice. An entry that names a script URL belongs to that script. An entry
 *   without one (microtasks, the continuation after `scheduler.yield()`) is split by the V8
 *   sampling profiler that runs in the same trace: the share of its samples whose stack holds a
 *   frame of the extension's script is the extension's share of its time. Entries nested in it
 *   that name a URL are attributed by that URL first.
 */

export interface TraceEvent {
  readonly name: string;
  readonly cat?: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly id?: string;
  readonly args?: Record<string, unknown>;
}

/** Event categories to record: the timeline, JS entry points and the sampling profiler. */
export const TRACE_CATEGORIES = [
  '__metadata',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
];

const JS_ENTRIES = new Set([
  'FunctionCall',
  'EvaluateScript',
  'v8.compile',
  'v8.callFunction',
  'v8.run',
  'TimerFire',
  'FireIdleCallback',
  'FireAnimationFrame',
  'RunMicrotasks',
  'RunYieldContinuation',
]);

const TOP_LEVEL_TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** The timeline's rendering steps: style, layout, pre-paint, paint, layerizing, commit. */
const RENDERING = new Set([
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
]);

export interface ThreadFigures {
  /** Sum of top-level task durations on the page's main thread, ms. */
  readonly mainThreadMs: number;
  /** The part of it spent rendering (RENDERING steps, outermost only), ms. */
  readonly renderingMs: number;
  /** The extension's share of top-level JS entry points, ms. */
  readonly extensionMs: number;
  /** The longest single top-level entry attributed to the extension (its extension part), ms. */
  readonly longestExtensionSliceMs: number;
  /** How many top-level entries had some extension time. */
  readonly extensionSlices: number;
}

interface Span {
  readonly event: TraceEvent;
  readonly start: number;
  readonly end: number;
  readonly children: Span[];
}

interface ProfileNode {
  readonly id: number;
  readonly parent?: number;
  readonly callFrame?: { readonly url?: string };
}

interface ChunkData {
  readonly cpuProfile?: { readonly nodes?: ProfileNode[]; readonly samples?: number[] };
  readonly timeDeltas?: number[];
}

const dataOf = (event: TraceEvent) =>
  (event.args?.data ?? event.args?.beginData ?? {}) as Record<string, unknown>;

const urlOf = (event: TraceEvent): string => {
  const url = dataOf(event).url;
  return typeof url === 'string' ? url : '';
};

/** The pid and tid of the main thread of the renderer that loaded `pageUrl`. */
function pageMainThread(events: readonly TraceEvent[], pageUrl: string) {
  const mainThreads = new Map<number, number>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name') {
      const name = (event.args as { name?: string } | undefined)?.name;
      if (name === 'CrRendererMain') mainThreads.set(event.pid, event.tid);
    }
  }
  const busy = new Map<number, number>();
  for (const event of events) {
    if (mainThreads.get(event.pid) !== event.tid) continue;
    if (urlOf(event) === pageUrl || event.name === 'ParseHTML') {
      busy.set(event.pid, (busy.get(event.pid) ?? 0) + 1);
    }
  }
  const [pid] = [...busy.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (pid === undefined) throw new Error(`no renderer main thread loaded ${pageUrl}`);
  return { pid, tid: mainThreads.get(pid) as number };
}

/** Nests complete events by time (a child lies within its parent). */
function nest(events: readonly TraceEvent[]): Span[] {
  const spans = events
    .filter((event) => event.ph === 'X' && event.dur !== undefined)
    .map((event) => ({
      event,
      start: event.ts,
      end: event.ts + (event.dur ?? 0),
      children: [] as Span[],
    }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const roots: Span[] = [];
  const stack: Span[] = [];
  for (const span of spans) {
    while (stack.length > 0 && (stack[stack.length - 1] as Span).end <= span.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && span.end <= parent.end) parent.children.push(span);
    else roots.push(span);
    stack.push(span);
  }
  return roots;
}

export interface ProfileSample {
  readonly pid: number;
  readonly tid: number;
  /** µs, on the trace's clock. */
  readonly time: number;
  /** µs until the thread's next sample: the time this sample stands for. */
  readonly interval: number;
  /** The sample's stack holds a frame whose script URL `isExtension` accepts. */
  readonly extension: boolean;
}

/** The V8 sampling profiler's samples, of every thread or only `thread`, in time order. */
export function profileSamples(
  events: readonly TraceEvent[],
  isExtension: (url: string) => boolean,
  thread?: { pid: number; tid: number },
): ProfileSample[] {
  const profiles = new Map<string, { pid: number; tid: number; start: number }>();
  for (const event of events) {
    if (event.name !== 'Profile' || event.id === undefined) continue;
    if (thread && (event.pid !== thread.pid || event.tid !== thread.tid)) continue;
    const startTime = dataOf(event).startTime;
    profiles.set(`${event.pid}:${event.id}`, {
      pid: event.pid,
      tid: event.tid,
      start: typeof startTime === 'number' ? startTime : event.ts,
    });
  }
  const samples: ProfileSample[] = [];
  for (const [key, { pid, tid, start }] of profiles) {
    const parents = new Map<number, number | undefined>();
    const urls = new Map<number, string>();
    const nodes: number[] = [];
    const deltas: number[] = [];
    for (const event of events) {
      if (event.name !== 'ProfileChunk' || `${event.pid}:${event.id}` !== key) continue;
      const chunk = dataOf(event) as ChunkData;
      for (const node of chunk.cpuProfile?.nodes ?? []) {
        parents.set(node.id, node.parent);
        urls.set(node.id, node.callFrame?.url ?? '');
      }
      for (const node of chunk.cpuProfile?.samples ?? []) nodes.push(node);
      for (const delta of chunk.timeDeltas ?? []) deltas.push(delta);
    }
    const owned = new Map<number, boolean>();
    const ownedBy = (node: number): boolean => {
      const known = owned.get(node);
      if (known !== undefined) return known;
      const parent = parents.get(node);
      const result = isExtension(urls.get(node) ?? '') || (parent !== undefined && ownedBy(parent));
      owned.set(node, result);
      return result;
    };
    let time = start;
    nodes.forEach((node, index) => {
      time += deltas[index] ?? 0;
      const interval = deltas[index + 1] ?? deltas[index] ?? 0;
      samples.push({ pid, tid, time, interval, extension: ownedBy(node) });
    });
  }
  return samples.sort((a, b) => a.time - b.time);
}

/** Index of the first sample at or after `time`. */
function firstSampleAt(samples: readonly { time: number }[], time: number): number {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((samples[middle] as { time: number }).time < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The summed duration of the spans named in `names`, not counting one inside another, ms. */
function outermostMs(spans: readonly Span[], names: ReadonlySet<string>): number {
  let total = 0;
  for (const span of spans) {
    total += names.has(span.event.name)
      ? (span.end - span.start) / 1000
      : outermostMs(span.children, names);
  }
  return total;
}

export function analyseTrace(
  events: readonly TraceEvent[],
  pageUrl: string,
  extensionOrigin: string | null,
): ThreadFigures {
  const thread = pageMainThread(events, pageUrl);
  const onThread = events.filter((event) => event.pid === thread.pid && event.tid === thread.tid);
  const roots = nest(onThread);
  const isExtension = (url: string) => extensionOrigin !== null && url.startsWith(extensionOrigin);
  const samples = extensionOrigin ? profileSamples(events, isExtension, thread) : [];

  const mainThreadMs = outermostMs(roots, TOP_LEVEL_TASKS);
  const renderingMs = outermostMs(roots, RENDERING);

  /** Extension µs inside an unlabelled stretch, from the samples that fall into it. */
  const sampledShare = (start: number, end: number): number => {
    let ours = 0;
    let all = 0;
    for (let i = firstSampleAt(samples, start); i < samples.length; i++) {
      const sample = samples[i] as ProfileSample;
      if (sample.time > end) break;
      all++;
      if (sample.extension) ours++;
    }
    return all === 0 ? 0 : ((end - start) * ours) / all;
  };

  /** Extension µs of an entry and what it nests. */
  const entryShare = (span: Span): number => {
    const url = urlOf(span.event);
    if (url !== '') return isExtension(url) ? span.end - span.start : labelledInside(span);
    // Unlabelled: nested labelled entries decide their own time, samples decide the rest.
    let share = 0;
    let cursor = span.start;
    for (const child of labelledChildren(span)) {
      share += sampledShare(cursor, child.start) + entryShare(child);
      cursor = child.end;
    }
    return share + sampledShare(cursor, span.end);
  };
  /** A labelled page entry may still run extension listeners synchronously (events). */
  const labelledInside = (span: Span): number =>
    labelledChildren(span).reduce((sum, child) => sum + entryShare(child), 0);
  const labelledChildren = (span: Span): Span[] => {
    const found: Span[] = [];
    const walk = (spans: readonly Span[]): void => {
      for (const child of spans) {
        if (JS_ENTRIES.has(child.event.name) && urlOf(child.event) !== '') found.push(child);
        else walk(child.children);
      }
    };
    walk(span.children);
    return found;
  };

  let extensionMs = 0;
  let longestExtensionSliceMs = 0;
  let extensionSlices = 0;
  const entries = (spans: readonly Span[]): void => {
    for (const span of spans) {
      if (!JS_ENTRIES.has(span.event.name)) {
        entries(span.children);
        continue;
      }
      const share = extensionOrigin ? entryShare(span) / 1000 : 0;
      if (share <= 0) continue;
      extensionMs += share;
      extensionSlices++;
      longestExtensionSliceMs = Math.max(longestExtensionSliceMs, share);
    }
  };
  entries(roots);
  return { mainThreadMs, renderingMs, extensionMs, longestExtensionSliceMs, extensionSlices };
}

/** Categories for `extensionTaskSlices`: thread names, tasks and the sampling profiler. */
export const HOSTILE_TRACE_CATEGORIES = [
  '__metadata',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
].join(',');

export interface TaskSlices {
  /** Top-level tasks of pages' main threads in which extension code ran. */
  readonly slices: number;
  /** The most extension time in one of them, ms. */
  readonly maxMs: number;
  readonly totalMs: number;
}

/**
 * Extension time per top-level task of every page's main thread (CrRendererMain), from the
 * sampling profiler: samples whose stack holds a frame of a script under `extensionOrigin`,
 * summed per enclosing `RunTask`. Unlike `analyseTrace` it needs no page URL, so it also
 * covers pages that navigate or open frames. The extension's own threads are not counted: they
 * are not the page's time.
 */
export function extensionTaskSlices(
  events: readonly TraceEvent[],
  extensionOrigin: string,
): TaskSlices {
  const pageThreads = new Set<string>();
  for (const event of events) {
    const name = (event.args as { name?: unknown } | undefined)?.name;
    if (event.ph === 'M' && event.name === 'thread_name' && name === 'CrRendererMain') {
      pageThreads.add(`${event.pid}:${event.tid}`);
    }
  }
  const tasksByThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (!TOP_LEVEL_TASKS.has(event.name) || event.ph !== 'X' || !pageThreads.has(thread)) continue;
    const tasks = tasksByThread.get(thread);
    if (tasks) tasks.push(event);
    else tasksByThread.set(thread, [event]);
  }
  for (const tasks of tasksByThread.values()) tasks.sort((a, b) => a.ts - b.ts);

  // Samples come in time order, so each thread's task cursor only moves forward.
  const cursors = new Map<string, number>();
  const perTask = new Map<string, number>();
  for (const sample of profileSamples(events, (url) => url.startsWith(extensionOrigin))) {
    const thread = `${sample.pid}:${sample.tid}`;
    if (!sample.extension || !pageThreads.has(thread)) continue;
    const tasks = tasksByThread.get(thread) ?? [];
    let task = cursors.get(thread) ?? 0;
    while (
      task < tasks.length &&
      (tasks[task] as TraceEvent).ts + ((tasks[task] as TraceEvent).dur ?? 0) < sample.time
    )
      task++;
    cursors.set(thread, task);
    const enclosing = tasks[task];
    const key =
      enclosing && enclosing.ts <= sample.time
        ? `${thread}:${enclosing.ts}`
        : `${thread}:sample:${sample.time}`;
    perTask.set(key, (perTask.get(key) ?? 0) + sample.interval);
  }
  const slices = [...perTask.values()];
  return {
    slices: slices.length,
    maxMs: slices.reduce((max, value) => Math.max(max, value), 0) / 1000,
    totalMs: slices.reduce((sum, value) => sum + value, 0) / 1000,
  };
}
