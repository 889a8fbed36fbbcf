/**
 * Browser benchmark: generated Mastodon and Snort feeds of 500, 2,000 and 10,000 posts, loaded
 * at URLs the manifest matches, without and with the built extension, several times each.
 *
 * Chromium (playwright-core + CDP): the extension's main-thread script time from a Chrome trace
 * (see browser-trace.ts), its share of the page's own main-thread work without the extension,
 * the page's rendering (style, layout, pre-paint, paint) without and with the extension,
 * the longest extension slice, when every post was analysed, how long 100 appended posts take
 * to be analysed, and the JS heap (the isolate's used heap after a forced GC, with the
 * extension minus without: content scripts share the page's V8 isolate, so the difference is
 * the content script's heap). Heap growth: 10 appended batches, removed again, after GC.
 *
 * Firefox (puppeteer-core over WebDriver BiDi): when every post was analysed and how long an
 * appended batch takes, on the page's clock.
 *
 * Every page request is answered locally; nothing leaves the machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { distFor, launchChromiumContext, launchFirefoxBrowser } from '../browser/harness';
import { BATCH_SIZE, type Feed, type FeedKind, generateFeed } from './browser-feeds';
import { analyseTrace, TRACE_CATEGORIES, type TraceEvent } from './browser-trace';

type Log = (line: string) => void;

export interface BrowserBenchOptions {
  /** One size and run each, for a smoke test. */
  readonly quick?: boolean;
  readonly firefox?: boolean;
  /** Built extension folders, to compare builds (default dist/chrome and dist/firefox). */
  readonly chromeDist?: string;
  readonly firefoxDist?: string;
  /** Only these feeds, as "kind:posts" (e.g. "mastodon:2000"); all when empty. */
  readonly only?: readonly string[];
}

/** Feed sizes and how many loads of each (per browser, with and without the extension). */
const FULL_PLAN: readonly { posts: number; runs: number; firefoxRuns: number }[] = [
  { posts: 500, runs: 5, firefoxRuns: 3 },
  { posts: 2_000, runs: 5, firefoxRuns: 3 },
  { posts: 10_000, runs: 2, firefoxRuns: 1 },
];
const QUICK_PLAN = [{ posts: 500, runs: 1, firefoxRuns: 1 }];
const FEEDS: readonly FeedKind[] = ['mastodon', 'snort'];
const APPEND_BATCHES = 10;
/** After the last post is analysed, the trace runs on a little to catch trailing work. */
const TRAILING_MS = 500;
const ANALYSE_TIMEOUT_MS = 180_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Builds dist/ when a folder the benchmark needs is missing. */
export function ensureBuilt(folders: readonly string[], log: Log): void {
  if (folders.every((folder) => existsSync(path.join(folder, 'manifest.json')))) return;
  log('building the extension (npm run build)…');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

export interface BenchPage {
  evaluate<R>(expression: string): Promise<R>;
}

/** The page's own script (see browser-feeds.ts) answers these. */
const PAGE = {
  allAnalysedAt: 'window.bench.allAnalysedAt',
  longestTaskWait: 'window.bench.longestTaskWait',
  loadedAt: "performance.getEntriesByType('navigation')[0].loadEventEnd",
  analysed: 'window.bench.analysed()',
  collapsed: `document.querySelectorAll('[data-collapse-repeats="collapsed"]').length`,
  bodies: 'window.bench.bodies()',
  append: 'window.bench.append()',
  removeAppended: 'window.bench.removeAppended()',
};

export async function waitUntilAnalysed(page: BenchPage): Promise<void> {
  const deadline = Date.now() + ANALYSE_TIMEOUT_MS;
  while ((await page.evaluate<number | null>(PAGE.allAnalysedAt)) === null) {
    if (Date.now() > deadline) {
      const analysed = await page.evaluate<number>(PAGE.analysed);
      throw new Error(`only ${analysed} posts analysed after ${ANALYSE_TIMEOUT_MS} ms`);
    }
    await sleep(50);
  }
}

/** Appends `APPEND_BATCHES` batches one after another; the page's ms for each. */
async function appendBatches(page: BenchPage): Promise<number[]> {
  const times: number[] = [];
  for (let batch = 0; batch < APPEND_BATCHES; batch++) {
    times.push(await page.evaluate<number>(PAGE.append));
    await sleep(50);
  }
  return times;
}

// ---------------------------------------------------------------- Chromium

interface ChromiumRun {
  readonly mainThreadMs: number;
  readonly renderingMs: number;
  readonly extensionMs: number;
  readonly longestSliceMs: number;
  readonly analysedAtMs: number;
  readonly loadedAtMs: number;
  readonly pageTaskWaitMs: number;
  readonly heapBytes: number;
  readonly analysed: number;
  readonly bodies: number;
  readonly collapsed: number;
  readonly appendMs: number;
  readonly heapGrowthBytes: number;
}

interface ChromiumSession {
  readonly extensionOrigin: string | null;
  run(feed: Feed): Promise<ChromiumRun>;
  close(): Promise<void>;
}

async function readStream(cdp: CDPSession, handle: string): Promise<string> {
  const parts: string[] = [];
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle, size: 8 << 20 });
    parts.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data);
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return parts.join('');
}

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

export async function routeFeed(page: Page, feed: Feed): Promise<void> {
  await page.route('**/*', (route) => {
    const request = route.request();
    if (request.url() === feed.url) {
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: feed.html,
      });
    }
    const navigation = request.isNavigationRequest();
    return route.fulfill({ status: navigation ? 404 : 204, body: '' });
  });
}

async function launchChromium(dist: string | null): Promise<ChromiumSession> {
  const { context, close } = await launchChromiumContext(dist);
  let extensionOrigin: string | null = null;
  if (dist) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    // URL's origin is "null" for chrome-extension: URLs; the host is the extension id.
    extensionOrigin = `chrome-extension://${new URL(worker.url()).host}/`;
  }

  const run = async (feed: Feed): Promise<ChromiumRun> => {
    const page = await context.newPage();
    try {
      await routeFeed(page, feed);
      const cdp = await context.newCDPSession(page);
      const evaluate = async <R>(expression: string): Promise<R> => {
        const result = await cdp.send('Runtime.evaluate', {
          expression,
          awaitPromise: true,
          returnByValue: true,
        });
        if (result.exceptionDetails) throw new Error(result.exceptionDetails.text);
        return result.result.value as R;
      };
      await cdp.send('Tracing.start', {
        traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
        transferMode: 'ReturnAsStream',
      });
      await page.goto(feed.url, { waitUntil: 'load', timeout: 120_000 });
      if (extensionOrigin) await waitUntilAnalysed({ evaluate });
      await sleep(extensionOrigin ? TRAILING_MS : 2 * TRAILING_MS);
      const complete = new Promise<{ stream?: string }>((resolve) =>
        cdp.once('Tracing.tracingComplete', resolve),
      );
      await cdp.send('Tracing.end');
      const { stream } = await complete;
      if (!stream) throw new Error('the trace came without a stream');
      const parsed = JSON.parse(await readStream(cdp, stream)) as
        | { traceEvents: TraceEvent[] }
        | TraceEvent[];
      const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
      const figures = analyseTrace(events, feed.url, extensionOrigin);

      const heapBytes = await heapAfterGc(cdp);
      const counts = {
        analysed: await evaluate<number>(PAGE.analysed),
        bodies: await evaluate<number>(PAGE.bodies),
        collapsed: await evaluate<number>(PAGE.collapsed),
        analysedAtMs: (await evaluate<number | null>(PAGE.allAnalysedAt)) ?? Number.NaN,
        loadedAtMs: await evaluate<number>(PAGE.loadedAt),
        pageTaskWaitMs: (await evaluate<number | null>(PAGE.longestTaskWait)) ?? Number.NaN,
      };
      let appendMs = Number.NaN;
      let heapGrowthBytes = Number.NaN;
      if (extensionOrigin) {
        appendMs = median(await appendBatches({ evaluate }));
        await evaluate(PAGE.removeAppended);
        await sleep(TRAILING_MS);
        heapGrowthBytes = (await heapAfterGc(cdp)) - heapBytes;
      }
      return {
        mainThreadMs: figures.mainThreadMs,
        renderingMs: figures.renderingMs,
        extensionMs: figures.extensionMs,
        longestSliceMs: figures.longestExtensionSliceMs,
        heapBytes,
        ...counts,
        appendMs,
        heapGrowthBytes,
      };
    } finally {
      await page.close();
    }
  };

  return { extensionOrigin, run, close };
}

// ---------------------------------------------------------------- Firefox

interface FirefoxRun {
  readonly analysedAtMs: number;
  readonly loadedAtMs: number;
  readonly pageTaskWaitMs: number;
  readonly analysed: number;
  readonly bodies: number;
  readonly appendMs: number;
}

async function runFirefox(dist: string, feed: Feed, runs: number): Promise<FirefoxRun[]> {
  const browser = await launchFirefoxBrowser(dist);
  try {
    const results: FirefoxRun[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled()) return;
        if (request.url() === feed.url) {
          request.respond({
            status: 200,
            contentType: 'text/html; charset=utf-8',
            body: feed.html,
          });
        } else {
          request.respond({ status: request.isNavigationRequest() ? 404 : 204, body: '' });
        }
      });
      // Firefox may not resolve goto for a page an extension works on: wait for the page instead.
      page.goto(feed.url, { timeout: 120_000 }).catch(() => {});
      await page.waitForFunction('window.bench !== undefined', { timeout: 120_000 });
      const evaluate = <R>(expression: string) => page.evaluate(expression) as Promise<R>;
      await waitUntilAnalysed({ evaluate });
      results.push({
        analysedAtMs: (await evaluate<number | null>(PAGE.allAnalysedAt)) ?? Number.NaN,
        loadedAtMs: await evaluate<number>(PAGE.loadedAt),
        pageTaskWaitMs: (await evaluate<number | null>(PAGE.longestTaskWait)) ?? Number.NaN,
        analysed: await evaluate<number>(PAGE.analysed),
        bodies: await evaluate<number>(PAGE.bodies),
        appendMs: median(await appendBatches({ evaluate })),
      });
      await page.close();
    }
    return results;
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------- report

function selected(options: BrowserBenchOptions, kind: FeedKind, posts: number): boolean {
  return !options.only?.length || options.only.includes(`${kind}:${posts}`);
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : `${value.toFixed(value < 10 ? 1 : 0)}`);
const kb = (bytes: number) => (Number.isNaN(bytes) ? '–' : `${Math.round(bytes / 1024)}`);

function table(log: Log, header: readonly string[], rows: readonly (readonly string[])[]): void {
  log(`| ${header.join(' | ')} |`);
  log(`|${header.map(() => '---').join('|')}|`);
  for (const row of rows) log(`| ${row.join(' | ')} |`);
}

export async function runBrowserBenchmark(
  log: Log = console.log,
  options: BrowserBenchOptions = {},
): Promise<void> {
  const chromeDist = options.chromeDist ?? distFor('chromium');
  const firefoxDist = options.firefoxDist ?? distFor('firefox');
  const withFirefox = options.firefox ?? true;
  ensureBuilt(withFirefox ? [chromeDist, firefoxDist] : [chromeDist], log);
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  log(
    `chromium: ${path.relative(process.cwd(), chromeDist)}; medians of ${plan.map((p) => `${p.runs}×${p.posts}`).join(', ')} loads`,
  );

  const rows: string[][] = [];
  const without = await launchChromium(null);
  const withExtension = await launchChromium(chromeDist);
  try {
    for (const kind of FEEDS) {
      for (const { posts, runs } of plan) {
        if (!selected(options, kind, posts)) continue;
        const feed = generateFeed(kind, posts);
        const base: ChromiumRun[] = [];
        const ours: ChromiumRun[] = [];
        // Alternate, so drift in the machine's speed touches both sides alike.
        for (let i = 0; i < runs; i++) {
          base.push(await without.run(feed));
          ours.push(await withExtension.run(feed));
        }
        const of = (runs: readonly ChromiumRun[], key: keyof ChromiumRun) =>
          median(runs.map((run) => run[key]));
        const pageMs = of(base, 'mainThreadMs');
        const extensionMs = of(ours, 'extensionMs');
        const everyPost = ours.every((run) => run.analysed === run.bodies && run.bodies === posts);
        rows.push([
          `${kind} ${posts}`,
          ms(pageMs),
          ms(of(ours, 'mainThreadMs')),
          `${ms(of(base, 'renderingMs'))} → ${ms(of(ours, 'renderingMs'))}`,
          ms(extensionMs),
          `${((100 * extensionMs) / pageMs).toFixed(1)}%`,
          ms(of(ours, 'longestSliceMs')),
          `${ms(of(ours, 'analysedAtMs'))} (load ${ms(of(ours, 'loadedAtMs'))})`,
          ms(of(ours, 'pageTaskWaitMs')),
          ms(of(ours, 'appendMs')),
          kb(of(ours, 'heapBytes') - of(base, 'heapBytes')),
          kb(of(ours, 'heapGrowthBytes')),
          `${everyPost ? 'yes' : 'NO'} (${of(ours, 'analysed')}/${posts}, ${of(ours, 'collapsed')} collapsed)`,
        ]);
        log(`  ${kind} ${posts}: done`);
      }
    }
  } finally {
    await without.close();
    await withExtension.close();
  }
  log('');
  log('Chromium (medians; ms unless noted)');
  table(
    log,
    [
      'feed',
      'page main thread, no ext',
      'with ext',
      'of it rendering, no ext → with ext',
      'ext script',
      'ext share',
      'longest ext slice',
      'all analysed at (page load)',
      'longest page task wait meanwhile',
      `${BATCH_SIZE} appended analysed`,
      'ext JS heap KB',
      `heap growth KB after ${APPEND_BATCHES} batches removed`,
      'every post analysed',
    ],
    rows,
  );

  if (!withFirefox) return;
  log('');
  log(`Firefox: ${path.relative(process.cwd(), firefoxDist)}`);
  const firefoxRows: string[][] = [];
  for (const kind of FEEDS) {
    for (const { posts, firefoxRuns } of plan) {
      if (!selected(options, kind, posts)) continue;
      const results = await runFirefox(firefoxDist, generateFeed(kind, posts), firefoxRuns);
      const of = (key: keyof FirefoxRun) => median(results.map((run) => run[key]));
      const everyPost = results.every((run) => run.analysed === run.bodies && run.bodies === posts);
      firefoxRows.push([
        `${kind} ${posts}`,
        `${ms(of('analysedAtMs'))} (load ${ms(of('loadedAtMs'))})`,
        ms(of('pageTaskWaitMs')),
        ms(of('appendMs')),
        `${everyPost ? 'yes' : 'NO'} (${of('analysed')}/${posts})`,
      ]);
      log(`  ${kind} ${posts}: done`);
    }
  }
  log('');
  log('Firefox (medians; ms)');
  table(
    log,
    [
      'feed',
      'all analysed at (page load)',
      'longest page task wait meanwhile',
      `${BATCH_SIZE} appended analysed`,
      'every post analysed',
    ],
    firefoxRows,
  );
}

/** Options from the command line and the environment (see README, "Performance"). */
export function browserOptions(args: readonly string[]): BrowserBenchOptions {
  return {
    quick: args.includes('--quick') || process.env.BENCH_QUICK === '1',
    firefox: !args.includes('--no-firefox'),
    chromeDist: process.env.BENCH_CHROME_DIST && path.resolve(process.env.BENCH_CHROME_DIST),
    firefoxDist: process.env.BENCH_FIREFOX_DIST && path.resolve(process.env.BENCH_FIREFOX_DIST),
    only: args.flatMap((arg) => (arg.startsWith('--only=') ? arg.slice(7).split(',') : [])),
  };
}
