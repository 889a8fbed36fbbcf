import type { AnalysisOptions } from '../core/types';
import { SETTINGS_KEYS } from './defaults';
import { CURRENT_VERSION, migrate, versionOf } from './migrations';
import { readStored, removeStored, type StoredItems, watchStored, writeStored } from './storage';
import { validateSettings } from './validate';

export { DEFAULT_SETTINGS } from './defaults';

/** A site the user describes with selectors, for clients no adapter knows. */
export interface CustomSite {
  /** Canonical host name (lower case, punycode), see `normalizeHost`. */
  readonly host: string;
  /** Selector of one post. */
  readonly post: string;
  /** Selector, inside a post, of the post's own text. */
  readonly body: string;
}

export interface Settings {
  /** Thresholds and switches handed to the core. */
  readonly analysis: Omit<AnalysisOptions, 'pageHost'>;
  /** Show the article badge in the bar. */
  readonly showBadge: boolean;
  /** New posts start collapsed (true) or expanded with the bar shown (false). */
  readonly startCollapsed: boolean;
  /** Adapter ids the user switched off. */
  readonly disabledSites: readonly string[];
  /** Host names the user switched off. */
  readonly disabledHosts: readonly string[];
  readonly customSites: readonly CustomSite[];
}

/**
 * Reads the settings: migrated, validated, with defaults for anything missing or wrong. It
 * throws only when the storage API itself fails (an invalidated extension context), so a
 * content script can stop.
 */
export async function loadSettings(): Promise<Settings> {
  return validateSettings(migrate(await readStored()));
}

/**
 * Writes some settings and leaves the others alone, so pages that each change their own
 * setting at the same time don't overwrite each other.
 */
export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  const stored = await readStored();
  if (versionOf(stored) < CURRENT_VERSION) await replaceSettings(await loadSettings());
  const items: StoredItems = { version: CURRENT_VERSION };
  for (const key of SETTINGS_KEYS) {
    if (patch[key] !== undefined) items[key] = patch[key];
  }
  await writeStored(validatedItems(items));
}

/** Replaces all settings (import, reset), and drops stored keys this version doesn't know. */
export async function replaceSettings(settings: Settings): Promise<void> {
  const items = validatedItems({ version: CURRENT_VERSION, ...settings });
  const stale = Object.keys(await readStored()).filter((key) => !(key in items));
  await writeStored(items);
  await removeStored(stale);
}

export async function resetSettings(): Promise<void> {
  await replaceSettings(validateSettings({}));
}

/**
 * Brings stored data to the current version once, after an update. Readers migrate in memory
 * anyway; this only keeps storage tidy. Data from a newer version is left alone.
 */
export async function migrateStoredSettings(): Promise<void> {
  const stored = await readStored();
  if (versionOf(stored) < CURRENT_VERSION) await replaceSettings(await loadSettings());
}

/** Calls `listener` with the new settings whenever they change, until `signal` aborts. */
export function onSettingsChange(
  listener: (settings: Settings) => void,
  signal: AbortSignal,
): void {
  watchStored((changedKeys) => {
    if (
      !changedKeys.some((key) => key === 'version' || (SETTINGS_KEYS as string[]).includes(key))
    ) {
      return;
    }
    loadSettings().then(
      (settings) => {
        if (!signal.aborted) listener(settings);
      },
      (error: unknown) => {
        if (!signal.aborted) console.warn('Collapse Repeats: could not read settings', error);
      },
    );
  }, signal);
}

/** Whether the extension should work on this page. */
export function isEnabledFor(settings: Settings, siteId: string, host: string): boolean {
  return !settings.disabledSites.includes(siteId) && !settings.disabledHosts.includes(host);
}

/** Switches the extension on or off for one host name. */
export async function setHostEnabled(host: string, enabled: boolean): Promise<void> {
  const { disabledHosts } = await loadSettings();
  await updateSettings({ disabledHosts: toggled(disabledHosts, host, !enabled) });
}

/** Switches one site adapter on or off, everywhere it runs. */
export async function setSiteEnabled(siteId: string, enabled: boolean): Promise<void> {
  const { disabledSites } = await loadSettings();
  await updateSettings({ disabledSites: toggled(disabledSites, siteId, !enabled) });
}

/** The host name of an http(s) page, or null for any other URL. */
export function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? hostname : null;
  } catch {
    return null;
  }
}

/**
 * The permission pattern for a page's host on the page's scheme (any port: match patterns
 * can't name one), or null for pages that aren't on the web.
 */
export function originPattern(url: string | undefined): string | null {
  const host = hostOf(url);
  return host === null || url === undefined ? null : `${new URL(url).protocol}//${host}/*`;
}

function toggled(list: readonly string[], item: string, present: boolean): string[] {
  const without = list.filter((entry) => entry !== item);
  return present ? [...without, item] : without;
}

/** Settings are validated before every write, so storage never holds what a read would reject. */
function validatedItems(items: StoredItems): StoredItems {
  const valid = validateSettings(items);
  const result: StoredItems = { version: items.version };
  for (const key of SETTINGS_KEYS) {
    if (key in items) result[key] = valid[key];
  }
  return result;
}
