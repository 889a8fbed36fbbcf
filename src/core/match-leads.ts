/** Shortened leads and standalone titles whose full text follows: the lead is the copy hidden. */
import { LEAD, type Matches } from './matches';
import { countWords, weightedLength } from './measure';
import type { Settings } from './options';
import type { Post } from './post';
import type { Unit } from './units';

/** A lead's full text starts within this many units after it (a link or a title may come between). */
const LEAD_REACH = 3;
/** A shortened lead spans at most this many of the units that complete it. */
const MAX_LEAD_UNITS = 50;

/**
 * Shortened leads, mid-word cuts and standalone titles whose full text follows. A lead may
 * carry a label in front ("Ann on Nostr: …", "New post: …"); only a shortened lead is hidden
 * through its label, never a whole sentence, so "Update: …" lines stay.
 */
export function matchLeads(post: Post, matches: Matches, settings: Settings): void {
  const units = post.units;
  for (let index = 0; index + 1 < units.length; index++) {
    const lead = units[index] as Unit;
    // A lead and its full text start alike: only units whose anchor recurs soon can be leads.
    let sharesHead = false;
    for (let next = index + 1; next <= index + LEAD_REACH && next < units.length; next++) {
      const head = (units[next] as Unit).head;
      sharesHead ||= head === lead.head || head === lead.labelHead;
    }
    if (!sharesHead || lead.urlOnly) continue;
    let full: [number, number] | null = null;
    if (isLongEnough(post.key(index), settings)) {
      full = post.isTruncated(index)
        ? fullTextOfMarkedLead(post, index, post.key(index))
        : fullTextOfCutLead(post, index, post.key(index), true, settings.titleRepeats);
    }
    if (full === null && lead.label > 0 && settings.labelledLeads) {
      const stem = post.keyAfterLabel(index);
      if (isLongEnough(stem, settings)) {
        full = post.isTruncated(index)
          ? fullTextOfMarkedLead(post, index, stem)
          : fullTextOfCutLead(post, index, stem, false, false);
      }
    }
    if (full !== null && post.words(index) >= settings.minLeadWords) {
      matches.set(index, LEAD, full[0], full[1]);
    }
  }
}

function isLongEnough(stem: string, settings: Settings): boolean {
  return weightedLength(stem, settings.minLeadChars) >= settings.minLeadChars;
}

/** Where the text of a lead (`stem`) that ends in "…" or "Read more" starts over, within the next three units. */
function fullTextOfMarkedLead(post: Post, index: number, stem: string): [number, number] | null {
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
/** Full stops of scripts that put no space after them. */
const WIDE_STOP = /[。！？]/;
/** Thai ends a sentence with a space, not a mark. */
const THAI = /[\u0e00-\u0e7f]/;

/**
 * A lead cut mid-word at a length limit (`leadKey` a prefix of the next block), or, when
 * `sentences` allows it, a title equal to the first sentence of a block that follows: the
 * next one, or with `furtherTitles` in the title position (the post's first block), any
 * within LEAD_REACH, as when a standfirst comes between.
 */
function fullTextOfCutLead(
  post: Post,
  index: number,
  leadKey: string,
  sentences: boolean,
  furtherTitles: boolean,
): [number, number] | null {
  const lead = post.units[index] as Unit;
  const reach = sentences && furtherTitles && index === 0 && !lead.sentence ? LEAD_REACH : 1;
  for (let full = index + 1; full <= index + reach && full < post.units.length; full++) {
    const next = post.units[full] as Unit;
    const nextKey = post.key(full);
    if (post.isTruncated(full) || next.block === lead.block || !nextKey.startsWith(leadKey)) {
      continue;
    }
    const length = leadKey.length;
    const after = nextKey.charAt(length);
    const before = leadKey.charAt(length - 1);
    // A cut inside a number is another number ("7" and "70"), not a shortened lead.
    const cutWord = isWordChar(before) && isWordChar(after) && !(isDigit(before) && isDigit(after));
    if (cutWord && full === index + 1) return [full, full];
    if (!sentences || lead.sentence) continue;
    const nextHoldsMore = nextKey.length > length + 1 || next.sentence;
    if (!nextHoldsMore || !endsSentence(leadKey, nextKey)) continue;
    if (full === index + 1) return [full, full];
    // Further away, only a title: a line shorter than a paragraph, whose copy goes on in words.
    if (!post.isParagraph(index) && countWords(nextKey.slice(length)) > 0) return [full, full];
  }
  return null;
}

/** Whether the first `lead.length` characters of `full` are a whole sentence of it. */
function endsSentence(lead: string, full: string): boolean {
  const length = lead.length;
  const after = full.charAt(length);
  const last = lead.charAt(length - 1);
  if (after === ' ') return SENTENCE_END.test(lead) || WIDE_STOP.test(last) || THAI.test(last);
  if (WIDE_STOP.test(last) || WIDE_STOP.test(after)) return true;
  return /[.!?:]/.test(after) && (full.length === length + 1 || full.charAt(length + 1) === ' ');
}

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}]/u.test(char);
}

function isDigit(char: string): boolean {
  return /\p{Nd}/u.test(char);
}
