import browser from 'webextension-polyfill';

/**
 * The one place that touches `storage.sync`. Kept apart so tests can replace the browser API,
 * and so the settings code above it deals in plain objects only.
 */

export type StoredItems = Record<string, unknown>;

export async function readStored(): Promise<StoredItems> {
  return browser.storage.sync.get(null);
}

export async function writeStored(items: StoredItems): Promise<void> {
  await browser.storage.sync.set(items);
}

export async function removeStored(keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await browser.storage.sync.remove([...keys]);
}

/** Calls `listener` with the changed keys of `storage.sync`, until `signal` aborts. */
export function watchStored(listener: (changedKeys: string[]) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'sync') listener(Object.keys(changes));
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), {
    once: true,
  });
}
