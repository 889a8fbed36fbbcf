import { DEFAULT_SETTINGS, SETTINGS_KEYS } from './defaults';
import { isRecord, type RawSettings } from './migrations';
import type { CustomSite, Settings } from './settings';

/**
 * Validation of settings read from storage or from an imported file. Reading is lenient: every
 * value that is missing or wrong falls back to its default, and each such spot is reported as a
 * problem. Import refuses a file with any problem.
 */

export interface Problem {
  readonly kind: 'unknown-field' | 'bad-value';
  /** Where: `analysis.minRunChars`, `customSites[2].host`, … */
  readonly path: string;
}

export interface Checked {
  readonly settings: Settings;
  readonly problems: readonly Problem[];
}

/** Inclusive bounds of the thresholds, also used by the options page's number inputs. */
export const LIMITS = {
  minRunChars: { min: 20, max: 2000 },
  minRunWords: { min: 3, max: 300 },
  /** storage.sync allows 8 KB per item; these keep each list well inside it. */
  customSites: 30,
  selectorLength: 200,
  hosts: 400,
} as const;

const SITE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL_KEYS = new Set<string>(['version', ...SETTINGS_KEYS]);

/** A host name in canonical form: lower case, punycode, no port, no trailing dot. */
export function isHostname(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 253) return false;
  const labels = value.split('.');
  return (labels.length > 1 || value === 'localhost') && labels.every((l) => HOST_LABEL.test(l));
}

/**
 * Turns what a user types ("Example.Social", "https://example.social/home") into a canonical
 * host name, or null when it is not one.
 */
export function normalizeHost(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password || url.port) return null;
    const host = url.hostname.replace(/\.$/, '');
    return isHostname(host) ? host : null;
  } catch {
    return null;
  }
}

/**
 * Whether a CSS selector parses. Without a DOM (the background worker) only the cheap checks run;
 * every page that writes settings has a DOM, so stored selectors were fully checked on the way in.
 */
export function selectorParses(selector: unknown): selector is string {
  if (typeof selector !== 'string') return false;
  const trimmed = selector.trim();
  if (trimmed === '' || trimmed.length > LIMITS.selectorLength || /[{};]/.test(trimmed))
    return false;
  if (typeof document === 'undefined') return true;
  try {
    document.createDocumentFragment().querySelector(trimmed);
    return true;
  } catch {
    return false;
  }
}

export type CustomSiteField = keyof CustomSite;

/** The fields of a custom site that are wrong, empty when it is valid. */
export function customSiteErrors(site: {
  host: unknown;
  post: unknown;
  body: unknown;
}): CustomSiteField[] {
  const errors: CustomSiteField[] = [];
  if (!isHostname(site.host)) errors.push('host');
  if (!selectorParses(site.post)) errors.push('post');
  if (!selectorParses(site.body)) errors.push('body');
  return errors;
}

/** Validates raw (already migrated) settings: a value for every field, and the problems found. */
export function checkSettings(raw: unknown): Checked {
  const problems: Problem[] = [];
  const data: RawSettings = isRecord(raw) ? raw : {};
  if (!isRecord(raw)) problems.push({ kind: 'bad-value', path: '' });
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL_KEYS.has(key)) problems.push({ kind: 'unknown-field', path: key });
  }
  const settings: Settings = {
    analysis: checkAnalysis(data.analysis, problems),
    showBadge: checkBoolean(data, 'showBadge', DEFAULT_SETTINGS.showBadge, problems),
    startCollapsed: checkBoolean(data, 'startCollapsed', DEFAULT_SETTINGS.startCollapsed, problems),
    disabledSites: checkList(data, 'disabledSites', problems, LIMITS.hosts, (value) =>
      typeof value === 'string' && SITE_ID.test(value) ? value : null,
    ),
    disabledHosts: checkList(data, 'disabledHosts', problems, LIMITS.hosts, (value) =>
      isHostname(value) ? value : null,
    ),
    customSites: dedupeByHost(
      checkList(data, 'customSites', problems, LIMITS.customSites, (value, path) =>
        checkCustomSite(value, path, problems),
      ),
    ),
  };
  return { settings, problems };
}

/** Lenient read: never throws, every bad or missing value becomes its default. */
export function validateSettings(raw: unknown): Settings {
  return checkSettings(raw).settings;
}

function checkAnalysis(raw: unknown, problems: Problem[]): Settings['analysis'] {
  const defaults = DEFAULT_SETTINGS.analysis;
  if (raw === undefined) return defaults;
  if (!isRecord(raw)) {
    problems.push({ kind: 'bad-value', path: 'analysis' });
    return defaults;
  }
  for (const key of Object.keys(raw)) {
    if (!(key in defaults)) problems.push({ kind: 'unknown-field', path: `analysis.${key}` });
  }
  return {
    minRunChars: checkInteger(raw, 'minRunChars', defaults.minRunChars, problems),
    minRunWords: checkInteger(raw, 'minRunWords', defaults.minRunWords, problems),
    nearMatching: checkBoolean(raw, 'nearMatching', defaults.nearMatching, problems, 'analysis.'),
    truncatedLeads: checkBoolean(
      raw,
      'truncatedLeads',
      defaults.truncatedLeads,
      problems,
      'analysis.',
    ),
    stripTracking: checkBoolean(
      raw,
      'stripTracking',
      defaults.stripTracking,
      problems,
      'analysis.',
    ),
  };
}

function checkInteger(
  data: RawSettings,
  key: 'minRunChars' | 'minRunWords',
  fallback: number,
  problems: Problem[],
): number {
  const value = data[key];
  if (value === undefined) return fallback;
  const { min, max } = LIMITS[key];
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
    return value;
  }
  problems.push({ kind: 'bad-value', path: `analysis.${key}` });
  return fallback;
}

function checkBoolean(
  data: RawSettings,
  key: string,
  fallback: boolean,
  problems: Problem[],
  prefix = '',
): boolean {
  const value = data[key];
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  problems.push({ kind: 'bad-value', path: `${prefix}${key}` });
  return fallback;
}

/** Keeps the valid, distinct items of a list; a list that is not one becomes empty. */
function checkList<T>(
  data: RawSettings,
  key: 'disabledSites' | 'disabledHosts' | 'customSites',
  problems: Problem[],
  maxLength: number,
  checkItem: (value: unknown, path: string) => T | null,
): T[] {
  const value = data[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > maxLength) {
    problems.push({ kind: 'bad-value', path: key });
    return [];
  }
  const items: T[] = [];
  value.forEach((item, index) => {
    const path = `${key}[${index}]`;
    const checked = checkItem(item, path);
    if (checked === null) problems.push({ kind: 'bad-value', path });
    else if (!items.includes(checked)) items.push(checked);
  });
  return items;
}

function checkCustomSite(value: unknown, path: string, problems: Problem[]): CustomSite | null {
  if (!isRecord(value)) return null;
  for (const key of Object.keys(value)) {
    if (key !== 'host' && key !== 'post' && key !== 'body') {
      problems.push({ kind: 'unknown-field', path: `${path}.${key}` });
    }
  }
  const errors = customSiteErrors({ host: value.host, post: value.post, body: value.body });
  if (errors.length > 0) {
    for (const field of errors) problems.push({ kind: 'bad-value', path: `${path}.${field}` });
    // The caller records the site itself as dropped; the field problems say why.
    return null;
  }
  return {
    host: value.host as string,
    post: (value.post as string).trim(),
    body: (value.body as string).trim(),
  };
}

/** One custom site per host: the later entry wins, as when the form replaces a site. */
function dedupeByHost(sites: readonly CustomSite[]): CustomSite[] {
  const byHost = new Map<string, CustomSite>();
  for (const site of sites) {
    byHost.delete(site.host);
    byHost.set(site.host, site);
  }
  return [...byHost.values()];
}
