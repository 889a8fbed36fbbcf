/** Shortened leads and standalone titles whose full text follows: the lead is the copy hidden. */
import { LEAD, type Matches } from './matches';
import { weightedLength } from './measure';
import type { Settings } from './options';
import type { Post } from './post';
import type { Unit } from './units';

/** A lead's full text starts within this many units after it (a link or a title may come between). */
const LEAD_REACH = 3;
/** A shortened lead spans at most this many of the units that complete it. */
const MAX_LEAD_UNITS = 50;

/** Shortened leads, mid-word cuts and standalone titles whose full text follows. */
export function matchLeads(post: Post, matches: Matches, settings: Settings): void {
  const units = post.units;
  for (let index = 0; index + 1 < units.length; index++) {
    const lead = units[index] as Unit;
    // A lead and its full text start alike: only units whose anchor recurs soon can be leads.
    let sharesHead = false;
    for (let next = index + 1; next <= index + LEAD_REACH && next < units.length; next++) {
      sharesHead ||= (units[next] as Unit).head === lead.head;
    }
    if (
      !sharesHead ||
      lead.urlOnly ||
      weightedLength(post.key(index), settings.minLeadChars) < settings.minLeadChars
    )
      continue;
    const full = post.isTruncated(index)
      ? fullTextOfMarkedLead(post, index)
      : fullTextOfCutLead(post, index);
    if (full !== null && post.words(index) >= settings.minLeadWords) {
      matches.set(index, LEAD, full[0], full[1]);
    }
  }
}

/** Where the text of a lead that ends in "…" or "Read more" starts over, within the next three units. */
function fullTextOfMarkedLead(post: Post, index: number): [number, number] | null {
  const stem = post.key(index);
  const units = post.units;
  for (let start = index + 1; start <= index + LEAD_REACH && start < units.length; start++) {
    let offset = 0;
    for (let unit = start; unit < units.length && unit - start < MAX_LEAD_UNITS; unit++) {
      const key = post.key(unit);
      if (post.isTruncated(unit) || key === '') break;
      if (stem.length - offset <= key.length) {
        if (key.startsWith(stem.slice(offset))) return [start, unit];
        break;
      }
      if (!stem.startsWith(key, offset) || stem.charCodeAt(offset + key.length) !== 32) break;
      offset += key.length + 1;
    }
  }
  return null;
}

const SENTENCE_END = /[.!?:]$/;

/** A lead cut mid-word at a length limit, or a title line equal to the next block's first sentence. */
function fullTextOfCutLead(post: Post, index: number): [number, number] | null {
  const lead = post.units[index] as Unit;
  const next = post.units[index + 1] as Unit;
  const leadKey = post.key(index);
  const nextKey = post.key(index + 1);
  if (post.isTruncated(index + 1) || next.block === lead.block || !nextKey.startsWith(leadKey)) {
    return null;
  }
  const length = leadKey.length;
  const after = nextKey.charAt(length);
  const before = leadKey.charAt(length - 1);
  // A cut inside a number is another number ("7" and "70"), not a shortened lead.
  if (isWordChar(before) && isWordChar(after) && !(isDigit(before) && isDigit(after))) {
    return [index + 1, index + 1];
  }
  if (lead.sentence) return null;
  const endsSentence =
    (after === ' ' && SENTENCE_END.test(leadKey)) ||
    (/[.!?:]/.test(after) && (nextKey.length === length + 1 || nextKey.charAt(length + 1) === ' '));
  const nextHoldsMore = nextKey.length > length + 1 || next.sentence;
  return endsSentence && nextHoldsMore ? [index + 1, index + 1] : null;
}

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}]/u.test(char);
}

function isDigit(char: string): boolean {
  return /\p{Nd}/u.test(char);
}
