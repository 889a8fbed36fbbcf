/**
 * Core benchmark: throughput on realistic posts, the ratio to a floor, scaling with size,
 * and pathological posts. Timings live here only, never in tests.
 */
import { analysePost } from '../../src/core/analyse';
import { blocksFromText } from '../../src/core/blocks';
import { paragraph, random, sentence } from './texts';

/** A post of 2–40 blocks; one in ten repeats its body after a link, as bots do. */
function realisticPost(next: () => number): string {
  const blocks = 2 + Math.floor(next() * 39);
  const lines: string[] = [];
  for (let index = 0; index < blocks; index++) {
    const roll = next();
    if (roll < 0.05) lines.push(`https://news.example.org/story/${Math.floor(next() * 1e6)}`);
    else if (roll < 0.1) lines.push('#harbour #council #news');
    else lines.push(paragraph(next));
  }
  if (next() < 0.1) {
    const body = lines.slice(1);
    lines.push(...body);
  }
  return lines.join('\n');
}

function postOfSize(bytes: number, next: () => number): string {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = paragraph(next);
    lines.push(line);
    size += line.length + 1;
  }
  const half = lines.slice(0, Math.floor(lines.length / 2));
  return [...half, ...half.slice(0, Math.floor(half.length / 2))].join('\n');
}

function time(action: () => void, repeat = 1): number {
  const start = performance.now();
  for (let round = 0; round < repeat; round++) action();
  return (performance.now() - start) / repeat;
}

/** Best of a few rounds: the figure least disturbed by the garbage collector and the JIT. */
function best(action: () => void, rounds: number, repeat = 1): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) fastest = Math.min(fastest, time(action, repeat));
  return fastest;
}

function analyseText(text: string): void {
  analysePost(blocksFromText(text));
}

/** The floor: split into lines and one Map insertion per raw line. */
function floor(text: string): void {
  const seen = new Map<string, number>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) seen.set(lines[index] as string, index);
}

export interface CoreFigures {
  readonly throughputMBps: number;
  readonly floorRatio: number;
  readonly sizes: readonly { readonly bytes: number; readonly ms: number }[];
  readonly pathological: readonly { readonly name: string; readonly ms: number }[];
}

export function runCoreBenchmark(log: (line: string) => void = console.log): CoreFigures {
  const next = random(42);
  const posts = Array.from({ length: 10_000 }, () => realisticPost(next));
  const totalBytes = posts.reduce((sum, post) => sum + Buffer.byteLength(post), 0);
  for (const post of posts.slice(0, 500)) analyseText(post);

  const coreMs = best(() => posts.forEach(analyseText), 5);
  const floorMs = best(() => posts.forEach(floor), 5);
  const throughputMBps = totalBytes / 1e6 / (coreMs / 1000);
  const floorRatio = coreMs / floorMs;
  log(`core: ${posts.length} posts, ${(totalBytes / 1e6).toFixed(1)} MB`);
  log(`  throughput ${throughputMBps.toFixed(1)} MB/s (${coreMs.toFixed(1)} ms)`);
  log(`  floor ${floorMs.toFixed(1)} ms; ratio ${floorRatio.toFixed(2)} (target ≤ 3)`);

  const sizes = [1_000, 10_000, 100_000, 1_000_000].map((bytes) => {
    const post = postOfSize(bytes, random(bytes));
    const ms = best(() => analyseText(post), 5, bytes < 100_000 ? 20 : 1);
    return { bytes, ms };
  });
  log('  post size → time (target: 10× input ≤ 12× time)');
  sizes.forEach(({ bytes, ms }, index) => {
    const previous = sizes[index - 1];
    const factor = previous ? ` (${(ms / previous.ms).toFixed(1)}× the previous)` : '';
    log(`    ${(bytes / 1000).toString().padStart(5)} KB: ${ms.toFixed(3)} ms${factor}`);
  });

  const sameLine = Array.from({ length: 20_000 }, () => 'The ferry leaves at seven.').join('\n');
  const distinct = Array.from(
    { length: 10_000 },
    (_, index) => `Line ${index} of the harbour log.`,
  ).join('\n');
  // One template, other numbers: every line shares its ends with the others, none is a copy.
  const template = Array.from(
    { length: 10_000 },
    (_, index) =>
      `Paragraph ${index + 1} of the story tells how crane number ${index * 7} was moved to the east quay overnight.`,
  ).join('\n');
  const long = (() => {
    const pick = random(7);
    let text = '';
    while (text.length < 300_000) text += `${sentence(pick)} `;
    return text.trim();
  })();
  const cases = [
    { name: '20,000 copies of one line', text: sameLine },
    { name: '10,000 distinct lines', text: distinct },
    { name: '10,000 template lines differing only in numbers', text: template },
    { name: 'one 300 KB line said twice (two lines)', text: `${long}\n${long}` },
    { name: 'one 300 KB text said twice in one line', text: `${long} ${long}` },
  ];
  log('  pathological posts (target < 50 ms each)');
  const pathological = cases.map(({ name, text }) => {
    const ms = best(() => analyseText(text), 3);
    log(`    ${name}: ${ms.toFixed(1)} ms`);
    return { name, ms };
  });
  return { throughputMBps, floorRatio, sizes, pathological };
}
