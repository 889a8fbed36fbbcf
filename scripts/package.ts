/**
 * `npm run package`: builds both browsers and writes artifacts/collapse-repeats-<version>-
 * {chrome,firefox,sources}.zip, reproducibly (see zip.ts). `npm run build-for-amo` (this script
 * with `firefox`) rebuilds only the Firefox add-on, as a reviewer does from the sources zip.
 *
 * The Firefox zip is written here too, not by `web-ext build`: web-ext zips through zip-dir and
 * JSZip, which stamp every entry with the current time and add entries in the order the file
 * reads finish, so two runs never match. `npm run lint:firefox` still checks dist/firefox.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sourceBuildNotes } from './source-build';
import { createZip, type ZipEntry } from './zip';

type Target = 'chrome' | 'firefox';

const ROOT = path.resolve(import.meta.dirname, '..');
const ARTIFACTS = path.join(ROOT, 'artifacts');
/** Never part of the sources, even where a checkout tracks them. */
const NOT_SOURCES = ['node_modules', 'dist', 'artifacts'];

function run(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
}

function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return version as string;
}

function filesUnder(folder: string, prefix = ''): ZipEntry[] {
  const entries: ZipEntry[] = [];
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    const inner = prefix === '' ? name : `${prefix}/${name}`;
    if (statSync(full).isDirectory()) entries.push(...filesUnder(full, inner));
    else entries.push({ path: inner, data: readFileSync(full) });
  }
  return entries;
}

function build(target: Target): void {
  console.log(`Building ${target}…`);
  run('npx', [
    'vite',
    'build',
    '--configLoader',
    'runner',
    '--mode',
    target,
    '--logLevel',
    'error',
  ]);
}

function write(name: string, entries: readonly ZipEntry[]): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  writeFileSync(file, createZip(entries));
  console.log(`${path.relative(ROOT, file)}  (${entries.length} files)`);
}

function packageBuild(target: Target, version: string): void {
  build(target);
  write(`collapse-repeats-${version}-${target}.zip`, filesUnder(path.join(ROOT, 'dist', target)));
}

/** The tracked files as they are in the working tree, with their git modes, plus the notes. */
function sourceEntries(version: string): ZipEntry[] {
  const listing = run('git', ['ls-files', '--stage', '-z']).split('\0').filter(Boolean);
  const entries: ZipEntry[] = [];
  for (const line of listing) {
    const [meta = '', file = ''] = line.split('\t');
    if (NOT_SOURCES.some((folder) => file === folder || file.startsWith(`${folder}/`))) continue;
    const mode = meta.split(' ')[0];
    if (mode === '120000' || mode === '160000') continue; // symlinks and submodules
    entries.push({
      path: file,
      data: readFileSync(path.join(ROOT, file)),
      executable: mode === '100755',
    });
  }
  entries.push({ path: 'SOURCE-BUILD.md', data: Buffer.from(sourceBuildNotes(ROOT, version)) });
  return entries;
}

function main(): void {
  const version = packageVersion();
  const only = process.argv[2];
  if (only !== undefined && only !== 'firefox') throw new Error(`Unknown target: ${only}`);
  if (only === undefined) packageBuild('chrome', version);
  packageBuild('firefox', version);
  if (only === undefined) write(`collapse-repeats-${version}-sources.zip`, sourceEntries(version));
}

main();
