import { bluesky } from './bluesky';
import { elk } from './elk';
import { facebook } from './facebook';
import { generic } from './generic';
import { lemmy } from './lemmy';
import { linkedin } from './linkedin';
import { mastodon } from './mastodon';
import { matchPatternTest, type UrlTest } from './match-pattern';
import { misskey } from './misskey';
import { coracle, iris, jumble, njump, nostrudel, primal, snort } from './nostr';
import { reddit } from './reddit';
import type { SiteAdapter } from './site';
import { threads } from './threads';
import { x } from './x';

/** Every adapter, most specific first. The generic adapter comes last. */
export const sites: readonly SiteAdapter[] = [
  mastodon,
  elk,
  misskey,
  lemmy,
  njump,
  primal,
  snort,
  nostrudel,
  iris,
  coracle,
  jumble,
  bluesky,
  x,
  reddit,
  facebook,
  linkedin,
  threads,
  generic,
];

/** The match patterns of all well-known hosts, for the manifest's content script. */
export function manifestMatches(): string[] {
  return [...new Set(sites.flatMap((site) => site.matches))].sort();
}

const urlTests = new Map<SiteAdapter, readonly UrlTest[]>(
  sites.map((site) => [site, site.matches.map(matchPatternTest)]),
);

/** True when one of the adapter's match patterns covers the URL. */
export function matchesUrl(site: SiteAdapter, url: URL): boolean {
  const tests = urlTests.get(site) ?? site.matches.map(matchPatternTest);
  return tests.some((test) => test(url));
}

/** The adapter of a well-known host. */
export function siteForUrl(url: URL): SiteAdapter | undefined {
  return sites.find((site) => matchesUrl(site, url));
}

/** The adapter whose software recognises the document (self-hosted instances). */
export function detectSite(document: Document): SiteAdapter | undefined {
  return sites.find((site) => site.detect?.(document) === true);
}

/** The adapter for a page: its host first, then detection. The generic adapter is never chosen here. */
export function siteFor(url: URL, document: Document): SiteAdapter | undefined {
  return siteForUrl(url) ?? detectSite(document);
}

/** Every adapter that would claim the page, by host or by detection. Exactly one is expected. */
export function claimingSites(url: URL, document: Document): SiteAdapter[] {
  return sites.filter((site) => matchesUrl(site, url) || site.detect?.(document) === true);
}
