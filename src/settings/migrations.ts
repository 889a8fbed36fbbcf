/**
 * Ordered migrations of the stored settings. Stored data carries `version`; data without one is
 * version 0. Each migration lifts the data to its `to` version. Migrations never validate: the
 * validation after them replaces anything that is still wrong with defaults.
 */

export type RawSettings = Record<string, unknown>;

export interface Migration {
  /** The version the data has after this migration. */
  readonly to: number;
  readonly migrate: (data: RawSettings) => RawSettings;
}

const ANALYSIS_KEYS = [
  'minRunChars',
  'minRunWords',
  'nearMatching',
  'truncatedLeads',
  'stripTracking',
] as const;

export const MIGRATIONS: readonly Migration[] = [
  {
    // Unversioned data holds the analysis thresholds and switches as flat top-level keys (the
    // flat key/value shape of webext-options-sync); version 1 groups them under `analysis`.
    to: 1,
    migrate(data) {
      const { analysis, ...rest } = data;
      const grouped: RawSettings = isRecord(analysis) ? { ...analysis } : {};
      for (const key of ANALYSIS_KEYS) {
        if (key in rest) {
          if (!(key in grouped)) grouped[key] = rest[key];
          delete rest[key];
        }
      }
      return { ...rest, analysis: grouped };
    },
  },
];

export const CURRENT_VERSION = MIGRATIONS.at(-1)?.to ?? 0;

/** The version stored data claims, or 0 when it has none (or a broken one). */
export function versionOf(data: RawSettings): number {
  const { version } = data;
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : 0;
}

/**
 * Runs every migration newer than the data's version, in order. Data from a newer version of
 * the extension is returned as it is: validation keeps whatever of it still fits.
 */
export function migrate(
  data: RawSettings,
  migrations: readonly Migration[] = MIGRATIONS,
): RawSettings {
  let version = versionOf(data);
  let migrated = data;
  for (const migration of migrations) {
    if (migration.to > version) {
      migrated = migration.migrate(migrated);
      version = migration.to;
    }
  }
  return { ...migrated, version: Math.max(version, versionOf(data)) };
}

export function isRecord(value: unknown): value is RawSettings {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
