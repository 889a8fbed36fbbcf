/**
 * Finds the repeated runs of a post. See docs/architecture.md, "How it decides".
 *
 * The post is read as units (units.ts): one per block, or one per sentence for a block longer
 * than `sentenceSplitChars`. Each unit gets at most one match, in this order:
 * 1. shortened leads and titles whose full text follows (match-leads.ts; the lead is hidden);
 * 2. exact copies: a hash of each normalised unit, runs extended greedily (match-exact.ts);
 * 3. re-wrapped copies and near copies, found through anchors under a budget (match-near.ts).
 * Matched units that follow each other and copy units that follow each other form a run;
 * a run is collapsed only when it is substantial (runs.ts, options.ts).
 */
import { type Repeats, toBlocks } from './hidden';
import { matchExact } from './match-exact';
import { matchLeads } from './match-leads';
import { matchByAnchors } from './match-near';
import { Matches } from './matches';
import type { Settings } from './options';
import { Post } from './post';
import { collapsibleRuns } from './runs';
import { matchCaptions } from './short-repeats';
import type { Block } from './types';
import { buildUnits, contentStart, shareAnchor, shouldSplit, type Unit } from './units';

export type { Repeats } from './hidden';
export type { Settings } from './options';

/** A post's units, built once for the early test and for the analysis that follows it. */
export interface PostUnits {
  readonly units: readonly Unit[];
  /** See `buildUnits`. */
  readonly twins: readonly number[];
}

/**
 * The units of `blocks` when `findRepeats` could find anything in them, null when it cannot:
 * every kind of match needs two units that start or end alike, so without such a pair it
 * returns nothing. This is the test of its early exit, done on the units alone; most posts
 * stop here, and the others hand their units on to `findRepeats`.
 */
export function repeatCandidates(blocks: readonly Block[], settings: Settings): PostUnits | null {
  // One block that is not cut into sentences is one unit at most: nothing to share an anchor with.
  if (blocks.length === 0) return null;
  if (blocks.length === 1) {
    const text = (blocks[0] as Block).text;
    if (!shouldSplit(text, contentStart(text), settings)) return null;
  }
  const twins: number[] = [];
  const units = buildUnits(blocks, settings, twins);
  return shareAnchor(units) ? { units, twins } : null;
}

/** `built`: the units `repeatCandidates` made of the same blocks and settings, if any. */
export function findRepeats(
  blocks: readonly Block[],
  settings: Settings,
  built?: PostUnits,
): Repeats {
  const twins: number[] = [];
  const units = built?.units ?? buildUnits(blocks, settings, twins);
  const post = new Post(blocks, units, settings);
  // Every kind of match needs two units that start or end alike.
  if (!post.anyShared) return { runs: [], hiddenBlocks: [], hiddenSpans: [], settled: true };
  const matches = new Matches(post.units.length);
  if (settings.truncatedLeads) matchLeads(post, matches, settings);
  matchExact(post, matches);
  matchCaptions(post, matches, settings);
  matchByAnchors(post, matches, settings);
  const runs = collapsibleRuns(post, matches, settings);
  return toBlocks(post.units, runs, built?.twins ?? twins);
}
