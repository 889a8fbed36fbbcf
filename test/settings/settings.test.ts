import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ANALYSIS_OPTIONS } from '../../src/core/analyse';
import {
  CURRENT_VERSION,
  MIGRATIONS,
  type Migration,
  migrate,
} from '../../src/settings/migrations';
import {
  DEFAULT_SETTINGS,
  hostOf,
  isEnabledFor,
  loadSettings,
  migrateStoredSettings,
  onSettingsChange,
  originPattern,
  replaceSettings,
  resetSettings,
  type Settings,
  setHostEnabled,
  setSiteEnabled,
  updateSettings,
} from '../../src/settings/settings';
import { checkSettings, LIMITS, validateSettings } from '../../src/settings/validate';
import { fake } from './fake-browser';

vi.mock('webextension-polyfill', async () => (await import('./fake-browser')).polyfillModule);

beforeEach(() => fake.reset());

const custom = { host: 'social.example.org', post: 'article.status', body: '.status__content' };

describe('defaults', () => {
  it('take the thresholds and switches from the core, without pageHost', () => {
    const { minRunChars, minRunWords, nearMatching, truncatedLeads, stripTracking } =
      DEFAULT_ANALYSIS_OPTIONS;
    expect(DEFAULT_SETTINGS.analysis).toEqual({
      minRunChars,
      minRunWords,
      nearMatching,
      truncatedLeads,
      stripTracking,
    });
    expect(DEFAULT_SETTINGS.analysis).not.toHaveProperty('pageHost');
  });

  it('pass their own validation without a problem', () => {
    expect(checkSettings({ version: CURRENT_VERSION, ...DEFAULT_SETTINGS })).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: [],
    });
  });

  it('are what an empty storage reads as', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('validation on read', () => {
  it('keeps every valid value', () => {
    const settings: Settings = {
      analysis: {
        minRunChars: 150,
        minRunWords: 20,
        nearMatching: false,
        truncatedLeads: false,
        stripTracking: false,
      },
      showBadge: false,
      startCollapsed: false,
      disabledSites: ['mastodon'],
      disabledHosts: ['social.example.org'],
      customSites: [custom],
    };
    expect(checkSettings({ version: 1, ...settings })).toEqual({ settings, problems: [] });
  });

  it.each([
    ['a string threshold', { analysis: { minRunChars: '80' } }, 'analysis.minRunChars'],
    ['a fractional threshold', { analysis: { minRunWords: 12.5 } }, 'analysis.minRunWords'],
    [
      'a threshold below its range',
      { analysis: { minRunChars: LIMITS.minRunChars.min - 1 } },
      'analysis.minRunChars',
    ],
    [
      'a threshold above its range',
      { analysis: { minRunWords: LIMITS.minRunWords.max + 1 } },
      'analysis.minRunWords',
    ],
    ['NaN', { analysis: { minRunChars: Number.NaN } }, 'analysis.minRunChars'],
    ['a number as a switch', { analysis: { nearMatching: 1 } }, 'analysis.nearMatching'],
    ['analysis as a list', { analysis: [] }, 'analysis'],
    ['a string as a switch', { showBadge: 'yes' }, 'showBadge'],
    ['null as a switch', { startCollapsed: null }, 'startCollapsed'],
    ['a list that is an object', { disabledHosts: { 0: 'a.example' } }, 'disabledHosts'],
  ])('replaces %s with its default and reports it', (_, raw, path) => {
    const { settings, problems } = checkSettings(raw);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems).toContainEqual({ kind: 'bad-value', path });
  });

  it('keeps the valid siblings of a bad value', () => {
    const settings = validateSettings({
      analysis: { minRunChars: -5, minRunWords: 30, nearMatching: false },
    });
    expect(settings.analysis).toEqual({
      ...DEFAULT_SETTINGS.analysis,
      minRunWords: 30,
      nearMatching: false,
    });
  });

  it('drops only the bad entries of a list, and duplicates', () => {
    const { settings, problems } = checkSettings({
      disabledHosts: ['good.example', 'Bad Host', 42, 'good.example', 'https://x.example/'],
      disabledSites: ['mastodon', 'Not An Id', 'mastodon'],
    });
    expect(settings.disabledHosts).toEqual(['good.example']);
    expect(settings.disabledSites).toEqual(['mastodon']);
    expect(problems.map((p) => p.path)).toEqual([
      'disabledSites[1]',
      'disabledHosts[1]',
      'disabledHosts[2]',
      'disabledHosts[4]',
    ]);
  });

  it('drops a custom site with a bad field and keeps one site per host, the later winning', () => {
    const later = { ...custom, body: '.content' };
    const { settings, problems } = checkSettings({
      customSites: [custom, { ...custom, host: 'not a host' }, { ...custom, post: 'div[' }, later],
    });
    expect(settings.customSites).toEqual([later]);
    expect(problems).toContainEqual({ kind: 'bad-value', path: 'customSites[1].host' });
    expect(problems).toContainEqual({ kind: 'bad-value', path: 'customSites[2].post' });
  });

  it('refuses lists longer than storage can hold', () => {
    const hosts = Array.from({ length: LIMITS.hosts + 1 }, (_, i) => `h${i}.example`);
    expect(validateSettings({ disabledHosts: hosts }).disabledHosts).toEqual([]);
  });

  it('reports unknown fields but keeps reading', () => {
    const { settings, problems } = checkSettings({
      colour: 'red',
      analysis: { speed: 3, minRunWords: 9 },
    });
    expect(settings.analysis.minRunWords).toBe(9);
    expect(problems).toEqual([
      { kind: 'unknown-field', path: 'colour' },
      { kind: 'unknown-field', path: 'analysis.speed' },
    ]);
  });

  it('never throws, and always returns settings that validate cleanly', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.record({ analysis: fc.anything(), customSites: fc.anything() })),
        (raw) => {
          const settings = validateSettings(raw);
          expect(checkSettings(settings).problems).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('migrations', () => {
  it('are in strictly ascending order, ending at the current version', () => {
    const versions = MIGRATIONS.map((m) => m.to);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions.at(-1)).toBe(CURRENT_VERSION);
  });

  it('move unversioned flat thresholds under analysis', () => {
    const migrated = migrate({ minRunChars: 120, nearMatching: false, showBadge: false });
    expect(migrated).toEqual({
      version: 1,
      analysis: { minRunChars: 120, nearMatching: false },
      showBadge: false,
    });
  });

  it('let a grouped value win over a stray flat one', () => {
    expect(migrate({ minRunChars: 120, analysis: { minRunChars: 90 } })).toEqual({
      version: 1,
      analysis: { minRunChars: 90 },
    });
  });

  it('run in order, and only those newer than the data', () => {
    const trail: number[] = [];
    const step = (to: number): Migration => ({
      to,
      migrate: (data) => {
        trail.push(to);
        return { ...data, steps: [...((data.steps as number[]) ?? []), to] };
      },
    });
    const list = [step(1), step(2), step(3)];
    expect(migrate({ version: 1 }, list)).toEqual({ version: 3, steps: [2, 3] });
    expect(trail).toEqual([2, 3]);
    expect(migrate({}, list)).toEqual({ version: 3, steps: [1, 2, 3] });
  });

  it('leave data from a newer version alone', () => {
    expect(migrate({ version: CURRENT_VERSION + 5, minRunChars: 200 })).toEqual({
      version: CURRENT_VERSION + 5,
      minRunChars: 200,
    });
  });

  it('apply when reading, and are written back once after an update', async () => {
    fake.sync.set('minRunWords', 25);
    fake.sync.set('startCollapsed', false);
    expect(await loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      analysis: { ...DEFAULT_SETTINGS.analysis, minRunWords: 25 },
      startCollapsed: false,
    });
    await migrateStoredSettings();
    expect(fake.sync.get('version')).toBe(CURRENT_VERSION);
    expect(fake.sync.has('minRunWords')).toBe(false);
    expect(fake.sync.get('analysis')).toEqual({ ...DEFAULT_SETTINGS.analysis, minRunWords: 25 });
  });

  it('do not touch storage written by a newer version', async () => {
    fake.sync.set('version', CURRENT_VERSION + 1);
    fake.sync.set('futureSetting', true);
    const before = fake.snapshot();
    await migrateStoredSettings();
    expect(fake.snapshot()).toEqual(before);
  });
});

describe('storage', () => {
  it('writes only the changed settings, with the version', async () => {
    await updateSettings({ showBadge: false });
    const writes: string[][] = [];
    fake.storageListeners.add((changes) => writes.push(Object.keys(changes)));
    await updateSettings({ startCollapsed: false });
    expect(writes).toEqual([['version', 'startCollapsed']]);
    expect(await loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      showBadge: false,
      startCollapsed: false,
    });
  });

  it('never stores an invalid value', async () => {
    await updateSettings({ disabledHosts: ['ok.example', 'not ok'] });
    expect(fake.sync.get('disabledHosts')).toEqual(['ok.example']);
  });

  it('replaces everything and drops keys this version does not know', async () => {
    fake.sync.set('leftover', 1);
    await replaceSettings({ ...DEFAULT_SETTINGS, showBadge: false });
    expect(fake.sync.has('leftover')).toBe(false);
    expect(fake.sync.get('showBadge')).toBe(false);
  });

  it('resets to defaults', async () => {
    await updateSettings({ customSites: [custom], disabledHosts: ['a.example'] });
    await resetSettings();
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('switches hosts and sites off and on again', async () => {
    await setHostEnabled('a.example', false);
    await setHostEnabled('b.example', false);
    await setSiteEnabled('mastodon', false);
    let settings = await loadSettings();
    expect(settings.disabledHosts).toEqual(['a.example', 'b.example']);
    expect(isEnabledFor(settings, 'mastodon', 'c.example')).toBe(false);
    expect(isEnabledFor(settings, 'lemmy', 'a.example')).toBe(false);
    expect(isEnabledFor(settings, 'lemmy', 'c.example')).toBe(true);
    await setHostEnabled('a.example', true);
    await setSiteEnabled('mastodon', true);
    settings = await loadSettings();
    expect(settings.disabledHosts).toEqual(['b.example']);
    expect(isEnabledFor(settings, 'mastodon', 'a.example')).toBe(true);
  });

  it('reports a failed write to the caller', async () => {
    fake.failWrites = true;
    await expect(updateSettings({ showBadge: false })).rejects.toThrow(/quota/);
  });
});

describe('live changes', () => {
  it('call the listener with the new settings until the signal aborts', async () => {
    const seen: Settings[] = [];
    const controller = new AbortController();
    onSettingsChange((settings) => seen.push(settings), controller.signal);
    await setHostEnabled('a.example', false);
    await vi.waitFor(() => expect(seen.at(-1)?.disabledHosts).toEqual(['a.example']));
    controller.abort();
    expect(fake.storageListeners.size).toBe(0);
    const count = seen.length;
    await setHostEnabled('b.example', false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen.length).toBe(count);
  });

  it('ignore storage keys that are not settings', async () => {
    const listener = vi.fn();
    onSettingsChange(listener, new AbortController().signal);
    fake.emitChanges({ somethingElse: { newValue: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('hosts of pages', () => {
  it.each([
    ['https://social.example.org/@a/1', 'social.example.org', 'https://social.example.org/*'],
    ['http://127.0.0.1:8080/feed', '127.0.0.1', 'http://127.0.0.1/*'],
    ['chrome://extensions/', null, null],
    ['about:blank', null, null],
    [undefined, null, null],
    ['not a url', null, null],
  ])('%s → %s', (url, host, pattern) => {
    expect(hostOf(url)).toBe(host);
    expect(originPattern(url)).toBe(pattern);
  });
});
