import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small in-memory stand-in for the parts of `webextension-polyfill` the settings, popup and
 * options code use. The real polyfill throws outside an extension. Use it with:
 *   vi.mock('webextension-polyfill', async () => (await import('./fake-browser')).polyfillModule);
 */

type ChangeListener = (
  changes: Record<string, { oldValue?: unknown; newValue?: unknown }>,
  area: string,
) => void;
type MessageListener = (message: unknown, sender: { tab?: { id?: number } }) => unknown;

const locale = JSON.parse(
  readFileSync(join(process.cwd(), 'src/public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** Chrome's substitution rules, enough for tests: $NAME$ → placeholder content → $n. */
export function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = locale[key];
  if (!entry) return '';
  const values = substitutions === undefined ? [] : [substitutions].flat();
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, index: string) => values[Number(index) - 1] ?? '');
  });
}

const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

export const fake = {
  sync: new Map<string, unknown>(),
  storageListeners: new Set<ChangeListener>(),
  messageListeners: new Set<MessageListener>(),
  /** Makes the next writes fail, as an exceeded quota does. */
  failWrites: false,
  activeTab: { id: 7, url: 'https://social.example.org/home', title: 'Home', active: true } as {
    id: number;
    url?: string;
    title?: string;
    active: boolean;
  },
  /** What the content script of a tab answers; undefined: no content script there. */
  contentScript: undefined as ((message: { type: string }) => unknown) | undefined,
  grantedOrigins: new Set<string>(),
  /** Whether the user accepts the next permission prompt. */
  acceptPermission: true,
  sentToTabs: [] as { tabId: number; message: unknown }[],

  reset(): void {
    fake.sync.clear();
    fake.storageListeners.clear();
    fake.messageListeners.clear();
    fake.failWrites = false;
    fake.activeTab = { id: 7, url: 'https://social.example.org/home', title: 'Home', active: true };
    fake.contentScript = undefined;
    fake.grantedOrigins.clear();
    fake.acceptPermission = true;
    fake.sentToTabs = [];
  },

  emitChanges(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>): void {
    if (Object.keys(changes).length === 0) return;
    for (const listener of fake.storageListeners) listener(changes, 'sync');
  },

  snapshot(): Record<string, unknown> {
    return clone(Object.fromEntries(fake.sync));
  },
};

const browser = {
  storage: {
    sync: {
      async get(keys: null | string | string[]) {
        const all = fake.snapshot();
        if (keys === null) return all;
        return Object.fromEntries(
          [keys]
            .flat()
            .filter((k) => k in all)
            .map((k) => [k, all[k]]),
        );
      },
      async set(items: Record<string, unknown>) {
        if (fake.failWrites) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
        const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
        for (const [key, value] of Object.entries(items)) {
          changes[key] = { oldValue: clone(fake.sync.get(key)), newValue: clone(value) };
          fake.sync.set(key, clone(value));
        }
        fake.emitChanges(changes);
      },
      async remove(keys: string | string[]) {
        const changes: Record<string, { oldValue?: unknown }> = {};
        for (const key of [keys].flat()) {
          if (fake.sync.has(key)) changes[key] = { oldValue: fake.sync.get(key) };
          fake.sync.delete(key);
        }
        fake.emitChanges(changes);
      },
    },
    onChanged: {
      addListener: (listener: ChangeListener) => fake.storageListeners.add(listener),
      removeListener: (listener: ChangeListener) => fake.storageListeners.delete(listener),
    },
  },
  i18n: {
    getMessage(key: string, substitutions?: string | string[]) {
      if (key === '@@ui_locale') return 'en';
      if (key === '@@bidi_dir') return 'ltr';
      return getMessage(key, substitutions);
    },
  },
  runtime: {
    onMessage: {
      addListener: (listener: MessageListener) => fake.messageListeners.add(listener),
      removeListener: (listener: MessageListener) => fake.messageListeners.delete(listener),
    },
    openOptionsPage: async () => undefined,
  },
  tabs: {
    async query(filter: { url?: string; active?: boolean }) {
      const tab = fake.activeTab;
      if (filter.url !== undefined) {
        const host = filter.url.replace(/^\*:\/\/|\/\*$/g, '');
        return tab.url && new URL(tab.url).hostname === host ? [tab] : [];
      }
      return [tab];
    },
    async sendMessage(tabId: number, message: { type: string }) {
      fake.sentToTabs.push({ tabId, message });
      if (tabId !== fake.activeTab.id || !fake.contentScript) {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      }
      return fake.contentScript(message);
    },
  },
  permissions: {
    async contains({ origins = [] }: { origins?: string[] }) {
      return origins.every((origin) => fake.grantedOrigins.has(origin));
    },
    async request({ origins = [] }: { origins?: string[] }) {
      if (!fake.acceptPermission) return false;
      for (const origin of origins) fake.grantedOrigins.add(origin);
      return true;
    },
  },
};

export const polyfillModule = { default: browser };
