import type { AnalysisOptions } from './types';

/** Options with every default filled in, as the analysis reads them. */
export type Settings = Required<AnalysisOptions>;

/**
 * Default thresholds. Each was chosen against the fixtures in test/fixtures/text:
 * bot repeats there are paragraphs of 100–300 characters, while the legitimate repetition
 * people write (refrains, list items, hashtag lines, signatures, quoted sentences) is made
 * of lines under about 80 characters or of a single sentence.
 */
export const DEFAULT_ANALYSIS_OPTIONS: Settings = {
  /**
   * 100: the shortest repeated paragraph in a bot post we have seen is a little over 100
   * characters, while a chorus line, "3x10 squats" or a signature is well under it. A run of
   * several short lines can pass this, which is why `minParagraphChars` exists as well.
   */
  minRunChars: 100,
  /** 15: a single sentence of news prose has 15–30 words; a refrain line or list item has under 10. */
  minRunWords: 15,
  nearMatching: true,
  truncatedLeads: true,
  stripTracking: true,
  pageHost: '',
  /**
   * 90: a run must hold (or copy) at least one prose paragraph this long. Poems, songs, lists
   * and code repeat short lines; a four-line chorus passes `minRunChars` but not this.
   */
  minParagraphChars: 90,
  /**
   * 1,000: longer blocks are always split into sentences. Real paragraphs are mostly shorter;
   * a client that puts a whole post into one line produces blocks of thousands of characters.
   * Shorter blocks are split only when their opening recurs inside them, so the cost of
   * segmenting is paid where a repeat inside the block is possible.
   */
  sentenceSplitChars: 1000,
  /**
   * 0.85: share of words each copy has in the other. Copies that differ by added hashtags,
   * a fixed typo or a changed word score 0.9–1; a text and its translation, which share
   * names and numbers only, score under 0.4.
   */
  nearSimilarity: 0.85,
  /** 2,000 similarity checks per post: a realistic post needs a few dozen; a pathological one stays cheap. */
  maxNearComparisons: 2000,
  /**
   * 30 characters and 5 words: a shortened lead or a title is hidden only when it carries
   * a real sentence, so "Update..." before a paragraph that starts with "Update" stays.
   */
  minLeadChars: 30,
  minLeadWords: 5,

  /**
   * On: a shortened lead with a short label in front ("Ann on Nostr: …", "New post: …",
   * "[Blog] …") is hidden like any shortened lead when its full text follows within three
   * blocks. Only a shortened lead (a mark or a cut word) is matched through its label, never a
   * whole sentence, so "Update: …" lines and dialogue ("Ann: …") stay.
   */
  labelledLeads: true,
  /**
   * On: a sentence or headline said again right under itself (once or twice) is an accident:
   * a headline printed twice, a bot retrying, a double submit. Writers repeat lines on purpose
   * in verse, chants and lists, so the line must be sentence-like (see short-repeats.ts) and
   * sit among prose paragraphs, not between other short lines.
   */
  adjacentRepeats: true,
  /**
   * On: the post's first line said again later, as a caption or alt text, with or without a
   * photo credit ("… Photo: Reuters"), is the title shown twice. Only in a post whose title is
   * followed by prose: a poem that ends on its first line keeps it. The same holds for a title
   * that a paragraph opens with after a standfirst or a byline (within three blocks): the title
   * line is hidden as a lead, as when the paragraph follows it directly. A headline ends
   * without a full stop; a first line that ends in one is a sentence and may be quoted again.
   */
  titleRepeats: true,
  /**
   * 30 characters and 5 words: a headline or a one-line note has 6–15 words; "Thank you!",
   * "Whose streets? Our streets!" or "3x10 squats" are shorter, and repeat on purpose.
   * Characters are weighted by script (see measure.ts), so a 12-character Japanese headline counts.
   */
  minShortRepeatChars: 30,
  minShortRepeatWords: 5,
};
