import { DEFAULT_ANALYSIS_OPTIONS } from '../core/analyse';
import type { Settings } from './settings';

const core = DEFAULT_ANALYSIS_OPTIONS;

/**
 * Why each default:
 * - the thresholds and analysis switches are the core's tuned values, so the extension and the
 *   command line judge a post alike;
 * - the article badge is on: linking the original is half of what the extension is for;
 * - posts start collapsed: the point is to not read the same paragraphs twice, and the bar
 *   shows one click away what was hidden;
 * - no site or host is switched off and there are no custom sites until the user adds them.
 */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  analysis: Object.freeze({
    minRunChars: core.minRunChars,
    minRunWords: core.minRunWords,
    nearMatching: core.nearMatching,
    truncatedLeads: core.truncatedLeads,
    stripTracking: core.stripTracking,
  }),
  showBadge: true,
  startCollapsed: true,
  disabledSites: Object.freeze([]),
  disabledHosts: Object.freeze([]),
  customSites: Object.freeze([]),
});

/** Every top-level setting, each stored under its own key. */
export const SETTINGS_KEYS = Object.freeze(Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]);
