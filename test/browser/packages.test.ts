/**
 * The store packages: `npm run package` is reproducible, the sources zip rebuilds the Firefox
 * add-on byte for byte, and each browser takes its own zip.
 */
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../scripts/zip';
import { launchChromiumContext, launchFirefoxBrowser } from './harness';

const ROOT = process.cwd();
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const artifact = (kind: string) =>
  path.join(ROOT, 'artifacts', `collapse-repeats-${version}-${kind}.zip`);
const KINDS = ['chrome', 'firefox', 'sources'];

const scratch = mkdtempSync(path.join(tmpdir(), 'collapse-repeats-packages-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function packageAll(cwd = ROOT, args: string[] = []): void {
  execFileSync('npx', ['tsx', 'scripts/package.ts', ...args], { cwd, stdio: 'pipe' });
}

/** Every file under `folder`, by relative path, with its bytes. */
function tree(folder: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(folder).sort()) {
    const full = path.join(folder, name);
    const inner = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) for (const entry of tree(full, inner)) files.set(...entry);
    else files.set(inner, readFileSync(full));
  }
  return files;
}

function unpack(zip: string, into: string): string {
  for (const entry of readZip(readFileSync(zip))) {
    const file = path.join(into, entry.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, entry.data);
  }
  return into;
}

describe('npm run package', () => {
  let first: Map<string, Buffer>;
  beforeAll(() => {
    packageAll();
    first = new Map(KINDS.map((kind) => [kind, readFileSync(artifact(kind))]));
  });

  it('writes the three zips, with manifest.json at the root of each browser zip', () => {
    for (const kind of ['chrome', 'firefox']) {
      const entries = readZip(first.get(kind) as Buffer);
      const manifest = entries.find((entry) => entry.path === 'manifest.json');
      expect(JSON.parse(Buffer.from(manifest?.data ?? []).toString()).version).toBe(version);
    }
    const sources = readZip(first.get('sources') as Buffer).map((entry) => entry.path);
    expect(sources).toContain('SOURCE-BUILD.md');
    expect(sources).toContain('package-lock.json');
    expect(sources.filter((file) => /^(node_modules|dist|artifacts)\//.test(file))).toEqual([]);
  });

  it('writes byte-identical zips on a second run', () => {
    packageAll();
    for (const kind of KINDS) {
      expect(readFileSync(artifact(kind)).equals(first.get(kind) as Buffer), kind).toBe(true);
    }
  });

  it('rebuilds dist/firefox byte for byte from the unpacked sources zip', () => {
    const unpacked = unpack(artifact('sources'), path.join(scratch, 'sources'));
    // What `npm ci` installs there: the same locked packages.
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(unpacked, 'node_modules'));
    execFileSync('npm', ['run', 'build-for-amo'], { cwd: unpacked, stdio: 'pipe' });
    const rebuilt = tree(path.join(unpacked, 'dist', 'firefox'));
    const original = tree(path.join(ROOT, 'dist', 'firefox'));
    expect([...rebuilt.keys()]).toEqual([...original.keys()]);
    for (const [file, bytes] of original) {
      expect(rebuilt.get(file)?.equals(bytes), file).toBe(true);
    }
    const rezipped = path.join(unpacked, 'artifacts', path.basename(artifact('firefox')));
    expect(readFileSync(rezipped).equals(first.get('firefox') as Buffer)).toBe(true);
  });
});

describe('the browser packages', () => {
  it('the Chrome zip loads in Chromium', async () => {
    const unpacked = unpack(artifact('chrome'), path.join(scratch, 'chrome'));
    const { context, close } = await launchChromiumContext(unpacked);
    try {
      const worker =
        context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
        (await context.waitForEvent('serviceworker'));
      type Runtime = { chrome: { runtime: { getManifest(): { version: string } } } };
      const loaded = await worker.evaluate(
        () => (globalThis as unknown as Runtime).chrome.runtime.getManifest().version,
      );
      expect(loaded).toBe(version);
    } finally {
      await close();
    }
  });

  it('the Firefox zip installs in Firefox', async () => {
    const browser = await launchFirefoxBrowser(null);
    try {
      expect(await browser.installExtension(artifact('firefox'))).toBe(
        'collapse-repeats@collapse-repeats.app',
      );
    } finally {
      await browser.close();
    }
  });
});
