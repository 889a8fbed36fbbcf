import { describe, expect, it } from 'vitest';
import { articleLinkOf, chooseArticleLink } from '../../src/core/article-link';

const options = { stripTracking: true, pageHost: '' };

describe('articleLinkOf', () => {
  it.each([
    [
      'https://l.facebook.com/l.php?u=https%3A%2F%2Fnews.example.org%2Fa%3Futm_source%3Dfb&h=AT1',
      'https://news.example.org/a',
    ],
    ['https://www.google.com/url?q=https://news.example.org/b&sa=D', 'https://news.example.org/b'],
    [
      'https://out.reddit.com/t3_x?url=https%3A%2F%2Fnews.example.org%2Fc&token=1',
      'https://news.example.org/c',
    ],
    ['https://href.li/?https://news.example.org/d', 'https://news.example.org/d'],
    [
      'https://t.umblr.com/redirect?z=https%3A%2F%2Fnews.example.org%2Fe&t=1',
      'https://news.example.org/e',
    ],
    [
      'https://www.youtube.com/redirect?q=https%3A%2F%2Fnews.example.org%2Ff',
      'https://news.example.org/f',
    ],
    ['https://lnkd.in/abcDEF', 'https://lnkd.in/abcDEF'],
  ])('unwraps %s', (href, expected) => {
    expect(articleLinkOf(href, options)).toBe(expected);
  });

  it('strips tracking parameters and keeps the others as written', () => {
    expect(
      articleLinkOf(
        'https://news.example.org/x?id=7&utm_source=a&utm_campaign=b&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&igshid=5&ref_src=6&q=a+b',
        options,
      ),
    ).toBe('https://news.example.org/x?id=7&q=a+b');
  });

  it('keeps tracking parameters when asked to', () => {
    const href = 'https://news.example.org/x?utm_source=a';
    expect(articleLinkOf(href, { ...options, stripTracking: false })).toBe(href);
  });

  it.each([
    'ftp://files.example.org/report',
    'javascript:alert(1)',
    'https://user:pass@news.example.org/x',
    'https://mastodon.example/@someone',
    'https://mastodon.example/tags/trams',
    'https://twitter.com/hashtag/trams',
    'https://twitter.com/someone',
    'https://bsky.app/profile/someone.example',
    'https://cdn.example.org/photo.JPG',
    'https://cdn.example.org/clip.mp4',
    'not a url',
  ])('rejects %s', (href) => {
    expect(articleLinkOf(href, options)).toBeNull();
  });

  it('rejects links to the page’s own site', () => {
    expect(
      articleLinkOf('https://www.social.example/notes/1', {
        ...options,
        pageHost: 'social.example',
      }),
    ).toBeNull();
    expect(
      articleLinkOf('https://news.example.org/1', { ...options, pageHost: 'social.example' }),
    ).toBe('https://news.example.org/1');
  });
});

describe('chooseArticleLink', () => {
  const blocks = [
    { text: 'intro https://other.example/x', links: ['https://other.example/x'] },
    { text: 'repeated paragraph', links: [] },
    { text: 'https://news.example.org/story', links: ['https://news.example.org/story'] },
    { text: 'repeated paragraph', links: [] },
    { text: 'https://news.example.org/story', links: ['https://news.example.org/story'] },
  ];

  it('prefers the link that ends the repeated text', () => {
    const runs = [{ start: 3, end: 4, copyOf: { start: 1, end: 2 }, kind: 'exact' as const }];
    expect(chooseArticleLink(blocks, runs, options)).toBe('https://news.example.org/story');
  });

  it('falls back to the last line that is only a link', () => {
    expect(chooseArticleLink(blocks, [], options)).toBe('https://news.example.org/story');
  });

  it('returns null without usable links', () => {
    expect(chooseArticleLink([{ text: 'no link', links: [] }], [], options)).toBeNull();
  });
});

describe('chooseArticleLink with an opaque shortener', () => {
  const written = 'https://railwire.example/2025/11/night-train?utm_source=x';

  it('takes the full URL the link shows, without its ellipsis and tracking', () => {
    const block = { text: `${written}…`, links: ['https://t.co/Ab12Cd'] };
    expect(chooseArticleLink([block], [], options)).toBe(
      'https://railwire.example/2025/11/night-train',
    );
  });

  it('pairs several shortened links with the URLs written in the same order', () => {
    const block = {
      text: 'First https://one.example/a… then https://two.example/b…',
      links: ['https://bit.ly/aaa', 'https://bit.ly/bbb'],
    };
    expect(chooseArticleLink([block], [], options)).toBe('https://two.example/b');
  });

  it('keeps the shortener when the text shows no full URL', () => {
    const block = { text: 'railwire.example/2025/11/n…', links: ['https://t.co/Ab12Cd'] };
    expect(chooseArticleLink([block], [], options)).toBe('https://t.co/Ab12Cd');
  });

  it('leaves links that are not opaque shorteners alone', () => {
    const block = { text: written, links: ['https://news.example.org/story'] };
    expect(chooseArticleLink([block], [], options)).toBe('https://news.example.org/story');
  });
});
