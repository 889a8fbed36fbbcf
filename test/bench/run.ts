/**
 * `npm run bench`: runs every benchmark section in turn and prints its figures.
 * A section is a function that takes a logger; add new ones (the browser section) to SECTIONS.
 */
import { runCoreBenchmark } from './core';

type Section = (log: (line: string) => void) => unknown | Promise<unknown>;

const SECTIONS: readonly { readonly name: string; readonly run: Section }[] = [
  { name: 'core', run: runCoreBenchmark },
  // The browser section goes here.
];

for (const { name, run } of SECTIONS) {
  console.log(`== ${name}`);
  await run((line) => console.log(line));
}
