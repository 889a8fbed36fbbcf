import english from '../public/_locales/en/messages.json' with { type: 'json' };

/**
 * UI strings for the page side. The content script plugs in `browser.i18n.getMessage`; where
 * no extension API exists (jsdom tests, the CLI) the English catalogue answers directly.
 */

type MessageSource = (key: string, substitutions: string[]) => string;

interface CatalogueEntry {
  readonly message: string;
  readonly placeholders?: Readonly<Record<string, { readonly content: string }>>;
}

const catalogue: Readonly<Record<string, CatalogueEntry>> = english;

let source: MessageSource | null = null;

/**
 * The source's message for each key, with markers where the substitutions go. Asking the
 * extension API goes through the polyfill and the browser (tens of microseconds in
 * Chromium), and a feed's bars ask for the same few messages with ever new numbers, so each
 * key is asked for once and filled in here, as `i18n.getMessage` fills in "$1"…"$9".
 */
const templates = new Map<string, string>();
/** Private-use characters, one per substitution: no message text holds them. */
const FIRST_MARKER = 0xe000;
const MARKERS = Array.from({ length: 9 }, (_, index) => String.fromCharCode(FIRST_MARKER + index));
const MARKER = /[\ue000-\ue008]/g;

/** Uses the extension's translations (from the content entry). */
export function setMessageSource(next: MessageSource | null): void {
  source = next;
  templates.clear();
}

/** Formats an English catalogue entry the way `i18n.getMessage` does. */
function fromCatalogue(key: string, substitutions: readonly string[]): string {
  const entry = catalogue[key];
  if (!entry) return key;
  const withPlaceholders = entry.message.replace(
    /\$([A-Za-z0-9_@]+)\$/g,
    (_, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? '',
  );
  return withPlaceholders.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (substitutions[Number(which) - 1] ?? ''),
  );
}

export function message(key: string, ...substitutions: string[]): string {
  if (source) {
    try {
      let template = templates.get(key);
      if (template === undefined) {
        template = source(key, MARKERS);
        templates.set(key, template);
      }
      if (template) {
        return template.replace(
          MARKER,
          (marker) => substitutions[marker.charCodeAt(0) - FIRST_MARKER] ?? '',
        );
      }
    } catch {
      // The extension context may be gone; English still reads well.
    }
  }
  return fromCatalogue(key, substitutions);
}
