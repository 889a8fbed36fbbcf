import { describe, expect, it, vi } from 'vitest';
import { CURRENT_VERSION } from '../../src/settings/migrations';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/settings';
import { exportSettings, MAX_IMPORT_BYTES, parseImport } from '../../src/settings/transfer';

vi.mock('webextension-polyfill', async () => (await import('./fake-browser')).polyfillModule);

const customised: Settings = {
  analysis: {
    minRunChars: 140,
    minRunWords: 18,
    nearMatching: false,
    truncatedLeads: true,
    stripTracking: false,
  },
  showBadge: false,
  startCollapsed: false,
  disabledSites: ['reddit'],
  disabledHosts: ['quiet.example'],
  customSites: [{ host: 'social.example.org', post: 'article', body: '.e-content' }],
};

const file = (value: unknown) => JSON.stringify(value);

describe('export', () => {
  it('writes the version and every setting, and imports back to the same settings', () => {
    const text = exportSettings(customised);
    expect(JSON.parse(text)).toEqual({ version: CURRENT_VERSION, ...customised });
    expect(parseImport(text)).toEqual({ ok: true, settings: customised });
  });
});

describe('import', () => {
  it('fills settings a file leaves out with defaults', () => {
    expect(parseImport(file({ version: 1, showBadge: false }))).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, showBadge: false },
    });
  });

  it.each([
    ['empty', ''],
    ['truncated', '{"version": 1, "showBadge": fal'],
    ['not JSON at all', 'showBadge = false'],
  ])('refuses malformed JSON (%s)', (_, text) => {
    expect(parseImport(text)).toEqual({ ok: false, error: { kind: 'not-json' } });
  });

  it.each([
    ['a list', []],
    ['a number', 3],
    ['null', null],
    ['an object without a version', { showBadge: false }],
    ['a string version', { version: '1' }],
    ['version 0', { version: 0 }],
    ['a fractional version', { version: 1.5 }],
  ])('refuses JSON that is not a settings file: %s', (_, value) => {
    expect(parseImport(file(value))).toEqual({ ok: false, error: { kind: 'not-settings' } });
  });

  it('refuses a file from a newer version', () => {
    expect(parseImport(file({ version: CURRENT_VERSION + 1 }))).toEqual({
      ok: false,
      error: { kind: 'newer-version', version: CURRENT_VERSION + 1 },
    });
  });

  it.each([
    ['a string threshold', { analysis: { minRunChars: '90' } }, 'analysis.minRunChars'],
    ['a threshold out of range', { analysis: { minRunWords: 0 } }, 'analysis.minRunWords'],
    ['a number as a switch', { showBadge: 0 }, 'showBadge'],
    ['a host that is a URL', { disabledHosts: ['https://a.example/'] }, 'disabledHosts[0]'],
    ['a list that is a string', { disabledSites: 'reddit' }, 'disabledSites'],
    [
      'a selector that does not parse',
      { customSites: [{ host: 'a.example', post: 'div[', body: 'p' }] },
      'customSites[0].post',
    ],
    [
      'a custom site without a body',
      { customSites: [{ host: 'a.example', post: 'div' }] },
      'customSites[0].body',
    ],
  ])('refuses wrong types: %s', (_, fields, path) => {
    expect(parseImport(file({ version: 1, ...fields }))).toEqual({
      ok: false,
      error: { kind: 'bad-value', path },
    });
  });

  it.each([
    ['at the top', { theme: 'dark' }, 'theme'],
    ['in analysis', { analysis: { minRunChars: 90, fuzzy: true } }, 'analysis.fuzzy'],
    [
      'in a custom site',
      { customSites: [{ host: 'a.example', post: 'a', body: 'b', x: 1 }] },
      'customSites[0].x',
    ],
  ])('refuses unknown keys %s', (_, fields, path) => {
    expect(parseImport(file({ version: 1, ...fields }))).toEqual({
      ok: false,
      error: { kind: 'unknown-field', path },
    });
  });

  it('refuses an oversized file before parsing it', () => {
    const padding = ' '.repeat(MAX_IMPORT_BYTES);
    expect(parseImport(`${padding}${file({ version: 1 })}`)).toEqual({
      ok: false,
      error: { kind: 'too-large' },
    });
  });

  it('counts the size in bytes, not characters', () => {
    const host = 'ä'.repeat(MAX_IMPORT_BYTES / 2);
    expect(parseImport(file({ version: 1, note: host }))).toEqual({
      ok: false,
      error: { kind: 'too-large' },
    });
  });
});
