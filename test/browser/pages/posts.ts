/**
 * Posts shown by the dynamic test pages and the screenshot feed. The texts are our own. The
 * repeated post has the shape of a bot-forwarded article: a lead, ten paragraphs, the article
 * URL, then the same ten paragraphs and URL again.
 */

export interface FeedPost {
  readonly id: string;
  readonly author: string;
  readonly handle: string;
  /** Paragraphs in display order. A paragraph that is a URL is rendered as a Mastodon link. */
  readonly paragraphs: readonly string[];
  /** Paragraph texts a user should no longer see, once each (empty for a clean post). */
  readonly hidden: readonly string[];
  readonly articleUrl: string | null;
}

const ARTICLE_PARAGRAPHS = [
  'The harbour authority of Vellmark confirmed on Tuesday that the old ferry terminal will close for eighteen months while its pier is rebuilt on new steel piles.',
  'Engineers found last winter that salt water had eaten through the timber supports under the eastern berth, and a load test in March failed at half the rated weight.',
  'During the works, ferries to the outer islands will leave from a temporary pontoon at the fish market, which adds about ten minutes to every crossing.',
  'Island residents asked for an extra early sailing so that commuters can still reach the mainland before the first trains leave the central station.',
  'The council has agreed to run that sailing on weekdays and says it will review the timetable again after the first three months of the closure.',
  'Shop owners near the terminal fear the loss of passing trade, and the chamber of commerce wants a small fund to help them through the quieter seasons.',
  'The new pier will be wider than the old one, with a covered walkway, ramps that meet current access rules and charging points for the electric ferries.',
  'Two of the four ferries on the island routes already run on batteries, and the operator plans to convert the remaining pair once the new chargers are installed.',
  'The total cost is put at forty-two million, shared between the national transport fund, the regional budget and a loan that harbour fees will repay.',
  'A public meeting about the works is planned for next month in the library hall, where the contractors will show drawings and answer questions from residents.',
];

export const ARTICLE_URL =
  'https://coastal-gazette.example/news/2024/vellmark-ferry-terminal-rebuild';

/** A post shaped like the seed: lead, ten paragraphs, URL, the ten paragraphs and URL again. */
export function repeatedPost(id: string): FeedPost {
  return {
    id,
    author: 'Harbour News Relay',
    handle: '@harbournews',
    paragraphs: [
      'Vellmark ferry terminal to close for a year and a half while the pier is rebuilt',
      ...ARTICLE_PARAGRAPHS,
      ARTICLE_URL,
      ...ARTICLE_PARAGRAPHS,
      ARTICLE_URL,
    ],
    hidden: [...ARTICLE_PARAGRAPHS, ARTICLE_URL],
    articleUrl: ARTICLE_URL,
  };
}

const CLEAN_TEXTS: readonly (readonly string[])[] = [
  [
    'Finished the long walk along the dunes this morning. The tide was lower than I have ever seen it, and the old wreck showed its ribs again.',
  ],
  [
    'Reading group reminder: this week we discuss the last three chapters of the lighthouse novel.',
    'Bring questions about the ending, because I still cannot decide whether the keeper left or stayed.',
  ],
  [
    'Our bakery switches to winter hours from Monday: we open at seven and close at two.',
    'The rye loaves stay on the menu all season.',
  ],
  ['Does anyone know a repair shop that still fixes cassette decks? Mine eats every second tape.'],
];

/** A post with nothing to collapse. `n` picks one of a few texts. */
export function cleanPost(id: string, n: number): FeedPost {
  const paragraphs = CLEAN_TEXTS[n % CLEAN_TEXTS.length] ?? [];
  return {
    id,
    author: 'Marit Olsen',
    handle: '@marit',
    paragraphs: [...paragraphs, `Note ${id}.`],
    hidden: [],
    articleUrl: null,
  };
}

/** Items of a longer feed: every third post is a repeated one. */
export function feedItems(count: number, prefix: string): FeedPost[] {
  return Array.from({ length: count }, (_, i) =>
    i % 3 === 1 ? repeatedPost(`${prefix}${i}`) : cleanPost(`${prefix}${i}`, i),
  );
}

/** What each test page shows. Node-side tests import these to know what to expect. */
export const FEED_POSTS: readonly FeedPost[] = [
  cleanPost('f0', 0),
  repeatedPost('f1'),
  cleanPost('f2', 1),
];

export const REACT_POSTS: readonly FeedPost[] = [
  cleanPost('r0', 0),
  repeatedPost('r1'),
  cleanPost('r2', 2),
  repeatedPost('r3'),
];
/** The React page re-renders this many times; every tenth render re-mounts REACT_POSTS[3]. */
export const REACT_RENDERS = 50;

/** The virtualised list keeps this many post nodes and refills them. */
export const VIRTUAL_POOL = 5;
export const VIRTUAL_POSTS = feedItems(24, 'v');

/** A feed long enough that its queue waits to hear what is on screen, opened at LONG_START. */
export const LONG_POSTS = feedItems(600, 'l');
export const LONG_START = 450;

export const INFINITE_BATCH = 6;
export const INFINITE_POSTS = feedItems(30, 'i');
