/** Exact copies: units whose comparison keys are equal, extended into runs. */
import { EXACT, type Matches, NONE } from './matches';
import type { Post } from './post';
import type { Unit } from './units';

/**
 * Exact copies: each unit looks up the first unit with its key, runs extend greedily.
 * Units whose anchor no other unit shares cannot be copies and are skipped unhashed.
 * A copy written exactly as its source is found by its raw text, without normalising it:
 * sources are filed under a number made of their anchors and length, checked on use.
 */
export function matchExact(post: Post, matches: Matches): void {
  const units = post.units;
  const firstByKey = new Map<string, number>();
  const firstByText = new Map<number, number>();
  let index = 0;
  while (index < units.length) {
    if (matches.kind[index] !== NONE || !post.sharesHead(index)) {
      index++;
      continue;
    }
    const text = post.text(index);
    const textKey = rawKeyOf(units[index] as Unit);
    let source = firstByText.get(textKey);
    if (source !== undefined && post.text(source) !== text) source = undefined;
    if (source === undefined) {
      const key = post.key(index);
      source = key === '' ? index : firstByKey.get(key);
      if (source === undefined && matches.isSource(post, index)) {
        firstByKey.set(key, index);
        if (!firstByText.has(textKey)) firstByText.set(textKey, index);
      }
      if (source === undefined || source === index) {
        index++;
        continue;
      }
    }
    let length = 1;
    while (
      index + length < units.length &&
      source + length < index &&
      matches.kind[index + length] === NONE &&
      post.sameKey(source + length, index + length) &&
      matches.isSource(post, source + length)
    ) {
      length++;
    }
    for (let offset = 0; offset < length; offset++) {
      matches.set(index + offset, EXACT, source + offset, source + offset);
    }
    index += length;
  }
}

/** A number that raw-identical units share: their anchors and length. */
function rawKeyOf(unit: Unit): number {
  return (Math.imul(unit.head, 31) + unit.tail + Math.imul(unit.to - unit.from, 0x9e3779b1)) | 0;
}
