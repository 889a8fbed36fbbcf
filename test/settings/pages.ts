import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Puts an extension page's markup into the jsdom document, without running its scripts. */
export function loadPage(path: string): void {
  const html = readFileSync(join(process.cwd(), path), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const script of parsed.querySelectorAll('script')) script.remove();
  document.documentElement.replaceWith(document.importNode(parsed.documentElement, true));
}

/** Lets pending promise callbacks and storage events run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
