/** Re-wrapped copies and near copies, found through the units' anchors under a fixed budget. */
import { ANCHOR_CHARS } from './anchors';
import { EXACT, type Matches, NEAR, NONE } from './matches';
import { similarity, type WordSets, wordSets } from './normalise';
import { numbersOf } from './numbers';
import type { Settings } from './options';
import type { Post } from './post';
import type { Unit } from './units';

/** Units shorter than this are too short for near matching. */
const HEAD_CHARS = ANCHOR_CHARS;

/**
 * Copies found through anchors (the first and last characters of the comparison text):
 * - re-wrapped copies: consecutive lines whose texts, joined by spaces, equal one earlier
 *   unit (a hard-wrapped copy of a paragraph), or one unit equal to earlier consecutive lines;
 * - near copies: word similarity against the first unit with the same head, the first with
 *   the same tail, and the units next to a neighbour's copy: after the previous unit's copy,
 *   and (backwards) before the next unit's copy. Only a neighbour that is a prose paragraph
 *   lends its copy's neighbours: a repeated hashtag line, URL or signature says nothing
 *   about the line next to it.
 * The number of similarity checks per post is capped.
 */
export function matchByAnchors(post: Post, matches: Matches, settings: Settings): void {
  const units = post.units;
  const near = new NearMatcher(post, matches, settings);
  for (let index = 0; index < units.length; index++) {
    if (matches.kind[index] !== NONE) continue;
    const unit = units[index] as Unit;
    const byHead = post.firstWithHead(index);
    if (byHead < index && !unit.urlOnly && matchRewrapped(post, matches, index, byHead)) {
      index =
        matches.kind[index + 1] === NEAR && matches.group[index + 1] === index
          ? lastOfGroup(matches, index)
          : index;
      continue;
    }
    if (near.budget <= 0 || !near.eligible(index)) continue;
    const previous = index - 1;
    const follows =
      previous >= 0 && isCopy(matches, previous) && post.isParagraph(previous)
        ? (matches.copyEnd[previous] as number) + 1
        : -1;
    if (!near.tryNear(index, follows) && !near.tryNear(index, byHead)) {
      near.tryNear(index, post.firstWithTail(index));
    }
  }
  for (let index = units.length - 2; index >= 0 && near.budget > 0; index--) {
    const next = index + 1;
    if (matches.kind[index] !== NONE || !isCopy(matches, next)) continue;
    if (matches.group[next] !== -1 || !near.eligible(index) || !post.isParagraph(next)) continue;
    near.tryNear(index, (matches.copyStart[next] as number) - 1);
  }
}

function isCopy(matches: Matches, unit: number): boolean {
  return matches.kind[unit] === EXACT || matches.kind[unit] === NEAR;
}

/** Word-similarity checks under the post's budget, with each unit's words read once. */
class NearMatcher {
  budget: number;
  private readonly words: (WordSets | undefined)[];
  private readonly numbers: (string | undefined)[];

  constructor(
    private readonly post: Post,
    private readonly matches: Matches,
    private readonly settings: Settings,
  ) {
    this.budget = settings.nearMatching ? settings.maxNearComparisons : 0;
    this.words = new Array(post.units.length);
    this.numbers = new Array(post.units.length);
  }

  eligible(index: number): boolean {
    const unit = this.post.units[index] as Unit;
    return !unit.urlOnly && unit.to - unit.from >= HEAD_CHARS;
  }

  /** Matches `index` as a near copy of `source` when their numbers and words agree; false when not tried or not alike. */
  tryNear(index: number, source: number): boolean {
    const post = this.post;
    if (source < 0 || source >= index || this.budget <= 0) return false;
    if (!this.eligible(source) || !this.matches.isSource(post, source)) return false;
    if (post.isQuotation(source) !== post.isQuotation(index)) return false;
    this.budget--;
    // Numbers decide: lines of one template with other numbers say different things.
    if (this.numbersOf(index) !== this.numbersOf(source)) return false;
    if (similarity(this.wordsOf(index), this.wordsOf(source)) < this.settings.nearSimilarity) {
      return false;
    }
    this.matches.set(index, NEAR, source, source);
    return true;
  }

  private numbersOf(index: number): string {
    let numbers = this.numbers[index];
    if (numbers === undefined) {
      numbers = numbersOf(this.post.text(index));
      this.numbers[index] = numbers;
    }
    return numbers;
  }

  private wordsOf(index: number): WordSets {
    let sets = this.words[index];
    if (sets === undefined) {
      sets = wordSets(this.post.text(index));
      this.words[index] = sets;
    }
    return sets;
  }
}

function lastOfGroup(matches: Matches, first: number): number {
  let last = first;
  while (last + 1 < matches.group.length && matches.group[last + 1] === first) last++;
  return last;
}

/** Tries both re-wrap directions between a unit and the earlier unit with the same anchor. */
function matchRewrapped(post: Post, matches: Matches, index: number, source: number): boolean {
  if (!matches.isSource(post, source)) return false;
  const target = post.key(source);
  const key = post.key(index);
  if (target.length > key.length) {
    const last = joinedEnd(
      post,
      index,
      target,
      (next) => matches.kind[next] === NONE,
      post.units.length,
    );
    if (last === null) return false;
    for (let line = index; line <= last; line++) matches.set(line, NEAR, source, source, index);
    return true;
  }
  if (target.length < key.length) {
    const last = joinedEnd(post, source, key, (next) => matches.isSource(post, next), index);
    if (last === null) return false;
    matches.set(index, NEAR, source, last);
    return true;
  }
  return false;
}

/**
 * The last unit of a stretch from `start` whose keys, joined by single spaces, equal `whole`;
 * null when there is none before `limit`.
 */
function joinedEnd(
  post: Post,
  start: number,
  whole: string,
  usable: (unit: number) => boolean,
  limit: number,
): number | null {
  let offset = 0;
  for (let unit = start; unit < limit; unit++) {
    if (unit > start && !usable(unit)) return null;
    const key = post.key(unit);
    if (key === '' || !whole.startsWith(key, offset)) return null;
    offset += key.length;
    if (offset === whole.length) return unit > start ? unit : null;
    if (whole.charCodeAt(offset) !== 32) return null;
    offset++;
  }
  return null;
}
