import type { AnalysisOptions } from '../core/types';

// CONTRACT STUB: the settings issue implements storage, validation and migrations behind it.

/** A site the user describes with selectors, for clients no adapter knows. */
export interface CustomSite {
  readonly host: string;
  readonly post: string;
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

export const DEFAULT_SETTINGS: Settings = {
  analysis: {
    minRunChars: 80,
    minRunWords: 12,
    nearMatching: true,
    truncatedLeads: true,
    stripTracking: true,
  },
  showBadge: true,
  startCollapsed: true,
  disabledSites: [],
  disabledHosts: [],
  customSites: [],
};

/** Reads the settings, validated, with defaults for anything missing. */
export async function loadSettings(): Promise<Settings> {
  return DEFAULT_SETTINGS;
}

/** Calls `listener` with the new settings whenever they change, until `signal` aborts. */
export function onSettingsChange(_listener: (settings: Settings) => void, _signal: AbortSignal): void {}

/** Whether the extension should work on this page. */
export function isEnabledFor(settings: Settings, siteId: string, host: string): boolean {
  return !settings.disabledSites.includes(siteId) && !settings.disabledHosts.includes(host);
}
