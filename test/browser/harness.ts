/**
 * Real browsers with the built extension loaded, one API for both:
 *   Chromium through playwright-core (dist/chrome), Firefox ESR through puppeteer-core over
 *   WebDriver BiDi (dist/firefox).
 * Pages open at the real URL a fixture models (https://mastodon.social/...), so the manifest's
 * own match patterns decide whether the content script runs. Every request is answered from the
 * local fixture server; nothing leaves the machine.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type BrowserContext,
  chromium,
  type Page,
  type ElementHandle as PlaywrightElement,
  type Worker,
} from 'playwright-core';
import puppeteer, {
  type Browser,
  type ElementHandle,
  type Page as PuppeteerPage,
} from 'puppeteer-core';
import {
  extensionTaskSlices,
  HOSTILE_TRACE_CATEGORIES,
  type TaskSlices,
  type TraceEvent,
} from '../bench/browser-trace';
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

// ── Extension pages: options and popup next to fixture pages ───────────────

/** Fixed so moz-extension:// pages have a known address (Chromium derives its id from the path). */
const FIREFOX_EXTENSION_UUID = '5c0ffee0-4d1e-4b7a-9c3e-3a2b1c0d9e8f';
const FIREFOX_EXTENSION_ID = 'collapse-repeats@collapse-repeats.app';

/** Chromium's id for an unpacked extension: the path's SHA-256, hex digits mapped to a–p. */
function chromiumExtensionId(dist: string): string {
  const hex = createHash('sha256').update(dist).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

export interface ExtensionPage extends TestPage {
  /** Clicks the first element matching `selector` with the real mouse. */
  clickOn(selector: string): Promise<void>;
  /** Types `value` into an input over what it holds, then tabs away (the input's change). */
  typeInto(selector: string, value: string): Promise<void>;
  /** Puts a file into a file input, as the file chooser would. */
  upload(selector: string, name: string, contents: string): Promise<void>;
  /** Waits until `selector` matches an element. */
  waitForSelector(selector: string): Promise<void>;
  emulateColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** A PNG of the first element matching `selector`. */
  screenshotOf(selector: string, file: string): Promise<void>;
}

export interface ExtensionBrowser extends TestBrowser {
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  readonly extensionOrigin: string;
  /**
   * Opens a page of the extension (`src/options/index.html`) in a new tab of the same window.
   * With `behind`, that fixture tab stays the active one, as it is while a toolbar popup is open:
   * the popup's `tabs.query({ active: true, currentWindow: true })` finds it.
   */
  openExtensionPage(
    pagePath: string,
    options: { readySelector: string; behind?: TestPage },
  ): Promise<ExtensionPage>;
  /**
   * Grants host access the way a user does: a real click in an extension page runs
   * `permissions.request`. No prompt appears: Firefox runs with optional-permission prompts
   * off, and the Chromium profile records `grantable` origins as granted before (Chromium
   * grants those again without asking). Resolves to the request's answer.
   */
  grantFromExtensionPage(origins: readonly string[]): Promise<boolean>;
}

export interface ExtensionLaunchOptions {
  /**
   * Chromium: origins the profile records as granted earlier (runtime_granted_permissions), so
   * `permissions.request` for them resolves without the prompt headless Chromium can't answer.
   * The extension does not hold them until it asks.
   */
  readonly grantable?: readonly string[];
  /** UI language (`--lang` in Chromium, `intl.locale.requested` in Firefox). */
  readonly locale?: string;
}

/** A Chromium profile that remembers `origins` as granted to the extension before. */
async function chromiumProfile(dist: string | null, origins: readonly string[]): Promise<string> {
  const profile = await mkdtemp(path.join(tmpdir(), 'collapse-repeats-chromium-'));
  if (!dist || origins.length === 0) return profile;
  await mkdir(path.join(profile, 'Default'), { recursive: true });
  const remembered = {
    api: [],
    explicit_host: [...origins],
    manifest_permissions: [],
    scriptable_host: [],
  };
  const preferences = {
    extensions: {
      settings: { [chromiumExtensionId(dist)]: { runtime_granted_permissions: remembered } },
    },
  };
  await writeFile(path.join(profile, 'Default', 'Preferences'), JSON.stringify(preferences));
  return profile;
}

/** Adds a button to an extension page whose real click asks for `origins`. */
function addGrantButton(origins: readonly string[]): void {
  const api = (
    globalThis as unknown as {
      chrome: { permissions: { request(p: { origins: string[] }): Promise<boolean> } };
    }
  ).chrome;
  const button = document.createElement('button');
  button.id = 'test-grant';
  button.textContent = 'grant';
  button.style.cssText = 'position: fixed; top: 0; left: 0; z-index: 2147483647';
  const store = window as unknown as { testGrant?: Promise<boolean> };
  button.addEventListener('click', () => {
    store.testGrant = api.permissions.request({ origins: [...origins] });
  });
  document.body.append(button);
}

async function grantThrough(page: ExtensionPage, origins: readonly string[]): Promise<boolean> {
  await page.evaluate(addGrantButton, origins);
  await page.clickOn('#test-grant');
  return page.evaluate(
    () => (window as unknown as { testGrant?: Promise<boolean> }).testGrant ?? false,
    undefined,
  );
}

/** What brings each open page's tab to the front, for `openExtensionPage(..., { behind })`. */
const fronts = new WeakMap<TestPage, () => Promise<void>>();

/** A Playwright page as an `ExtensionPage`, its errors and our log lines collected. */
function playwrightTestPage(page: Page): ExtensionPage {
  const log = collector();
  page.on('pageerror', log.pageError);
  page.on('console', (message) => log.console(message.type(), message.text()));
  const handleOf = async <A>(locate: (arg: A) => Element | null, arg: A) => {
    const handle = await page.evaluateHandle(pageCall(locate, arg));
    const element = handle.asElement() as PlaywrightElement<Element> | null;
    if (!element) throw new Error('element not found in page');
    return element;
  };
  const test: ExtensionPage = {
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
    clickOn: (selector) => page.click(selector, { timeout: 5_000 }),
    typeInto: async (selector, value) => {
      await page.fill(selector, value, { timeout: 5_000 });
      await page.press(selector, 'Tab');
    },
    upload: (selector, name, contents) =>
      page.setInputFiles(selector, {
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(contents),
      }),
    waitForSelector: async (selector) => {
      await page.waitForSelector(selector, { state: 'attached', timeout: 10_000 });
    },
    emulateColorScheme: (colorScheme) => page.emulateMedia({ colorScheme }),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    screenshotOf: async (selector, file) => {
      await page.locator(selector).first().screenshot({ path: file });
    },
  };
  fronts.set(test, () => page.bringToFront());
  return test;
}

/** A Puppeteer page as an `ExtensionPage`, its errors and our log lines collected. */
function puppeteerTestPage(page: PuppeteerPage): ExtensionPage {
  const log = collector();
  page.on('pageerror', log.pageError);
  page.on('console', (message) => log.console(message.type(), message.text()));
  const handleOf = async <A>(locate: (arg: A) => Element | null, arg: A) => {
    const handle = await page.evaluateHandle(pageCall(locate, arg));
    const element = handle.asElement() as ElementHandle<Element> | null;
    if (!element) throw new Error('element not found in page');
    return element;
  };
  const $ = async (selector: string) => {
    const element = await page.$(selector);
    if (!element) throw new Error(`${selector} not found in page`);
    return element;
  };
  const test: ExtensionPage = {
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
    clickOn: async (selector) => (await $(selector)).click(),
    typeInto: async (selector, value) => {
      const element = await $(selector);
      await element.click();
      await page.keyboard.down('Control');
      await page.keyboard.press('a');
      await page.keyboard.up('Control');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
    },
    upload: async (selector, name, contents) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'collapse-repeats-upload-'));
      const file = path.join(dir, name);
      await writeFile(file, contents);
      const input = (await $(selector)) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file);
    },
    waitForSelector: async (selector) => {
      await page.waitForSelector(selector, { timeout: 10_000 });
    },
    emulateColorScheme: (scheme) =>
      page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]),
    setViewport: (width, height) => page.setViewport({ width, height }),
    screenshotOf: async (selector, file) => {
      await (await $(selector)).screenshot({ path: file as `${string}.png` });
    },
  };
  fronts.set(test, () => page.bringToFront());
  return test;
}

/** Answers every request of the Playwright page as `decide` says. */
async function routePlaywright(
  page: Page,
  server: FixtureServer,
  url: string,
  localPath: string,
): Promise<void> {
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
}

/** Answers every request of the Puppeteer page as `decide` says; failures become page errors. */
async function routePuppeteer(
  page: PuppeteerPage,
  errors: string[],
  server: FixtureServer,
  url: string,
  localPath: string,
): Promise<void> {
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
        errors.push(`fixture server: ${String(error)}`);
        return request.abort();
      },
    );
  });
}

/** What a browser adds to the driver-specific parts: unmatched pages and granting host access. */
function extensionBrowser(
  server: FixtureServer,
  parts: Omit<ExtensionBrowser, 'openUnmatched' | 'grantFromExtensionPage'>,
): ExtensionBrowser {
  return {
    ...parts,
    openUnmatched: (localPath) => parts.open(`${server.origin}${localPath}`, localPath),
    grantFromExtensionPage: async (origins) => {
      const page = await parts.openExtensionPage('src/options/index.html', {
        readySelector: 'main',
      });
      try {
        return await grantThrough(page, origins);
      } finally {
        await page.close();
      }
    },
  };
}

export interface LaunchOptions extends ExtensionLaunchOptions {
  /** Load the built extension (the default); without it, the page as it is on its own. */
  readonly extension?: boolean;
}

/**
 * The one way Chromium starts: a fresh profile, the extension built in `dist` unless it is
 * null. `close` also removes the profile.
 */
export async function launchChromiumContext(
  dist: string | null,
  { grantable = [], locale }: ExtensionLaunchOptions = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await chromiumProfile(dist, grantable);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLES.chromium,
    headless: true,
    viewport: VIEWPORT,
    ...(locale ? { locale } : {}),
    args: [
      ...(dist ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : []),
      ...(locale ? [`--lang=${locale}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The one way Firefox starts, with the extension built in `dist` unless it is null. With
 * `extensionPages` the extension's own pages can be opened, which needs system access
 * (`--remote-allow-system-access`) and a known moz-extension:// address.
 */
export async function launchFirefoxBrowser(
  dist: string | null,
  { locale, extensionPages = false }: { locale?: string; extensionPages?: boolean } = {},
): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: EXECUTABLES.firefox,
    headless: true,
    defaultViewport: VIEWPORT,
    ...(extensionPages ? { args: ['--remote-allow-system-access'] } : {}),
    extraPrefsFirefox: {
      ...(extensionPages
        ? {
            'extensions.webextensions.uuids': JSON.stringify({
              [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID,
            }),
            // permissions.request resolves at once, as if the user accepted the prompt.
            'extensions.webextOptionalPermissionPrompts': false,
          }
        : {}),
      ...(locale ? { 'intl.locale.requested': locale } : {}),
    },
  });
  if (dist) await browser.installExtension(dist);
  return browser;
}

/**
 * Chromium with Playwright itself in reach, for tests that need more than `TestBrowser`: the
 * raw page (CDP tracing), every request of the context (service worker included), and the
 * extension's service worker (reloading the extension).
 */
export interface ChromiumSession {
  readonly context: BrowserContext;
  /** Empty when launched without the extension. */
  readonly extensionId: string;
  /** The extension's current service worker. */
  serviceWorker(): Promise<Worker>;
  /** Like `TestBrowser.open`, also handing back the Playwright page. */
  open(url: string, localPath: string): Promise<{ page: Page; test: ExtensionPage }>;
  close(): Promise<void>;
}

/** Chromium with the built extension (unless told not to) and Playwright in reach. */
export async function launchChromiumSession(
  server: FixtureServer,
  { extension = true, grantable = [], locale }: LaunchOptions = {},
): Promise<ChromiumSession> {
  const { context, close } = await launchChromiumContext(extension ? distFor('chromium') : null, {
    grantable,
    locale,
  });
  const serviceWorker = async (): Promise<Worker> => {
    const current = context
      .serviceWorkers()
      .find((worker) => worker.url().startsWith('chrome-extension://'));
    return current ?? (await context.waitForEvent('serviceworker'));
  };
  const extensionId = extension ? new URL((await serviceWorker()).url()).host : '';

  return {
    context,
    extensionId,
    serviceWorker,
    open: async (url, localPath) => {
      const page = await context.newPage();
      const test = playwrightTestPage(page);
      await routePlaywright(page, server, url, localPath);
      await page.goto(url);
      return { page, test };
    },
    close,
  };
}

/**
 * Traces the session's browser while `during` runs (from a page of its own, so pages opened
 * meanwhile are traced too) and returns the extension's time per task of pages' main threads.
 */
export async function traceExtensionSlices(
  session: ChromiumSession,
  during: () => Promise<void>,
): Promise<TaskSlices> {
  const tracer = await session.context.newPage();
  const cdp = await session.context.newCDPSession(tracer);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => {
    for (const event of data.value as unknown as TraceEvent[]) events.push(event);
  });
  const complete = new Promise<void>((resolve) =>
    cdp.once('Tracing.tracingComplete', () => resolve()),
  );
  await cdp.send('Tracing.start', {
    categories: HOSTILE_TRACE_CATEGORIES,
    transferMode: 'ReportEvents',
  });
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    await tracer.close();
  }
  return extensionTaskSlices(events, `chrome-extension://${session.extensionId}/`);
}

/** Chromium as an `ExtensionBrowser`, over its session. */
async function launchChromium(
  server: FixtureServer,
  options: LaunchOptions,
): Promise<ExtensionBrowser> {
  const session = await launchChromiumSession(server, options);
  const extensionOrigin = `chrome-extension://${session.extensionId}`;
  return extensionBrowser(server, {
    name: 'chromium',
    extensionOrigin,
    open: async (url, localPath) => (await session.open(url, localPath)).test,
    openExtensionPage: async (pagePath, { readySelector, behind }) => {
      const page = await session.context.newPage();
      const test = playwrightTestPage(page);
      if (behind) await fronts.get(behind)?.();
      await page.goto(`${extensionOrigin}/${pagePath}`);
      await test.waitForSelector(readySelector);
      return test;
    },
    close: session.close,
  });
}

/** Firefox as an `ExtensionBrowser`; `extensionPages` as in `launchFirefoxBrowser`. */
async function launchFirefox(
  server: FixtureServer,
  {
    extension = true,
    locale,
    extensionPages = false,
  }: LaunchOptions & { extensionPages?: boolean },
): Promise<ExtensionBrowser> {
  const browser = await launchFirefoxBrowser(extension ? distFor('firefox') : null, {
    locale,
    extensionPages,
  });
  const extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

  return extensionBrowser(server, {
    name: 'firefox',
    extensionOrigin,
    open: async (url, localPath) => {
      const page = await browser.newPage();
      const test = puppeteerTestPage(page);
      await routePuppeteer(page, test.errors, server, url, localPath);
      await page.goto(url);
      return test;
    },
    openExtensionPage: async (pagePath, { readySelector, behind }) => {
      const page = await browser.newPage();
      const test = puppeteerTestPage(page);
      if (behind) await fronts.get(behind)?.();
      // goto may never report the load of an extension page: wait for the page's own content.
      page.goto(`${extensionOrigin}/${pagePath}`).catch(() => undefined);
      await waitThroughNavigation(() => test.waitForSelector(readySelector));
      return test;
    },
    close: () => browser.close(),
  });
}

/**
 * Retries a wait that Firefox's BiDi may abort while the page is still navigating (its script
 * realm goes away under the evaluation: "right-hand side of 'in' should be an object").
 */
async function waitThroughNavigation(wait: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await wait();
    } catch (error) {
      if (!causedByProtocolError(error) || attempt >= attempts) throw error;
      await sleep(200);
    }
  }
}

function causedByProtocolError(error: unknown): boolean {
  for (let link = error; link instanceof Error; link = link.cause) {
    if (link.name === 'ProtocolError' || link.message.includes('Protocol error')) return true;
  }
  return false;
}

/** Starts a browser, with the built extension unless `extension` is false. */
export function launch(
  name: BrowserName,
  server: FixtureServer,
  { extension = true } = {},
): Promise<TestBrowser> {
  return name === 'chromium'
    ? launchChromium(server, { extension })
    : launchFirefox(server, { extension });
}

/** A browser with the built extension whose own pages (options, popup) tests can open. */
export function launchWithExtensionPages(
  name: BrowserName,
  server: FixtureServer,
  options: ExtensionLaunchOptions = {},
): Promise<ExtensionBrowser> {
  return name === 'chromium'
    ? launchChromium(server, options)
    : launchFirefox(server, { ...options, extensionPages: true });
}
