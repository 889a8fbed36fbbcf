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
 * Answers of the source by key and substitutions. Asking the extension API goes through the
 * polyfill and the browser for every call (about 40 µs in Chromium), and a feed's bars ask
 * the same few questions again and again.
 */
const answers = new Map<string, string>();
/** Enough for every label of a long feed; past it the cache starts over. */
const MAX_ANSWERS = 1000;

/** Uses the extension's translations (from the content entry). */
export function setMessageSource(next: MessageSource | null): void {
  source = next;
  answers.clear();
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
    const question = [key, ...substitutions].join('\u0000');
    const known = answers.get(question);
    if (known !== undefined) return known;
    try {
      const translated = source(key, substitutions);
      if (translated) {
        if (answers.size >= MAX_ANSWERS) answers.clear();
        answers.set(question, translated);
        return translated;
      }
    } catch {
      // The extension context may be gone; English still reads well.
    }
  }
  return fromCatalogue(key, substitutions);
}
