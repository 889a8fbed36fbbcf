import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(repo, 'node_modules', '.bin', 'tsx');
const cli = join(repo, 'src', 'cli', 'dedupe.ts');
const fixtures = join(repo, 'test', 'fixtures', 'text');
const scratch = mkdtempSync(join(tmpdir(), 'dedupe-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function dedupe(args: string[], input?: string | Buffer) {
  const result = spawnSync(tsx, [cli, ...args], {
    cwd: repo,
    input: typeof input === 'string' ? Buffer.from(input, 'utf8') : input,
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status,
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
  };
}

function expectOneLineError(result: ReturnType<typeof dedupe>, pattern: RegExp) {
  expect(result.status).not.toBe(0);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trim().split('\n')[0]).toMatch(/^dedupe: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('dedupe --json', () => {
  it.each(['seed-shape-exact', 'long-line-said-twice', 'truncated-lead-read-more'])(
    'prints the fixture answer for %s',
    (name) => {
      const file = join(fixtures, name, 'input.txt');
      const result = dedupe(['--json', file]);
      expect(result.status).toBe(0);
      const answer = JSON.parse(result.stdout);
      const expected = JSON.parse(readFileSync(join(fixtures, name, 'expected.json'), 'utf8'));
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '');
      expect(answer).toEqual({ blocks: lines, ...expected });
    },
  );

  it('reads standard input when FILE is - or absent', () => {
    const input = readFileSync(join(fixtures, 'three-copies', 'input.txt'));
    const fromDash = dedupe(['--json', '-'], input);
    const fromNothing = dedupe(['--json'], input);
    expect(fromDash.status).toBe(0);
    expect(fromDash.stdout).toBe(fromNothing.stdout);
    expect(JSON.parse(fromDash.stdout).collapsed).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('prints exactly one JSON object', () => {
    const result = dedupe(['--json', join(fixtures, 'poem-refrain', 'input.txt')]);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(Object.keys(JSON.parse(result.stdout))).toEqual([
      'blocks',
      'collapsed',
      'hiddenRanges',
      'runs',
      'articleUrl',
    ]);
  });
});

describe('dedupe (human output)', () => {
  it('prints the post without the repeat, what was collapsed and the article', () => {
    const file = join(fixtures, 'seed-shape-exact', 'input.txt');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const result = dedupe([file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        ...lines.slice(1, 13),
        '',
        'Collapsed line 1: shortened lead of line 2',
        'Collapsed lines 14–24: exact copy of lines 3–13',
        `Original article: ${lines[12]}`,
        '',
      ].join('\n'),
    );
  });

  it('numbers lines as they are in the file, blank lines included', () => {
    const paragraph =
      'The night bus now stops at the university gate as well, from Friday on, every twenty minutes until two in the morning.';
    const result = dedupe([], `${paragraph}\n\n\n${paragraph}\n`);
    expect(result.stdout).toBe(`${paragraph}\n\nCollapsed line 4: exact copy of line 1\n`);
  });

  it('cuts a repeat out of a line that keeps other text', () => {
    const file = join(fixtures, 'medium-line-said-twice-after-title', 'input.txt');
    const result = dedupe([file]);
    expect(result.stdout).toContain('Collapsed text in line 2: exact copy of line 2');
  });
});

describe('dedupe with bad input', () => {
  it('rejects binary input', () => {
    expectOneLineError(dedupe([], Buffer.from([0x68, 0x69, 0x00, 0x01, 0x02])), /binary/);
  });

  it('rejects invalid UTF-8', () => {
    expectOneLineError(dedupe([], Buffer.from([0x68, 0xc3, 0x28, 0x0a])), /UTF-8/);
  });

  it('rejects an empty file', () => {
    const file = join(scratch, 'empty.txt');
    writeFileSync(file, '');
    expectOneLineError(dedupe([file]), /empty/);
  });

  it('rejects a missing file', () => {
    expectOneLineError(dedupe([join(scratch, 'missing.txt')]), /cannot read .*ENOENT/);
  });

  it('rejects an unknown option', () => {
    expectOneLineError(dedupe(['--jsn']), /unknown option --jsn/);
  });

  it('rejects a 50 MB file with a clear message', () => {
    const file = join(scratch, 'huge.txt');
    writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, 'lorem ipsum dolor sit amet\n'));
    expectOneLineError(dedupe(['--json', file]), /larger than/);
  });

  it('rejects a 50 MB standard input with a clear message', () => {
    const input = Buffer.alloc(50 * 1024 * 1024, 'lorem ipsum dolor sit amet\n');
    expectOneLineError(dedupe([], input), /larger than/);
  });

  it('answers for a text with a byte order mark and CRLF line ends', () => {
    const result = dedupe(['--json'], '\ufeffone line\r\nanother line\r\n');
    expect(JSON.parse(result.stdout).blocks).toEqual(['one line', 'another line']);
  });
});
