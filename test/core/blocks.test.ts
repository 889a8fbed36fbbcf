import { describe, expect, it } from 'vitest';
import { blocksFromText, textLines, urlsInText } from '../../src/core/blocks';

describe('blocksFromText', () => {
  it('makes one block per non-empty line, whatever the line ending', () => {
    const blocks = blocksFromText('one\r\ntwo\rthree\n\n   \n\tfour  \n');
    expect(blocks.map((block) => block.text)).toEqual(['one', 'two', 'three', '\tfour']);
  });

  it('finds http(s) links without trailing punctuation', () => {
    const [block] = blocksFromText(
      'See https://example.org/a?b=1, and (https://en.wikipedia.org/wiki/Tram_(disambiguation)). Not ftp://x.org',
    );
    expect(block?.links).toEqual([
      'https://example.org/a?b=1',
      'https://en.wikipedia.org/wiki/Tram_(disambiguation)',
    ]);
  });

  it('gives an empty post no blocks', () => {
    expect(blocksFromText('')).toEqual([]);
    expect(blocksFromText('\n \r\n\t')).toEqual([]);
  });
});

describe('textLines', () => {
  it('numbers lines as they are in the text', () => {
    expect(textLines('a\n\nb\r\nc')).toEqual([
      { text: 'a', line: 1 },
      { text: 'b', line: 3 },
      { text: 'c', line: 4 },
    ]);
  });
});

describe('urlsInText', () => {
  it('returns nothing for text without links', () => {
    expect(urlsInText('no links here, only http and https words')).toEqual([]);
  });
});
