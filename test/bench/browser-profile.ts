/**
 * `npm run bench -- --profile`: where the extension's main-thread time goes, by function. It
 * loads a feed (the 2,000-post Mastodon one, or those `--only` picks) PROFILE_LOADS times in
 * Chromium with the built extension, under the V8 sampling profiler (CDP `Profiler`, a sample
 * every 100 µs) until every post is analysed, and prints the median per load of each of our
 * functions' self and inclusive time. A sample is ours when its stack holds a frame of our
 * script; the browser's own functions we call (`querySelectorAll`, `addEventListener`) count
 * as ours there. The profiler slows the script it samples, so its totals run above the trace's
 * "ext script"; compare builds with it (`BENCH_CHROME_DIST`), not with the budgets.
 *
 * Then ALLOCATION_LOADS more loads under the sampling heap profiler (CDP `HeapProfiler`,
 * counting objects the collector has freed since) give what our script allocated, in total and
 * by function; allocations by the browser's functions we call go to our caller ("caller >
 * browser function"). On a noisy machine these figures vary far less than times do, and every
 * allocated byte is work for the garbage collector, which runs inside our slices.
 */
import path from 'node:path';
import type { BrowserContext, CDPSession } from 'playwright-core';
import { distFor, launchChromiumContext } from '../browser/harness';
import { ensureBuilt, median, routeFeed, waitUntilAnalysed } from './browser';
import { type Feed, type FeedKind, generateFeed } from './browser-feeds';

type Log = (line: string) => void;

const PROFILE_LOADS = 5;
const SAMPLING_INTERVAL_US = 100;
/** Functions listed in each table. */
const TOP = 30;
const ALLOCATION_LOADS = 3;
/** Average bytes between two samples of the heap profiler. */
const ALLOCATION_SAMPLING_BYTES = 1024;
const ALLOCATION_TOP = 15;

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

interface LoadFigures {
  readonly totalMs: number;
  readonly selfMs: Map<string, number>;
  readonly inclusiveMs: Map<string, number>;
}

/** Our time in one profile: in total, and by function (self and inclusive). */
function ourTime(profile: Profile, ours: (url: string) => boolean): LoadFigures {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const name = ({ callFrame }: ProfileNode) =>
    ours(callFrame.url)
      ? `${callFrame.functionName || '(anonymous)'} (line ${callFrame.lineNumber + 1})`
      : `${callFrame.functionName || '(anonymous)'} [browser]`;
  const msByNode = new Map<number, number>();
  profile.samples.forEach((node, index) => {
    msByNode.set(node, (msByNode.get(node) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  let totalMs = 0;
  const selfMs = new Map<string, number>();
  const inclusiveMs = new Map<string, number>();
  for (const [id, ms] of msByNode) {
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      stack.push(nodes.get(at) as ProfileNode);
    }
    if (!stack.some((node) => ours(node.callFrame.url))) continue;
    totalMs += ms;
    const top = name(stack[0] as ProfileNode);
    selfMs.set(top, (selfMs.get(top) ?? 0) + ms);
    // The profile's root stands above every sample; it says nothing.
    for (const key of new Set(stack.slice(0, -1).map(name))) {
      inclusiveMs.set(key, (inclusiveMs.get(key) ?? 0) + ms);
    }
  }
  return { totalMs, selfMs, inclusiveMs };
}

interface AllocationNode {
  readonly callFrame: ProfileNode['callFrame'];
  readonly selfSize: number;
  readonly children: readonly AllocationNode[];
}

interface AllocationFigures {
  readonly totalBytes: number;
  readonly bytes: Map<string, number>;
}

/** What our script allocated in one sampling heap profile, by allocating function. */
function ourAllocations(head: AllocationNode, ours: (url: string) => boolean): AllocationFigures {
  const bytes = new Map<string, number>();
  let totalBytes = 0;
  const visit = (node: AllocationNode, caller: string | null): void => {
    const { functionName, url, lineNumber } = node.callFrame;
    const own = ours(url);
    const name = own
      ? `${functionName || '(anonymous)'} (line ${lineNumber + 1})`
      : caller && `${caller} > ${functionName || '(anonymous)'} [browser]`;
    if (name && node.selfSize > 0) {
      bytes.set(name, (bytes.get(name) ?? 0) + node.selfSize);
      totalBytes += node.selfSize;
    }
    const next = own ? name : caller;
    for (const child of node.children) visit(child, next);
  };
  visit(head, null);
  return { totalBytes, bytes };
}

/** Each key's median over the loads (a load without it counts 0), largest first. */
function medians(loads: readonly Map<string, number>[]): [string, number][] {
  const keys = new Set(loads.flatMap((load) => [...load.keys()]));
  return [...keys]
    .map((key): [string, number] => [key, median(loads.map((load) => load.get(key) ?? 0))])
    .sort((a, b) => b[1] - a[1]);
}

/**
 * Loads `feed` `count` times in new pages, each under what `start` turns on before the
 * navigation, until every post is analysed; `stop` then gives the figures of the load.
 */
async function loadsOf<Figures>(
  context: BrowserContext,
  feed: Feed,
  count: number,
  profiler: {
    readonly start: (cdp: CDPSession) => Promise<void>;
    readonly stop: (cdp: CDPSession) => Promise<Figures>;
  },
): Promise<Figures[]> {
  const loads: Figures[] = [];
  for (let load = 0; load < count; load++) {
    const page = await context.newPage();
    try {
      await routeFeed(page, feed);
      const cdp = await context.newCDPSession(page);
      await profiler.start(cdp);
      await page.goto(feed.url, { waitUntil: 'load', timeout: 120_000 });
      await waitUntilAnalysed({ evaluate: (expression) => page.evaluate(expression) });
      loads.push(await profiler.stop(cdp));
    } finally {
      await page.close();
    }
  }
  return loads;
}

export async function runProfileBenchmark(log: Log, only: readonly string[]): Promise<void> {
  const dist = process.env.BENCH_CHROME_DIST
    ? path.resolve(process.env.BENCH_CHROME_DIST)
    : distFor('chromium');
  ensureBuilt([dist], log);
  const feeds = (only.length > 0 ? only : ['mastodon:2000']).map((spec) => {
    const [kind, posts] = spec.split(':');
    return generateFeed(kind as FeedKind, Number(posts));
  });
  const { context, close } = await launchChromiumContext(dist);
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const origin = `chrome-extension://${new URL(worker.url()).host}/`;
    const ours = (url: string) => url.startsWith(origin);
    for (const feed of feeds) {
      const loads = await loadsOf(context, feed, PROFILE_LOADS, {
        start: async (cdp) => {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
          await cdp.send('Profiler.start');
        },
        stop: async (cdp) => ourTime((await cdp.send('Profiler.stop')).profile as Profile, ours),
      });
      log(
        `${feed.kind} ${feed.posts}, ${path.relative(process.cwd(), dist)}: our time under the profiler ` +
          `${loads.map((load) => load.totalMs.toFixed(0)).join(', ')} ms ` +
          `(median ${median(loads.map((load) => load.totalMs)).toFixed(1)}), by function (median ms per load):`,
      );
      const columns = [
        medians(loads.map((load) => load.selfMs)),
        medians(loads.map((load) => load.inclusiveMs)),
      ];
      log('| self | function | inclusive | function |');
      log('|---|---|---|---|');
      for (let row = 0; row < TOP; row++) {
        const [self, inclusive] = columns.map((column) => column[row]);
        log(
          `| ${self?.[1].toFixed(1) ?? ''} | ${self?.[0] ?? ''} | ${inclusive?.[1].toFixed(1) ?? ''} | ${inclusive?.[0] ?? ''} |`,
        );
      }

      const allocations = await loadsOf(context, feed, ALLOCATION_LOADS, {
        start: async (cdp) => {
          await cdp.send('HeapProfiler.enable');
          await cdp.send('HeapProfiler.startSampling', {
            samplingInterval: ALLOCATION_SAMPLING_BYTES,
            includeObjectsCollectedByMajorGC: true,
            includeObjectsCollectedByMinorGC: true,
          });
        },
        stop: async (cdp) => {
          const { profile } = await cdp.send('HeapProfiler.stopSampling');
          return ourAllocations(profile.head as AllocationNode, ours);
        },
      });
      const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);
      log(
        `allocated by our script ${allocations.map((load) => megabytes(load.totalBytes)).join(', ')} MB ` +
          `(median ${megabytes(median(allocations.map((load) => load.totalBytes)))}), by function (median KB per load):`,
      );
      log('| KB | allocated in |');
      log('|---|---|');
      for (const [name, bytes] of medians(allocations.map((load) => load.bytes)).slice(
        0,
        ALLOCATION_TOP,
      )) {
        log(`| ${(bytes / 1e3).toFixed(0)} | ${name} |`);
      }
    }
  } finally {
    await close();
  }
}
