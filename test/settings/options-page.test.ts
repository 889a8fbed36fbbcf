import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CURRENT_VERSION } from '../../src/settings/migrations';
import { DEFAULT_SETTINGS } from '../../src/settings/settings';
import { MAX_IMPORT_BYTES } from '../../src/settings/transfer';
import { fake, getMessage } from './fake-browser';
import { loadPage, settle } from './pages';

vi.mock('webextension-polyfill', async () => (await import('./fake-browser')).polyfillModule);

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`${selector} not found`);
  return element;
};

async function openOptions(): Promise<void> {
  loadPage('src/options/index.html');
  vi.resetModules();
  await import('../../src/options/index.ts');
  await settle();
}

function chooseFile(file: File): void {
  const input = $<HTMLInputElement>('#import-file');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
}

const stored = {
  version: CURRENT_VERSION,
  ...DEFAULT_SETTINGS,
  showBadge: false,
  disabledHosts: ['quiet.example'],
  customSites: [{ host: 'social.example.org', post: 'article', body: '.content' }],
};

beforeEach(async () => {
  fake.reset();
  for (const [key, value] of Object.entries(stored)) fake.sync.set(key, structuredClone(value));
  await openOptions();
});

describe('options page', () => {
  it('is translated and shows the stored settings', () => {
    expect(document.title).toBe(getMessage('optionsTitle'));
    expect($('label[for="minRunChars"]').textContent).toBe(getMessage('minRunCharsLabel'));
    expect($<HTMLInputElement>('#minRunChars').value).toBe(
      String(DEFAULT_SETTINGS.analysis.minRunChars),
    );
    expect($<HTMLInputElement>('#showBadge').checked).toBe(false);
    expect($<HTMLInputElement>('#startCollapsed').checked).toBe(true);
    expect($('#host-list').textContent).toContain('quiet.example');
    expect($('#custom-list').textContent).toContain('social.example.org');
  });

  it('labels every control', () => {
    for (const control of document.querySelectorAll<HTMLInputElement | HTMLButtonElement>(
      'input, button',
    )) {
      if (control.type === 'file') continue;
      const name =
        control.labels?.[0]?.textContent ||
        control.getAttribute('aria-label') ||
        control.textContent;
      expect(name?.trim(), control.outerHTML).toBeTruthy();
    }
  });

  it('saves a changed switch and threshold', async () => {
    $<HTMLInputElement>('#nearMatching').click();
    const chars = $<HTMLInputElement>('#minRunChars');
    chars.value = '250';
    chars.dispatchEvent(new Event('change'));
    await settle();
    expect(fake.sync.get('analysis')).toMatchObject({ nearMatching: false, minRunChars: 250 });
  });

  it('does not save a threshold out of range', async () => {
    const chars = $<HTMLInputElement>('#minRunChars');
    chars.value = '3';
    chars.dispatchEvent(new Event('input'));
    chars.dispatchEvent(new Event('change'));
    await settle();
    expect(chars.getAttribute('aria-invalid')).toBe('true');
    expect(fake.sync.get('analysis')).toEqual(DEFAULT_SETTINGS.analysis);
  });

  it('shows changes made elsewhere at once', async () => {
    const { setHostEnabled } = await import('../../src/settings/settings');
    await setHostEnabled('quiet.example', true);
    await settle();
    expect($('#host-list').textContent).not.toContain('quiet.example');
  });

  it.each([
    ['malformed JSON', '{"version": 1,', 'importErrorNotJson', []],
    [
      'a wrong type',
      JSON.stringify({ version: 1, showBadge: 'no' }),
      'importErrorBadValue',
      ['showBadge'],
    ],
    [
      'an unknown key',
      JSON.stringify({ version: 1, theme: 'dark' }),
      'importErrorUnknownField',
      ['theme'],
    ],
    ['another JSON file', JSON.stringify({ name: 'package' }), 'importErrorNotSettings', []],
  ])(
    'refuses a file with %s, shows why and changes nothing',
    async (_, text, key, substitutions) => {
      const before = fake.snapshot();
      chooseFile(new File([text], 'settings.json', { type: 'application/json' }));
      await settle();
      expect($('#backup-error').textContent).toBe(getMessage(key, substitutions));
      expect($('#backup-error').getAttribute('role')).toBe('alert');
      expect(fake.snapshot()).toEqual(before);
    },
  );

  it('refuses an oversized file without reading it', async () => {
    const before = fake.snapshot();
    const file = new File(['x'.repeat(MAX_IMPORT_BYTES + 1)], 'big.json');
    file.text = () => Promise.reject(new Error('must not be read'));
    chooseFile(file);
    await settle();
    expect($('#backup-error').textContent).toBe(getMessage('importErrorTooLarge'));
    expect(fake.snapshot()).toEqual(before);
  });

  it('imports a valid file', async () => {
    const text = JSON.stringify({ version: 1, startCollapsed: false });
    chooseFile(new File([text], 'settings.json'));
    await settle();
    expect($('#backup-status-text').textContent).toBe(getMessage('importDone'));
    expect($('#backup-error').textContent).toBe('');
    expect(fake.sync.get('startCollapsed')).toBe(false);
    expect(fake.sync.get('showBadge')).toBe(true);
    expect(fake.sync.get('customSites')).toEqual([]);
    expect($<HTMLInputElement>('#startCollapsed').checked).toBe(false);
  });

  it('resets to defaults, and undoes the reset', async () => {
    $('#reset').click();
    await settle();
    expect(fake.sync.get('disabledHosts')).toEqual([]);
    expect($<HTMLButtonElement>('#undo').hidden).toBe(false);
    $('#undo').click();
    await settle();
    expect(fake.sync.get('disabledHosts')).toEqual(['quiet.example']);
    expect(fake.sync.get('showBadge')).toBe(false);
  });

  it('marks a bad custom site and saves nothing', async () => {
    $<HTMLInputElement>('#custom-host').value = 'not a domain';
    $<HTMLInputElement>('#custom-post').value = 'div[';
    $<HTMLInputElement>('#custom-body').value = '.ok';
    $<HTMLFormElement>('#custom-form').requestSubmit();
    await settle();
    expect($('#custom-host').getAttribute('aria-invalid')).toBe('true');
    expect($('#custom-post').getAttribute('aria-invalid')).toBe('true');
    expect($('#custom-body').getAttribute('aria-invalid')).toBe('false');
    expect($('#custom-host-error').hidden).toBe(false);
    expect(fake.sync.get('customSites')).toEqual(stored.customSites);
  });

  it('saves a custom site, asking for its host', async () => {
    $<HTMLInputElement>('#custom-host').value = 'https://Forum.Example.net/latest';
    $<HTMLInputElement>('#custom-post').value = '.topic-post';
    $<HTMLInputElement>('#custom-body').value = '.cooked';
    $<HTMLFormElement>('#custom-form').requestSubmit();
    await settle();
    expect(fake.sync.get('customSites')).toEqual([
      ...stored.customSites,
      { host: 'forum.example.net', post: '.topic-post', body: '.cooked' },
    ]);
    expect(fake.grantedOrigins.has('*://forum.example.net/*')).toBe(true);
    expect($('#custom-test-result').textContent).toBe(
      getMessage('customSaved', 'forum.example.net'),
    );
  });

  it('tests the selectors in an open tab of the site', async () => {
    fake.activeTab = {
      id: 7,
      url: 'https://forum.example.net/t/1',
      title: 'A topic',
      active: true,
    };
    fake.contentScript = (message) =>
      message.type === 'collapse-repeats:test-selectors' ? { posts: 4, bodies: 3 } : undefined;
    $<HTMLInputElement>('#custom-host').value = 'forum.example.net';
    $<HTMLInputElement>('#custom-post').value = '.topic-post';
    $<HTMLInputElement>('#custom-body').value = '.cooked';
    $('#custom-test').click();
    await settle();
    expect(fake.sentToTabs.at(-1)?.message).toEqual({
      type: 'collapse-repeats:test-selectors',
      post: '.topic-post',
      body: '.cooked',
    });
    expect($('#custom-test-result').textContent).toBe(
      getMessage('customTestResult', ['4', '3', 'A topic']),
    );
  });

  it('says so when no tab of the site can answer', async () => {
    $<HTMLInputElement>('#custom-host').value = 'elsewhere.example';
    $<HTMLInputElement>('#custom-post').value = 'article';
    $<HTMLInputElement>('#custom-body').value = 'p';
    $('#custom-test').click();
    await settle();
    expect($('#custom-test-result').textContent).toBe(
      getMessage('customTestNoTab', 'elsewhere.example'),
    );
  });
});
