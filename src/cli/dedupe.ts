/**
 * `npm run --silent dedupe -- [--json] [FILE]`: collapse the repeats of a plain-text post.
 * Every non-empty line is one block. Reads standard input when FILE is absent or `-`.
 */
import { readFileSync, readSync, statSync } from 'node:fs';
import { analysePost, keptBlocks } from '../core/analyse';
import { textLines, urlsInText } from '../core/blocks';
import { jsonReport } from '../core/report';
import type { Analysis, Block, RepeatRun } from '../core/types';

/** Larger inputs are refused: a post is kilobytes, and the JSON answer repeats the whole input. */
const MAX_INPUT_BYTES = 16 * 1024 * 1024;

const USAGE = 'usage: dedupe [--json] [FILE]   (FILE absent or "-": read standard input)';

class InputError extends Error {}

interface Arguments {
  readonly json: boolean;
  readonly file: string | null;
}

function parseArguments(args: readonly string[]): Arguments | 'help' {
  let json = false;
  let file: string | null = null;
  let onlyFiles = false;
  for (const arg of args) {
    if (!onlyFiles && (arg === '--help' || arg === '-h')) return 'help';
    if (!onlyFiles && arg === '--json') json = true;
    else if (!onlyFiles && arg === '--') onlyFiles = true;
    else if (!onlyFiles && arg.startsWith('-') && arg !== '-') {
      throw new InputError(`unknown option ${arg}\n${USAGE}`);
    } else if (file !== null) {
      throw new InputError(`only one FILE may be given\n${USAGE}`);
    } else file = arg;
  }
  return { json, file: file === '-' ? null : file };
}

function readInput(file: string | null): Buffer {
  if (file === null) return readLimited(0, 'standard input');
  let size: number;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw new InputError(`${file} is a directory`);
    size = stats.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  if (size > MAX_INPUT_BYTES) throw tooLarge(file);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new InputError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

function readLimited(descriptor: number, name: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(1 << 16);
  for (;;) {
    let read: number;
    try {
      read = readSync(descriptor, chunk);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') break;
      throw new InputError(`cannot read ${name}: ${code ?? 'error'}`);
    }
    if (read === 0) break;
    total += read;
    if (total > MAX_INPUT_BYTES) throw tooLarge(name);
    chunks.push(Buffer.from(chunk.subarray(0, read)));
  }
  return Buffer.concat(chunks);
}

function tooLarge(name: string): InputError {
  return new InputError(
    `${name} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; a post is far smaller`,
  );
}

function decode(bytes: Buffer, name: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new InputError(`${name} looks binary (NUL byte at offset ${nul})`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${name} is not valid UTF-8 text`);
  }
  if (text.trim() === '') throw new InputError(`${name} is empty`);
  return text;
}

function describeRun(run: RepeatRun, lineOf: (block: number) => number, partial: boolean): string {
  const lines = (start: number, end: number) =>
    start === end ? `line ${lineOf(start)}` : `lines ${lineOf(start)}–${lineOf(end)}`;
  const what = {
    exact: 'exact copy of',
    near: 'near copy of',
    'truncated-lead': 'shortened lead of',
  }[run.kind];
  const hidden = partial ? `text in ${lines(run.start, run.end)}` : lines(run.start, run.end);
  return `Collapsed ${hidden}: ${what} ${lines(run.copyOf.start, run.copyOf.end)}`;
}

function humanOutput(
  blocks: readonly Block[],
  lineNumbers: readonly number[],
  analysis: Analysis,
): string {
  const out = keptBlocks(blocks, analysis).map((block) => block.text);
  const hidden = new Set(analysis.hiddenBlocks);
  const lineOf = (block: number) => lineNumbers[block] as number;
  const notes = analysis.runs.map((run) => {
    let partial = false;
    for (let block = run.start; block <= run.end; block++) partial ||= !hidden.has(block);
    return describeRun(run, lineOf, partial);
  });
  if (analysis.articleUrl !== null) notes.push(`Original article: ${analysis.articleUrl}`);
  if (notes.length > 0) out.push('', ...notes);
  return `${out.join('\n')}\n`;
}

function main(args: readonly string[]): number {
  try {
    const parsed = parseArguments(args);
    if (parsed === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const name = parsed.file ?? 'standard input';
    const text = decode(readInput(parsed.file), name);
    const lines = textLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
    const blocks = lines.map(({ text: line }) => ({ text: line, links: urlsInText(line) }));
    const analysis = analysePost(blocks);
    process.stdout.write(
      parsed.json
        ? `${JSON.stringify(jsonReport(blocks, analysis))}\n`
        : humanOutput(
            blocks,
            lines.map(({ line }) => line),
            analysis,
          ),
    );
    return 0;
  } catch (error) {
    const message =
      error instanceof InputError ? error.message : `internal error: ${String(error)}`;
    process.stderr.write(`dedupe: ${message}\n`);
    return error instanceof InputError ? 2 : 1;
  }
}

process.exitCode = main(process.argv.slice(2));
