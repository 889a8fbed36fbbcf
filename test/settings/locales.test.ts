import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

const LOCALES_DIR = join(process.cwd(), 'src/public/_locales');
const SHIPPED = ['de', 'en', 'es', 'fr', 'ja', 'pt_BR'];

function read(locale: string): Record<string, Entry> {
  return JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8'));
}

/** Placeholder names the message uses, and the substitution each stands for. */
function placeholdersOf(entry: Entry): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => [
      name.toLowerCase(),
      content,
    ]),
  );
}

const english = read('en');

describe('locales', () => {
  it('ship exactly the promised languages', () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual(SHIPPED);
  });

  it('describe every English message for translators', () => {
    const undescribed = Object.entries(english).filter(([, entry]) => !entry.description?.trim());
    expect(undescribed.map(([key]) => key)).toEqual([]);
  });

  it.each(SHIPPED)(
    '%s uses every placeholder it declares, and declares every one it uses',
    (locale) => {
      for (const [key, entry] of Object.entries(read(locale))) {
        const used = [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) =>
          (m[1] ?? '').toLowerCase(),
        );
        expect(new Set(used), `${locale}/${key}`).toEqual(
          new Set(Object.keys(placeholdersOf(entry))),
        );
      }
    },
  );

  it.each(SHIPPED.filter((locale) => locale !== 'en'))(
    '%s has the same keys and placeholders as en',
    (locale) => {
      const translated = read(locale);
      expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
      for (const [key, entry] of Object.entries(english)) {
        const other = translated[key];
        expect(other?.message.trim(), `${locale}/${key} is empty`).toBeTruthy();
        expect(other && placeholdersOf(other), `${locale}/${key}`).toEqual(placeholdersOf(entry));
      }
    },
  );

  it('has a message for every data-i18n key of the extension pages', () => {
    for (const page of ['src/options/index.html', 'src/popup/index.html']) {
      const html = readFileSync(join(process.cwd(), page), 'utf8');
      const keys = [...html.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)].map((m) => m[1] ?? '');
      expect(keys.length, page).toBeGreaterThan(0);
      expect(
        keys.filter((key) => !(key in english)),
        page,
      ).toEqual([]);
    }
  });
});
