/**
 * Setup and teardown the browser tests share: the fixture server, a browser per suite, and the
 * pages a test opens.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { TestPage } from './harness';
import { type FixtureServer, startServer } from './server';

/**
 * What the enclosing suite's tests share: `start` runs before them and the result is closed
 * after them. Tests reach it through the returned getter, which works once `start` has run.
 */
export function sharedBySuite<T extends { close(): Promise<void> }>(
  start: () => Promise<T>,
): () => T {
  let shared: T | undefined;
  beforeAll(async () => {
    shared = await start();
  });
  afterAll(async () => {
    await shared?.close();
  });
  return () => {
    if (shared === undefined) throw new Error('used before its suite started it');
    return shared;
  };
}

/** The fixture server for the suite (a whole file, when called at its top). */
export const fixtureServerForSuite = (): (() => FixtureServer) => sharedBySuite(startServer);

/** Returns `track`: each page passed to it is closed after the test that opened it. */
export function closedAfterEach(): <T extends TestPage>(page: T) => T {
  const pages: TestPage[] = [];
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  return (page) => {
    pages.push(page);
    return page;
  };
}
