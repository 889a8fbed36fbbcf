/** The site fixtures of test/fixtures/sites/<site>/<case>.html with their <case>.json. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExpectedPost } from './expectations';
import { fixturesRoot } from './server';

export interface SiteFixture {
  readonly site: string;
  readonly name: string;
  /** The real page URL the fixture models; the browser loads this. */
  readonly url: string;
  /** Server path of the fixture's HTML. */
  readonly localPath: string;
  /** Post bodies in document order. */
  readonly posts: readonly ExpectedPost[];
}

interface FixtureFile {
  url: string;
  site?: string;
  posts: { state: string; hidden?: string[]; articleUrl?: string | null }[];
}

function toExpected(post: FixtureFile['posts'][number], where: string): ExpectedPost {
  if (post.state !== 'clean' && post.state !== 'collapsed') {
    throw new Error(`${where}: unknown post state "${post.state}"`);
  }
  return { state: post.state, hidden: post.hidden ?? [], articleUrl: post.articleUrl ?? null };
}

export function siteFixtures(): SiteFixture[] {
  if (!existsSync(fixturesRoot)) return [];
  return readdirSync(fixturesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(path.join(fixturesRoot, dir.name))
        .filter((file) => file.endsWith('.html'))
        .sort()
        .map((file) => {
          const name = file.slice(0, -'.html'.length);
          const where = `${dir.name}/${name}`;
          const expectedFile = path.join(fixturesRoot, dir.name, `${name}.json`);
          const data = JSON.parse(readFileSync(expectedFile, 'utf8')) as FixtureFile;
          return {
            site: dir.name,
            name,
            url: data.url,
            localPath: `/sites/${dir.name}/${name}.html`,
            posts: data.posts.map((post, i) => toExpected(post, `${where} post ${i}`)),
          };
        }),
    );
}

/** The match patterns of the built manifest's content scripts. */
export function manifestMatches(dist: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as {
    content_scripts?: { matches?: string[] }[];
  };
  return (manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []);
}

/** Whether a match pattern (scheme://host/path, `*.` host prefix, `*` path) claims `url`. */
export function patternClaims(pattern: string, url: string): boolean {
  const parts = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/.exec(pattern);
  if (!parts) return false;
  const [, scheme, host = '', pathPattern = ''] = parts;
  const target = new URL(url);
  if (scheme !== '*' && `${scheme}:` !== target.protocol) return false;
  const hostOk =
    host === '*' ||
    target.hostname === host ||
    (host.startsWith('*.') &&
      (target.hostname === host.slice(2) || target.hostname.endsWith(host.slice(1))));
  const escaped = pathPattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return hostOk && new RegExp(`^${escaped}$`).test(target.pathname + target.search);
}
