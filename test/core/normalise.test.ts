import { describe, expect, it } from 'vitest';
import {
  decodeEntities,
  normalise,
  similarity,
  stripTruncation,
  wordSets,
} from '../../src/core/normalise';

describe('normalise', () => {
  it.each([
    ['Ｆｕｌｌ width', 'full width'],
    ['Mixed CASE Text', 'mixed case text'],
    ['  spaced \t out\u00a0 text  ', 'spaced out text'],
    ['zero\u200bwidth\u2060 joiners\ufeff', 'zerowidth joiners'],
    ['It’s “quoted” ‘here’', "it's \"quoted\" 'here'"],
    ['one – two — three ‑ four', 'one - two - three - four'],
    ['#Hashtag and #another word', 'hashtag and another word'],
    ['**bold** _italic_ ~~struck~~', 'bold italic struck'],
    ['trailing dots...', 'trailing dots'],
    ['trailing ellipsis…', 'trailing ellipsis'],
    ['bracketed [...]', 'bracketed'],
    ['fish &amp; chips &#8217;n&#x2019; more &quot;x&quot;', 'fish & chips \'n\' more "x"'],
  ])('folds %j', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  it('keeps unknown entities as written', () => {
    expect(decodeEntities('&madeup; &#xD800; &#0;')).toBe('&madeup; &#xD800; &#0;');
  });
});

describe('stripTruncation', () => {
  it.each([
    ['the lead goes on...', 'the lead goes on'],
    ['the lead goes on... read more', 'the lead goes on'],
    ['the lead goes on [...] the post a title appeared first on a site.', 'the lead goes on'],
    ['the lead goes on. continue reading →', 'the lead goes on.'],
    ['the lead goes on. read the full story', 'the lead goes on.'],
    ['the lead goes on (see full article)', 'the lead goes on'],
    ['the lead goes on. continue reading on harbour.example', 'the lead goes on.'],
  ])('strips the marks of %j', (key, stem) => {
    expect(stripTruncation(key)).toEqual({ stem, truncated: true });
  });

  it('leaves complete text alone', () => {
    expect(stripTruncation('a complete sentence.')).toEqual({
      stem: 'a complete sentence.',
      truncated: false,
    });
  });
});

describe('similarity', () => {
  it('costs nothing for added hashtags', () => {
    const plain = wordSets('The harbour opens at seven every morning this week');
    const tagged = wordSets('The #harbour opens at seven every morning this week #news #city');
    expect(similarity(plain, tagged)).toBe(1);
  });

  it('stays low for unrelated texts that share names and numbers', () => {
    const english = wordSets('Ilse Marten opened the depot in 2024 with 48 new jobs');
    const german = wordSets('Ilse Marten eröffnete das Depot 2024 mit 48 neuen Stellen');
    expect(similarity(english, german)).toBeLessThan(0.5);
  });
});
