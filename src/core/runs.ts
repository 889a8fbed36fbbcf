/** Matched units grouped into runs, and the runs substantial enough to collapse (see options.ts). */
import { EXACT, LEAD, type Matches, NEAR, NONE } from './matches';
import { weightedLength } from './measure';
import type { Settings } from './options';
import type { Post } from './post';
import { isAccidentalRepeat } from './short-repeats';
import type { RepeatKind } from './types';
import type { Unit } from './units';

export interface UnitRun {
  readonly start: number;
  readonly end: number;
  readonly copyStart: number;
  readonly copyEnd: number;
  readonly kind: RepeatKind;
}

/** Groups matched units into runs and keeps the runs worth collapsing. */
export function collapsibleRuns(post: Post, matches: Matches, settings: Settings): UnitRun[] {
  const units = post.units;
  const candidates: UnitRun[] = [];
  let index = 0;
  while (index < units.length) {
    const kind = matches.kind[index];
    if (kind === NONE) {
      index++;
      continue;
    }
    const copyStart = matches.copyStart[index] as number;
    let copyEnd = matches.copyEnd[index] as number;
    if (kind === LEAD) {
      candidates.push({ start: index, end: index, copyStart, copyEnd, kind: 'truncated-lead' });
      index++;
      continue;
    }
    const start = index;
    let exact = kind === EXACT;
    while (index + 1 < units.length) {
      const next = index + 1;
      const nextKind = matches.kind[next];
      if (nextKind !== EXACT && nextKind !== NEAR) break;
      const group = matches.group[next];
      const sameGroup = group !== -1 && group === matches.group[index];
      const adjacentCopy =
        (group === -1 || group === next) && matches.copyStart[next] === copyEnd + 1;
      if ((!sameGroup && !adjacentCopy) || (matches.copyEnd[next] as number) >= start) break;
      copyEnd = Math.max(copyEnd, matches.copyEnd[next] as number);
      exact &&= nextKind === EXACT;
      index = next;
    }
    candidates.push({ start, end: index, copyStart, copyEnd, kind: exact ? 'exact' : 'near' });
    index++;
  }

  const accepted: UnitRun[] = [];
  for (const run of candidates) {
    if (
      run.kind === 'truncated-lead' ||
      isSubstantial(post, run, settings) ||
      isAccidentalRepeat(post, matches, run, settings)
    ) {
      accepted.push(run);
    }
  }
  if (accepted.length === 0) return accepted;
  // A repeated URL line counts as part of a collapsed run it touches, never on its own.
  const urlRuns: UnitRun[] = [];
  for (const run of candidates) {
    if (run.kind !== 'truncated-lead' && isAllUrls(units, run) && touchesAny(run, accepted)) {
      urlRuns.push(run);
    }
  }
  return urlRuns.length === 0 ? accepted : [...accepted, ...urlRuns].sort(byStart);
}

function touchesAny(run: UnitRun, others: readonly UnitRun[]): boolean {
  for (const other of others) {
    if (other.end + 1 === run.start || run.end + 1 === other.start) return true;
  }
  return false;
}

function byStart(a: UnitRun, b: UnitRun): number {
  return a.start - b.start;
}

function isSubstantial(post: Post, run: UnitRun, settings: Settings): boolean {
  const units = post.units;
  const first = units[run.start] as Unit;
  if (run.start === run.end && first.sentence) return false;
  let chars = 0;
  let words = 0;
  for (let index = run.start; index <= run.end; index++) {
    if ((units[index] as Unit).urlOnly) continue;
    chars += weightedLength(post.key(index));
    words += post.words(index);
    if (chars >= settings.minRunChars && words >= settings.minRunWords) break;
  }
  if (chars < settings.minRunChars || words < settings.minRunWords) return false;
  for (let index = run.start; index <= run.end; index++) {
    if (!(units[index] as Unit).urlOnly && post.isParagraph(index)) return true;
  }
  for (let index = run.copyStart; index <= run.copyEnd; index++) {
    if (post.isParagraph(index)) return true;
  }
  return false;
}

function isAllUrls(units: readonly Unit[], run: UnitRun): boolean {
  for (let index = run.start; index <= run.end; index++) {
    if (!(units[index] as Unit).urlOnly) return false;
  }
  return true;
}
