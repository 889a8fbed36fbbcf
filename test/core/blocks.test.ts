import { describe, expect, it } from 'vitest';
import { blocksFromText, textLines, urlLineKey, urlsInText } from '../../src/core/blocks';

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

describe('urlLineKey', () => {
  const href = 'https://www.valleyherald.example/news/2025/10/libraries-lend-tools';

  it.each([
    'valleyherald.example/news/2025/10...',
    'valleyherald.example/news/2025/10…',
    'www.valleyherald.example/news/2025/10/libraries-lend-tools',
    'https://valleyherald.example/news/2025/10/libr…',
    'ValleyHerald.example/news',
  ])('reads %j, the display text of its one link, as that link', (text) => {
    expect(urlLineKey(text, [href])).toBe(href);
  });

  it.each([
    ['words around valleyherald.example/news', [href]],
    ['otherpaper.example/news/2025/10…', [href]],
    ['Read', [href]],
    ['valleyherald.example/news', [href, 'https://otherpaper.example/']],
    ['valleyherald.example/news', []],
  ])('does not read %j as a link line', (text, links) => {
    expect(urlLineKey(text, links)).toBeNull();
  });

  it('reads a written URL as itself, without a trailing ellipsis', () => {
    expect(urlLineKey('https://railwire.example/2025/11/night-train…', ['https://t.co/Ab12'])).toBe(
      'https://railwire.example/2025/11/night-train',
    );
  });
});

describe('urlsInText and a trailing ellipsis', () => {
  it('leaves the ellipsis out of the URL', () => {
    expect(urlsInText('see https://railwire.example/2025/11/night-tr… now')).toEqual([
      'https://railwire.example/2025/11/night-tr',
    ]);
  });
});
