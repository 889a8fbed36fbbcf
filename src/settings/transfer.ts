import { CURRENT_VERSION, isRecord, migrate, versionOf } from './migrations';
import type { Settings } from './settings';
import { checkSettings, type Problem } from './validate';

/** Bigger than any real settings file (storage.sync holds 100 KB in all), small enough to read safely. */
export const MAX_IMPORT_BYTES = 64 * 1024;

/** Why a file was refused. The options page turns each into a translated sentence. */
export type ImportError =
  | { readonly kind: 'too-large' }
  | { readonly kind: 'not-json' }
  | { readonly kind: 'not-settings' }
  | { readonly kind: 'newer-version'; readonly version: number }
  | { readonly kind: 'unknown-field'; readonly path: string }
  | { readonly kind: 'bad-value'; readonly path: string };

export type ImportResult =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly error: ImportError };

/** The settings as a JSON file, with the version so a later release can migrate it. */
export function exportSettings(settings: Settings): string {
  return `${JSON.stringify({ version: CURRENT_VERSION, ...settings }, null, 2)}\n`;
}

/**
 * Reads an exported file. Strict where reading storage is lenient: any problem refuses the
 * whole file, so an import either applies exactly what the file says or changes nothing.
 * Fields the file leaves out take their defaults (older exports lack newer settings).
 */
export function parseImport(text: string): ImportResult {
  if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) return fail({ kind: 'too-large' });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail({ kind: 'not-json' });
  }
  if (
    !isRecord(data) ||
    !('version' in data) ||
    versionOf(data) < 1 ||
    data.version !== versionOf(data)
  ) {
    return fail({ kind: 'not-settings' });
  }
  if (versionOf(data) > CURRENT_VERSION) {
    return fail({ kind: 'newer-version', version: versionOf(data) });
  }
  const { settings, problems } = checkSettings(migrate(data));
  const [problem] = problems;
  return problem ? fail(errorOf(problem)) : { ok: true, settings };
}

function errorOf(problem: Problem): ImportError {
  return { kind: problem.kind, path: problem.path };
}

function fail(error: ImportError): ImportResult {
  return { ok: false, error };
}
