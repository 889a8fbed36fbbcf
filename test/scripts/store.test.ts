import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt_BR', 'ja'];
const SECTIONS = ['Name', 'Short description', 'Description', 'Category'];
/** The Chrome Web Store's limit for the short description (the manifest's description). */
const SHORT_LIMIT = 132;

/** The text under each `## Section` of a listing. */
function sections(language: string): Map<string, string> {
  const file = path.join(process.cwd(), 'docs/store/listings', `${language}.md`);
  const parts = readFileSync(file, 'utf8').split(/^## /m).slice(1);
  return new Map(
    parts.map((part) => {
      const [title = '', ...body] = part.split('\n');
      return [title.trim(), body.join('\n').trim()];
    }),
  );
}

function manifestDescription(language: string): string {
  const file = path.join(process.cwd(), 'src/public/_locales', language, 'messages.json');
  return JSON.parse(readFileSync(file, 'utf8')).extensionDescription.message;
}

describe.each(LANGUAGES)('the %s store listing', (language) => {
  const listing = sections(language);

  it('fills every section', () => {
    expect([...listing.keys()]).toEqual(SECTIONS);
    for (const [title, text] of listing) expect(text, title).not.toBe('');
  });

  it('keeps the name, and a short description that fits and matches the manifest', () => {
    expect(listing.get('Name')).toBe('Collapse Repeats');
    const short = listing.get('Short description') ?? '';
    expect([...short].length).toBeLessThanOrEqual(SHORT_LIMIT);
    expect(short).toBe(manifestDescription(language));
  });
});
