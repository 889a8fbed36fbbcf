/**
 * The hostile pages of the browser tests (test/browser/pages/hostile), timed: each loaded alone
 * in Chromium with dist/chrome, three times, traced. For each page it prints the medians of the
 * longest extension slice (the most extension time in one top-level task of the page's main
 * thread) and of the extension's total time, from `extensionTaskSlices`. The budget is
 * 50 ms per slice. Pages with activity of their own (re-renders, a mutation storm) are started
 * and timed until it is over. Every collapsed post is then shown and hidden again once.
 */
import { launchChromiumSession, traceExtensionSlices } from '../browser/harness';
import { CASES, RENDERS, STORM_MS } from '../browser/pages/hostile/cases';
import { startServer } from '../browser/server';

type Log = (line: string) => void;

const HOME = 'https://mastodon.social/home';
const LOCAL = '/__test__/pages/hostile';
const RUNS = 3;
/** After the page looks settled, the trace runs on a little to catch trailing work. */
const TRAILING_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

export async function runHostileBenchmark(log: Log = console.log): Promise<void> {
  const server = await startServer();
  const session = await launchChromiumSession(server);
  const rows: string[][] = [];
  try {
    for (const item of CASES) {
      const max: number[] = [];
      const total: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        let page: Awaited<ReturnType<typeof session.open>>['page'] | undefined;
        const slices = await traceExtensionSlices(session, async () => {
          page = (await session.open(`${HOME}?case=${item.name}`, LOCAL)).page;
          const expected = item.deletesMarks ? 0 : item.posts.length;
          const open = page;
          // Polled by hand: Playwright's waitForFunction needs the page's MutationObserver,
          // which one hostile page replaces.
          const until = async (expression: string, timeoutMs: number): Promise<void> => {
            const deadline = Date.now() + timeoutMs;
            while (!(await open.evaluate(expression))) {
              if (Date.now() > deadline)
                throw new Error(`${item.name}: timed out on ${expression}`);
              await sleep(100);
            }
          };
          await until(
            `document.querySelectorAll('[data-collapse-repeats]').length >= ${expected}`,
            120_000,
          );
          if (item.starts) {
            await open.evaluate('window.hostile.start()');
            await until(
              item.name === 'storm'
                ? 'window.hostile.stormOver()'
                : `window.hostile.progress() >= ${RENDERS}`,
              STORM_MS + 60_000,
            );
          }
          // Show and hide every collapsed post once, as a reader would.
          for (let click = 0; click < 2; click++) {
            await open.evaluate(
              `for (const bar of document.querySelectorAll('collapse-repeats-bar')) bar.shadowRoot?.querySelector('button')?.click()`,
            );
            await sleep(200);
          }
          await sleep(TRAILING_MS);
        });
        await page?.close();
        max.push(slices.maxMs);
        total.push(slices.totalMs);
      }
      rows.push([
        item.name,
        median(max).toFixed(1),
        max.map((value) => value.toFixed(0)).join(', '),
        median(total).toFixed(0),
      ]);
      log(`  hostile ${item.name}: done`);
    }
  } finally {
    await session.close();
    await server.close();
  }
  log('');
  log(`Chromium hostile pages (median of ${RUNS} loads; ms; budget 50 per slice)`);
  log('| page | longest ext slice | per load | ext total |');
  log('|---|---|---|---|');
  for (const row of rows) log(`| ${row.join(' | ')} |`);
}
