/**
 * `npm run bench`: runs every benchmark section in turn and prints its figures.
 * A section is a function that takes a logger; add new ones to SECTIONS.
 *   npm run bench -- --browser-only   (or BENCH_BROWSER_ONLY=1) skips the core section;
 *   --core-only                        skips the browser section;
 *   --quick (or BENCH_QUICK=1) runs the browser section once on the smallest feeds;
 *   --no-firefox leaves Firefox out; --only=mastodon:2000,snort:500 picks feeds (and skips
 *   the hostile pages); --hostile-only runs only the hostile pages (skipped by --quick,
 *   --only and --core-only); --profile runs only a CPU profile of our script by function, on
 *   the 2,000-post Mastodon feed or the feeds --only picks (see browser-profile.ts).
 */
import { browserOptions, runBrowserBenchmark } from './browser';
import { runHostileBenchmark } from './browser-hostile';
import { runProfileBenchmark } from './browser-profile';
import { runCoreBenchmark } from './core';

type Section = (log: (line: string) => void) => unknown | Promise<unknown>;

const args = process.argv.slice(2);
const hostileOnly = args.includes('--hostile-only');
const browserOnly =
  hostileOnly || args.includes('--browser-only') || process.env.BENCH_BROWSER_ONLY === '1';
const coreOnly = args.includes('--core-only');
const options = browserOptions(args);

const core: Section = runCoreBenchmark;
const browser: Section = (log) => runBrowserBenchmark(log, options);
const profile: Section = (log) => runProfileBenchmark(log, options.only ?? []);
const SECTIONS: readonly { readonly name: string; readonly run: Section }[] = args.includes(
  '--profile',
)
  ? [{ name: 'profile', run: profile }]
  : [
      ...(browserOnly ? [] : [{ name: 'core', run: core }]),
      ...(coreOnly || hostileOnly ? [] : [{ name: 'browser', run: browser }]),
      ...(coreOnly || options.quick || ((options.only?.length ?? 0) > 0 && !hostileOnly)
        ? []
        : [{ name: 'hostile', run: runHostileBenchmark }]),
    ];

for (const { name, run } of SECTIONS) {
  console.log(`== ${name}`);
  await run((line) => console.log(line));
}
