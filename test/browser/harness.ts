/**
 * Real browsers with the built extension loaded, one API for both:
 *   Chromium through playwright-core (dist/chrome), Firefox ESR through puppeteer-core over
 *   WebDriver BiDi (dist/firefox).
 * Pages open at the real URL a fixture models (https://mastodon.social/...), so the manifest's
 * own match patterns decide whether the content script runs. Every request is answered from the
 * local fixture server; nothing leaves the machine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type ElementHandle as PlaywrightElement } from 'playwright-core';
import puppeteer, { type ElementHandle } from 'puppeteer-core';
import { type PageSnapshot, settleState, snapshotBaseline, snapshotPage } from './probe';
import { type FixtureServer, type Response, TEST_ASSETS } from './server';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

export const distFor = (name: BrowserName) =>
  path.resolve(process.cwd(), 'dist', name === 'chromium' ? 'chrome' : 'firefox');

const EXECUTABLES: Record<BrowserName, string> = {
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
};

export const VIEWPORT = { width: 1000, height: 900 };

/** Our content script tags its own log lines with this. */
const OWN_LOG_TAG = '[Collapse Repeats]';

export interface TestPage {
  /** Uncaught page errors and console errors, our own tagged lines left out. */
  readonly errors: string[];
  /** Our own tagged console lines (warnings about a post we could not handle). */
  readonly ownLogs: string[];
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<Awaited<R>>;
  /** Clicks, with the real mouse, the element `locate` returns in the page. */
  click<A>(locate: (arg: A) => Element | null, arg: A): Promise<void>;
  /** Focuses the element `locate` returns and presses a key on the real keyboard. */
  press<A>(locate: (arg: A) => Element | null, arg: A, key: 'Enter' | ' '): Promise<void>;
  /** A PNG of the whole page, not only the viewport. */
  screenshot(file: string): Promise<void>;
  close(): Promise<void>;
}

export interface TestBrowser {
  readonly name: BrowserName;
  /** Opens `url`, answering that document with the server's `localPath`. */
  open(url: string, localPath: string): Promise<TestPage>;
  /** Opens `localPath` at the server's own address, where the content script does not run. */
  openUnmatched(localPath: string): Promise<TestPage>;
  close(): Promise<void>;
}

interface RouteDecision {
  /** Pass the request on untouched (the local server itself, data: and blob: URLs). */
  readonly pass?: boolean;
  readonly response?: Response;
}

/**
 * What a request gets: the page's own document, a test asset, or nothing at all. Unknown
 * subresources (avatars, fonts of a fixture) get an empty 204 so a fixture cannot reach out.
 */
async function decide(
  server: FixtureServer,
  pageUrl: string,
  localPath: string,
  requestUrl: string,
  isNavigation: boolean,
): Promise<RouteDecision> {
  if (requestUrl.startsWith(`${server.origin}/`)) return { pass: true };
  const url = new URL(requestUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { pass: true };
  const bare = (href: string) => href.split('#')[0];
  if (bare(requestUrl) === bare(pageUrl)) return { response: await server.get(localPath) };
  if (url.pathname.startsWith(TEST_ASSETS)) return { response: await server.get(url.pathname) };
  const body = Buffer.from(isNavigation ? 'not found' : '');
  return { response: { status: isNavigation ? 404 : 204, contentType: 'text/plain', body } };
}

function collector() {
  const errors: string[] = [];
  const ownLogs: string[] = [];
  return {
    errors,
    ownLogs,
    pageError: (error: unknown) =>
      errors.push(`pageerror: ${error instanceof Error ? error.message : String(error)}`),
    console: (type: string, text: string) => {
      if (text.includes(OWN_LOG_TAG)) ownLogs.push(`${type}: ${text}`);
      else if (type === 'error') errors.push(`console.error: ${text}`);
    },
  };
}

async function launchChromium(server: FixtureServer, extension: boolean): Promise<TestBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'collapse-repeats-chromium-'));
  const dist = distFor('chromium');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLES.chromium,
    headless: true,
    viewport: VIEWPORT,
    args: [
      ...(extension ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  if (extension && context.serviceWorkers().length === 0) {
    await context.waitForEvent('serviceworker');
  }

  const open = async (url: string, localPath: string): Promise<TestPage> => {
    const page = await context.newPage();
    const log = collector();
    page.on('pageerror', log.pageError);
    page.on('console', (message) => log.console(message.type(), message.text()));
    await page.route('**/*', async (route) => {
      const request = route.request();
      const decision = await decide(
        server,
        url,
        localPath,
        request.url(),
        request.isNavigationRequest(),
      );
      if (decision.pass || !decision.response) return route.continue();
      const { status, contentType, body } = decision.response;
      return route.fulfill({ status, contentType, body });
    });
    await page.goto(url);
    const handleOf = async <A>(locate: (arg: A) => Element | null, arg: A) => {
      const handle = await page.evaluateHandle(pageCall(locate, arg));
      const element = handle.asElement() as PlaywrightElement<Element> | null;
      if (!element) throw new Error('element not found in page');
      return element;
    };
    return {
      errors: log.errors,
      ownLogs: log.ownLogs,
      evaluate: (fn, arg) => page.evaluate(pageCall(fn, arg)) as never,
      // A control a user cannot reach (covered, clipped) fails fast instead of after 30 s.
      click: async (locate, arg) => (await handleOf(locate, arg)).click({ timeout: 5_000 }),
      press: async (locate, arg, key) => {
        const element = await handleOf(locate, arg);
        // Keys go to the focused tab only.
        await page.bringToFront();
        await element.focus();
        await page.keyboard.press(key === ' ' ? 'Space' : key);
      },
      screenshot: async (file) => {
        await page.screenshot({ path: file, fullPage: true });
      },
      close: () => page.close(),
    };
  };

  return {
    name: 'chromium',
    open,
    openUnmatched: (localPath) => open(`${server.origin}${localPath}`, localPath),
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

async function launchFirefox(server: FixtureServer, extension: boolean): Promise<TestBrowser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: EXECUTABLES.firefox,
    headless: true,
    defaultViewport: VIEWPORT,
  });
  if (extension) await browser.installExtension(distFor('firefox'));

  const open = async (url: string, localPath: string): Promise<TestPage> => {
    const page = await browser.newPage();
    const log = collector();
    page.on('pageerror', log.pageError);
    page.on('console', (message) => log.console(message.type(), message.text()));
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      decide(server, url, localPath, request.url(), request.isNavigationRequest()).then(
        (decision) => {
          if (decision.pass || !decision.response) return request.continue();
          const { status, contentType, body } = decision.response;
          return request.respond({ status, contentType, body });
        },
        (error: unknown) => {
          log.errors.push(`fixture server: ${String(error)}`);
          return request.abort();
        },
      );
    });
    await page.goto(url);
    const handleOf = async <A>(locate: (arg: A) => Element | null, arg: A) => {
      const handle = await page.evaluateHandle(pageCall(locate, arg));
      const element = handle.asElement() as ElementHandle<Element> | null;
      if (!element) throw new Error('element not found in page');
      return element;
    };
    return {
      errors: log.errors,
      ownLogs: log.ownLogs,
      evaluate: (fn, arg) => page.evaluate(pageCall(fn, arg)) as never,
      click: async (locate, arg) => (await handleOf(locate, arg)).click(),
      press: async (locate, arg, key) => {
        const element = await handleOf(locate, arg);
        // Keys go to the focused tab only.
        await page.bringToFront();
        await element.focus();
        await page.keyboard.press(key);
      },
      screenshot: async (file) => {
        await page.screenshot({ path: file as `${string}.png`, fullPage: true });
      },
      close: () => page.close(),
    };
  };

  return {
    name: 'firefox',
    open,
    openUnmatched: (localPath) => open(`${server.origin}${localPath}`, localPath),
    close: () => browser.close(),
  };
}

/** Starts a browser, with the built extension unless `extension` is false. */
export function launch(
  name: BrowserName,
  server: FixtureServer,
  { extension = true } = {},
): Promise<TestBrowser> {
  return name === 'chromium' ? launchChromium(server, extension) : launchFirefox(server, extension);
}

/**
 * The page-side source of `fn(arg)`. Functions go over as text; some TypeScript runners (tsx)
 * wrap nested functions in a `__name` helper that the page lacks, so it is defined here.
 */
function pageCall<A>(fn: (arg: A) => unknown, arg: A): string {
  return `(() => { const __name = (target) => target; return (${fn.toString()})(${JSON.stringify(arg) ?? 'undefined'}); })()`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until at least `bodies` post bodies carry data-collapse-repeats and the DOM has been
 * quiet for a moment, then returns what the page shows.
 */
export async function settled(
  page: TestPage,
  bodies: number,
  { quietMs = 300, timeoutMs = 10_000 } = {},
): Promise<PageSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await page.evaluate(settleState, undefined);
    if (state.analysed >= bodies && state.quietFor >= quietMs) {
      return page.evaluate(snapshotPage, undefined);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `page did not settle: ${state.analysed} of ${bodies} bodies analysed, ` +
          `quiet for ${Math.round(state.quietFor)} ms; errors: ${page.errors.join(' | ') || 'none'}`,
      );
    }
    await sleep(50);
  }
}

/** Polls `check` in node until it returns true; the last snapshot is returned either way. */
export async function waitFor(
  page: TestPage,
  check: (snapshot: PageSnapshot) => boolean,
  { timeoutMs = 10_000 } = {},
): Promise<PageSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = await page.evaluate(snapshotPage, undefined);
    if (check(snapshot) || Date.now() > deadline) return snapshot;
    await sleep(50);
  }
}

export { snapshotBaseline, snapshotPage };
