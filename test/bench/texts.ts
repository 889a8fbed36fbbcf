/**
 * Made-up text for the benchmarks: sentences and paragraphs drawn from a word list by a seeded
 * generator, so every run measures the same posts and loads the same feeds.
 */

const WORDS = (
  'the council harbour budget river bridge school winter market station ferry storm museum ' +
  'library garden report plan vote tuesday morning evening people city north south east west ' +
  'new old coast valley island said would could after before while during because however ' +
  'since their other about more than three seven twelve hundred percent rail road water power ' +
  'price rent housing health engineers residents visitors workers farmers teachers nurses ' +
  'drivers readers volunteers opened closed rebuilt measured planned delayed approved rejected ' +
  'repaired extended'
).split(' ');

/** Deterministic pseudo-random numbers in [0, 1) from `seed`. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A sentence of 8–25 words, capitalised, ending in a full stop (one in ten: an exclamation). */
export function sentence(next: () => number): string {
  const length = 8 + Math.floor(next() * 18);
  const words: string[] = [];
  for (let index = 0; index < length; index++) {
    words.push(WORDS[Math.floor(next() * WORDS.length)] as string);
  }
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${next() < 0.1 ? '!' : '.'}`;
}

/** One to three sentences. */
export function paragraph(next: () => number): string {
  const sentences = 1 + Math.floor(next() * 3);
  return Array.from({ length: sentences }, () => sentence(next)).join(' ');
}
