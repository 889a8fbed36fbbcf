import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analysePost } from '../../src/core/analyse';
import { blocksFromText } from '../../src/core/blocks';

/** The project's root: the seed post lives in `shared/` beside it. */
const root = fileURLToPath(new URL('../../', import.meta.url));

function hidden(text: string, options = {}): number[] {
  return [...analysePost(blocksFromText(text), options).hiddenBlocks];
}

function templateLine(index: number): string {
  return `Reading ${index} from gauge ${index * 7 + 3}: the river stood at ${index % 90}.${index % 10} m at ${index % 24}:${String(index % 60).padStart(2, '0')} this morning.`;
}

describe('the seed post', () => {
  it('hides its labelled lead and its second copy, and keeps lines 1–12', () => {
    const seed = readFileSync(`${root}../shared/reference/seed-post.txt`, 'utf8');
    const expected = [0, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
    expect(hidden(seed)).toEqual(expected);
    const runs = analysePost(blocksFromText(seed)).runs;
    expect(runs.map((run) => run.kind)).toEqual(['truncated-lead', 'exact']);
  });
});

describe('hostile posts', () => {
  it('hides nothing in 10,000 template lines that differ only in numbers', () => {
    const lines = Array.from({ length: 10_000 }, (_, index) => templateLine(index + 1));
    expect(hidden(lines.join('\n'))).toEqual([]);
  });

  it('keeps the first six lines of a post that repeats six template lines', () => {
    const six = Array.from({ length: 6 }, (_, index) => templateLine(index + 1));
    const result = hidden([...six, ...six].join('\n'));
    expect(result.every((block) => block >= 6)).toBe(true);
  });
});

describe('short-repeat settings', () => {
  const headline = 'Harbour council moves the first ferry of the day forward';
  const prose = [
    'The council voted on Tuesday evening to move the first crossing of the day forward by half an hour, after commuters complained.',
    'Ferry staff will be consulted on the new rota before it takes effect next month, and the kiosk on the south pier opens earlier too.',
  ];

  it('hides a headline printed twice, unless adjacentRepeats is off', () => {
    const post = [headline, headline, ...prose].join('\n');
    expect(hidden(post)).toEqual([1]);
    expect(hidden(post, { adjacentRepeats: false, titleRepeats: false })).toEqual([]);
  });

  it('hides a title repeated as a credited caption, unless titleRepeats is off', () => {
    const post = [headline, ...prose, `${headline} (Photo: Ann Lee)`].join('\n');
    expect(hidden(post)).toEqual([3]);
    expect(hidden(post, { titleRepeats: false })).toEqual([]);
  });

  it('keeps a short repeat below minShortRepeatWords', () => {
    const post = [headline, headline, ...prose].join('\n');
    expect(hidden(post, { minShortRepeatWords: 20 })).toEqual([]);
  });
});

describe('lead settings', () => {
  const lead =
    'Mara Quill on Nostr: The night market in the old tram depot will open again from the first Friday of ...';
  const full =
    'The night market in the old tram depot will open again from the first Friday of June, with food stalls and live music until midnight.';

  it('hides a labelled shortened lead, unless labelledLeads is off', () => {
    expect(hidden([lead, full].join('\n'))).toEqual([0]);
    expect(hidden([lead, full].join('\n'), { labelledLeads: false })).toEqual([]);
  });

  it('hides a title that a paragraph opens with after a standfirst, unless titleRepeats is off', () => {
    const title = 'The river tram will reach the hospital by next autumn';
    const post = [
      title,
      'Engineers plan to reuse the old freight bridge, which was closed to lorries years ago.',
      `${title}. The extension adds three stops, one beside the new outpatient wing, and trams will run every ten minutes.`,
    ].join('\n');
    expect(hidden(post)).toEqual([0]);
    expect(hidden(post, { titleRepeats: false })).toEqual([]);
  });
});
