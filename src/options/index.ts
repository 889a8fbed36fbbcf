import 'webext-base-css/webext-base.css';
import './theme.css';
import './options.css';
import browser from 'webextension-polyfill';
import { localizePage, type MessageKey, t } from '../settings/localize';
import {
  type CustomSite,
  loadSettings,
  onSettingsChange,
  replaceSettings,
  resetSettings,
  type Settings,
  setHostEnabled,
  setSiteEnabled,
  updateSettings,
} from '../settings/settings';
import { askTab } from '../settings/tab-messages';
import {
  exportSettings,
  type ImportError,
  MAX_IMPORT_BYTES,
  parseImport,
} from '../settings/transfer';
import { LIMITS, normalizeHost, selectorParses } from '../settings/validate';
import { siteEntries } from './site-list';

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the options page`);
  return element as T;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

type AnalysisSwitch = 'nearMatching' | 'truncatedLeads' | 'stripTracking';
type DisplaySwitch = 'startCollapsed' | 'showBadge';
const ANALYSIS_SWITCHES: readonly AnalysisSwitch[] = [
  'nearMatching',
  'truncatedLeads',
  'stripTracking',
];
const DISPLAY_SWITCHES: readonly DisplaySwitch[] = ['startCollapsed', 'showBadge'];
const THRESHOLDS = ['minRunChars', 'minRunWords'] as const;

/** The settings as last read; every control writes a change on top of them. */
let current: Settings;

// ── Saving ────────────────────────────────────────────────────────────────

const saveStatus = byId('save-status');
let saveStatusTimer: ReturnType<typeof setTimeout> | undefined;

function announceSaved(): void {
  saveStatus.textContent = t('savedStatus');
  clearTimeout(saveStatusTimer);
  saveStatusTimer = setTimeout(() => {
    saveStatus.textContent = '';
  }, 1500);
}

async function save(change: () => Promise<void>): Promise<boolean> {
  try {
    await change();
    announceSaved();
    return true;
  } catch (error) {
    saveStatus.textContent = t('saveError', error instanceof Error ? error.message : String(error));
    return false;
  }
}

/**
 * Saves a change, and applies it to `current` at once: a second change made before storage
 * reports the first one must build on it, not on the settings from before.
 */
function apply(patch: Partial<Settings>): Promise<boolean> {
  current = { ...current, ...patch };
  return save(() => updateSettings(patch));
}

// ── General settings ──────────────────────────────────────────────────────

function setUpGeneral(): void {
  for (const key of THRESHOLDS) {
    const input = byId<HTMLInputElement>(key);
    input.min = String(LIMITS[key].min);
    input.max = String(LIMITS[key].max);
    input.addEventListener('input', () => {
      input.setAttribute('aria-invalid', String(!input.checkValidity()));
    });
    input.addEventListener('change', () => {
      if (!input.checkValidity()) return;
      void apply({ analysis: { ...current.analysis, [key]: input.valueAsNumber } });
    });
  }
  for (const key of ANALYSIS_SWITCHES) {
    const input = byId<HTMLInputElement>(key);
    input.addEventListener('change', () => {
      void apply({ analysis: { ...current.analysis, [key]: input.checked } });
    });
  }
  for (const key of DISPLAY_SWITCHES) {
    const input = byId<HTMLInputElement>(key);
    input.addEventListener('change', () => void apply({ [key]: input.checked }));
  }
}

/** Shows the settings in the controls, except one the user is typing in. */
function renderGeneral(settings: Settings): void {
  for (const key of THRESHOLDS) {
    const input = byId<HTMLInputElement>(key);
    if (document.activeElement !== input) {
      input.value = String(settings.analysis[key]);
      input.removeAttribute('aria-invalid');
    }
  }
  for (const key of ANALYSIS_SWITCHES) byId<HTMLInputElement>(key).checked = settings.analysis[key];
  for (const key of DISPLAY_SWITCHES) byId<HTMLInputElement>(key).checked = settings[key];
}

// ── Sites and hosts ───────────────────────────────────────────────────────

function emptyRow(key: MessageKey): HTMLLIElement {
  return element('li', { className: 'empty', textContent: t(key) });
}

function renderSites(settings: Settings): void {
  const list = byId('site-list');
  const focusedId = document.activeElement?.id;
  list.replaceChildren(
    ...siteEntries.map((site) => {
      const id = `site-${site.id}`;
      const input = element('input', {
        type: 'checkbox',
        id,
        checked: !settings.disabledSites.includes(site.id),
      });
      input.addEventListener(
        'change',
        () => void save(() => setSiteEnabled(site.id, input.checked)),
      );
      const label = element(
        'label',
        { htmlFor: id, className: 'row-main' },
        site.id === 'generic' ? t('siteGenericName') : site.name,
        element('span', { className: 'row-detail', textContent: site.hosts.join(', ') }),
      );
      return element('li', {}, element('div', { className: 'check' }, input, label));
    }),
  );
  if (siteEntries.length === 0) list.append(emptyRow('sitesEmpty'));
  if (focusedId) document.getElementById(focusedId)?.focus();
}

function renderHosts(settings: Settings): void {
  const list = byId('host-list');
  list.replaceChildren(
    ...settings.disabledHosts.map((host) => {
      const button = element('button', {
        type: 'button',
        className: 'small',
        textContent: t('hostEnableButton'),
      });
      button.setAttribute('aria-label', t('hostEnableLabel', host));
      button.addEventListener('click', () => void save(() => setHostEnabled(host, true)));
      return element(
        'li',
        {},
        element('span', { className: 'row-main', textContent: host }),
        button,
      );
    }),
  );
  if (settings.disabledHosts.length === 0) list.append(emptyRow('disabledHostsEmpty'));
}

// ── Custom sites ──────────────────────────────────────────────────────────

const customForm = byId<HTMLFormElement>('custom-form');
const customInputs = {
  host: byId<HTMLInputElement>('custom-host'),
  post: byId<HTMLInputElement>('custom-post'),
  body: byId<HTMLInputElement>('custom-body'),
};
const testResult = byId<HTMLOutputElement>('custom-test-result');

/** The form's site, or null after marking what is wrong. */
function readCustomForm(markErrors: boolean): CustomSite | null {
  const host = normalizeHost(customInputs.host.value);
  const post = customInputs.post.value.trim();
  const body = customInputs.body.value.trim();
  const valid = { host: host !== null, post: selectorParses(post), body: selectorParses(body) };
  if (markErrors) {
    for (const field of ['host', 'post', 'body'] as const) {
      customInputs[field].setAttribute('aria-invalid', String(!valid[field]));
      byId(`custom-${field}-error`).hidden = valid[field];
    }
  }
  return host !== null && valid.post && valid.body ? { host, post, body } : null;
}

function clearCustomErrors(field: keyof typeof customInputs): void {
  customInputs[field].removeAttribute('aria-invalid');
  byId(`custom-${field}-error`).hidden = true;
}

/**
 * Counts what the selectors match in an open tab of the site, by asking that tab's content
 * script. It only answers where the extension runs, so the site must be allowed first.
 */
async function testCustomSite(site: CustomSite): Promise<string> {
  const tabs = await browser.tabs.query({ url: `*://${site.host}/*` });
  tabs.sort((a, b) => Number(b.active) - Number(a.active));
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    const answer = await askTab(tab.id, {
      type: 'collapse-repeats:test-selectors',
      post: site.post,
      body: site.body,
    });
    if (answer) {
      return t('customTestResult', [
        String(answer.posts),
        String(answer.bodies),
        tab.title ?? site.host,
      ]);
    }
  }
  return t('customTestNoTab', site.host);
}

let liveTestTimer: ReturnType<typeof setTimeout> | undefined;
let testRun = 0;

async function runTest(explicit: boolean): Promise<void> {
  const site = readCustomForm(explicit);
  const run = ++testRun;
  if (!site) {
    testResult.value = explicit ? t('customTestInvalid') : '';
    return;
  }
  const text = await testCustomSite(site);
  if (run === testRun) testResult.value = text;
}

function setUpCustomForm(): void {
  for (const field of ['host', 'post', 'body'] as const) {
    customInputs[field].addEventListener('input', () => {
      clearCustomErrors(field);
      clearTimeout(liveTestTimer);
      liveTestTimer = setTimeout(() => void runTest(false), 400);
    });
  }
  byId('custom-test').addEventListener('click', () => void runTest(true));
  customForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const site = readCustomForm(true);
    if (!site) {
      customForm.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    // Asked right away, while the submit still counts as a user gesture.
    const permission = browser.permissions
      .request({ origins: [`*://${site.host}/*`] })
      .catch(() => false);
    const others = current.customSites.filter((saved) => saved.host !== site.host);
    void apply({ customSites: [...others, site] }).then(async (saved) => {
      if (!saved) return;
      testResult.value = (await permission)
        ? t('customSaved', site.host)
        : t('customSavedNoPermission', site.host);
    });
  });
}

function renderCustomSites(settings: Settings): void {
  const list = byId('custom-list');
  list.replaceChildren(
    ...settings.customSites.map((site) => {
      const edit = element('button', {
        type: 'button',
        className: 'small',
        textContent: t('customEdit'),
      });
      edit.setAttribute('aria-label', t('customEditLabel', site.host));
      edit.addEventListener('click', () => {
        customInputs.host.value = site.host;
        customInputs.post.value = site.post;
        customInputs.body.value = site.body;
        customInputs.host.focus();
        void runTest(false);
      });
      const remove = element('button', {
        type: 'button',
        className: 'small',
        textContent: t('customRemove'),
      });
      remove.setAttribute('aria-label', t('customRemoveLabel', site.host));
      remove.addEventListener('click', () => {
        const customSites = current.customSites.filter((saved) => saved.host !== site.host);
        void apply({ customSites });
      });
      const detail = element('span', {
        className: 'row-detail monospace-field',
        textContent: `${site.post}  →  ${site.body}`,
      });
      return element(
        'li',
        {},
        element('span', { className: 'row-main' }, site.host, detail),
        edit,
        remove,
      );
    }),
  );
  if (settings.customSites.length === 0) list.append(emptyRow('customListEmpty'));
}

// ── Export, import, reset ─────────────────────────────────────────────────

const backupError = byId('backup-error');
const backupStatus = byId('backup-status-text');
const undoButton = byId<HTMLButtonElement>('undo');
/** The settings before the last reset, for "Undo". */
let beforeReset: Settings | undefined;

function showBackupStatus(key: MessageKey | null, error: string | null = null): void {
  backupStatus.textContent = key ? t(key) : '';
  backupError.textContent = error ?? '';
  undoButton.hidden = beforeReset === undefined;
}

export function importErrorMessage(error: ImportError): string {
  switch (error.kind) {
    case 'too-large':
      return t('importErrorTooLarge');
    case 'not-json':
      return t('importErrorNotJson');
    case 'not-settings':
      return t('importErrorNotSettings');
    case 'newer-version':
      return t('importErrorNewer', String(error.version));
    case 'unknown-field':
      return t('importErrorUnknownField', error.path);
    case 'bad-value':
      return t('importErrorBadValue', error.path || '/');
  }
}

async function importFile(file: File): Promise<void> {
  beforeReset = undefined;
  if (file.size > MAX_IMPORT_BYTES) {
    showBackupStatus(null, t('importErrorTooLarge'));
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    showBackupStatus(null, t('importErrorRead'));
    return;
  }
  const result = parseImport(text);
  if (!result.ok) {
    showBackupStatus(null, importErrorMessage(result.error));
    return;
  }
  if (await save(() => replaceSettings(result.settings))) showBackupStatus('importDone');
}

function setUpBackup(): void {
  byId('export').addEventListener('click', () => {
    const blob = new Blob([exportSettings(current)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    element('a', { href: url, download: 'collapse-repeats-settings.json' }).click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  });
  const fileInput = byId<HTMLInputElement>('import-file');
  byId('import').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    const [file] = fileInput.files ?? [];
    fileInput.value = '';
    if (file) void importFile(file);
  });
  byId('reset').addEventListener('click', async () => {
    const previous = current;
    if (await save(resetSettings)) {
      beforeReset = previous;
      showBackupStatus('resetDone');
      undoButton.focus();
    }
  });
  undoButton.addEventListener('click', async () => {
    const previous = beforeReset;
    if (!previous) return;
    if (await save(() => replaceSettings(previous))) {
      beforeReset = undefined;
      showBackupStatus('undoDone');
      byId('reset').focus();
    }
  });
}

// ── Start ─────────────────────────────────────────────────────────────────

function render(settings: Settings): void {
  current = settings;
  renderGeneral(settings);
  renderSites(settings);
  renderHosts(settings);
  renderCustomSites(settings);
}

async function main(): Promise<void> {
  localizePage(document);
  setUpGeneral();
  setUpCustomForm();
  setUpBackup();
  render(await loadSettings());
  // Changes from the popup, the toolbar menu or another options tab show up here at once.
  onSettingsChange(render, new AbortController().signal);
}

void main();
