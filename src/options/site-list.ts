// LAYER NOTE: the one import of src/sites outside content and dom. The options page needs the
// adapters' names and ids to list them; settings can't hold that list (it may import core types
// only), so this page reads the registry directly and keeps only plain data from it.
import { sites } from '../sites/registry';

export interface SiteEntry {
  readonly id: string;
  readonly name: string;
  /** Host names of the well-known instances, for the list's detail line. */
  readonly hosts: readonly string[];
}

export const siteEntries: readonly SiteEntry[] = sites.map((site) => ({
  id: site.id,
  name: site.name,
  hosts: [...new Set(site.matches.map((pattern) => pattern.replace(/^[^:]+:\/\/|\/.*$/g, '')))],
}));
