import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

/** What a fixture's JSON says about its page (see test/fixtures/sites/README.md). */
export interface FixtureExpectation {
  readonly url: string;
  readonly site: string;
  readonly posts: readonly (
    | { readonly state: 'clean' }
    | {
        readonly state: 'collapsed';
        readonly hidden: readonly string[];
        readonly articleUrl: string | null;
      }
  )[];
}

export interface SiteFixture {
  /** `<site>/<case>`, for test names. */
  readonly name: string;
  readonly html: string;
  readonly expected: FixtureExpectation;
}

// A path string: under jsdom, `URL` is jsdom's, which node:url does not accept.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/sites');

export function siteFixtures(): SiteFixture[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(FIXTURES, dir.name))
        .filter((file) => file.endsWith('.html'))
        .map((file) => {
          const base = file.slice(0, -'.html'.length);
          return {
            name: `${dir.name}/${base}`,
            html: readFileSync(join(FIXTURES, dir.name, file), 'utf8'),
            expected: JSON.parse(
              readFileSync(join(FIXTURES, dir.name, `${base}.json`), 'utf8'),
            ) as FixtureExpectation,
          };
        }),
    );
}

export function loadFixture(fixture: SiteFixture): Document {
  return new JSDOM(fixture.html, { url: fixture.expected.url }).window.document;
}
