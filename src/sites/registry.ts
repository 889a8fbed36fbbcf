import type { SiteAdapter } from './site';

/** Every adapter, most specific first. The generic adapter comes last. */
export const sites: readonly SiteAdapter[] = [];

/** The match patterns of all well-known hosts, for the manifest's content script. */
export function manifestMatches(): string[] {
  return [...new Set(sites.flatMap((site) => site.matches))].sort();
}
