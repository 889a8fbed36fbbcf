import { describe, expect, it } from 'vitest';
import { extractBlocks, hashBlocks, type TextPiece } from '../../src/dom/blocks';
import { page, testSite } from './helpers';

function read(html: string, overrides: Parameters<typeof testSite>[0] = {}, bodyAttributes = '') {
  const document = page(`<div class="post"><div class="body"${bodyAttributes}>${html}</div></div>`);
  const body = document.querySelector('.body') as Element;
  return { document, body, result: extractBlocks(body, testSite(overrides)) };
}

const texts = (html: string, overrides = {}, attributes = '') =>
  read(html, overrides, attributes).result.blocks.map((block) => block.text);

describe('extractBlocks', () => {
  it('reads one block per <p>, joining inline pieces and collapsing whitespace', () => {
    expect(
      texts('<p>First <b>bold</b>\n   words</p>\n<p>Second <a href="/x">link</a> here</p>'),
    ).toEqual(['First bold words', 'Second link here']);
  });

  it('reads one block per <div dir=auto> line (Facebook)', () => {
    expect(
      texts(
        '<div dir="auto"><span>Line one</span></div><div dir="auto">Line <span>two</span></div>',
      ),
    ).toEqual(['Line one', 'Line two']);
  });

  it('ends a line at every <br> and drops empty lines from <br> runs', () => {
    expect(
      texts('Alpha<br><br>Beta <a href="https://a.example/">gamma</a><br>Delta<br><br><br>'),
    ).toEqual(['Alpha', 'Beta gamma', 'Delta']);
  });

  it('reads LinkedIn <span><br></span> breaks with comment nodes in between', () => {
    expect(
      texts(
        '<span dir="ltr"><!---->First line<!----><span><br></span><span><br></span>Second <!---->line<!----></span>',
      ),
    ).toEqual(['First line', 'Second line']);
  });

  it('splits "\\n" across many text nodes when the adapter is preformatted', () => {
    const { document, body } = read('');
    for (const piece of ['Words of ', 'one line', '\n\nnext ', 'line ', 'here\nlast']) {
      body.append(document.createTextNode(piece));
    }
    expect(extractBlocks(body, testSite({ preformatted: true })).blocks.map((b) => b.text)).toEqual(
      ['Words of one line', 'next line here', 'last'],
    );
  });

  it('reads the computed pre-wrap style of the body', () => {
    expect(texts('One\ntwo\n\nthree', {}, ' style="white-space: pre-wrap"')).toEqual([
      'One',
      'two',
      'three',
    ]);
    expect(texts('One\ntwo')).toEqual(['One two']);
  });

  it('skips excluded cards, nested post bodies, scripts and our own elements', () => {
    const { result } = read(
      'Own text<div class="card"><a href="https://card.example/">Card title</a></div>' +
        '<div class="post"><div class="body">Quoted post</div></div>' +
        '<script>var x = 1;</script><style>p{}</style><template>Template</template>' +
        '<collapse-repeats-bar>Bar</collapse-repeats-bar>More own text',
    );
    expect(result.blocks.map((b) => b.text)).toEqual(['Own text', 'More own text']);
    expect(result.opaque.map((element) => element.className)).toEqual(['card', 'post']);
  });

  it('reads wrappers inside the body that match the body selector too (Facebook)', () => {
    expect(texts('<div class="body"><div dir="auto">Wrapped line</div></div>')).toEqual([
      'Wrapped line',
    ]);
  });

  it('uses the alt text of emoji images, not of media', () => {
    expect(
      texts(
        '<p>Sunny <img alt="😎" src="e.png"> day <img alt=":blobcat:"></p><p><img alt="A long photo description"></p>',
      ),
    ).toEqual(['Sunny 😎 day :blobcat:']);
  });

  it('collects the absolute hrefs of links covering each block, once each', () => {
    const { result } = read(
      '<p>See <a href="/local/page">here</a> and <a href="https://b.example/x">there</a> and <a href="/local/page">again</a></p><p>Plain</p>',
    );
    expect(result.blocks.map((b) => b.links)).toEqual([
      ['https://social.example/local/page', 'https://b.example/x'],
      [],
    ]);
  });

  it('maps pieces back to their text nodes and offsets', () => {
    const { result, body } = read('Alpha beta<br>  gamma  ', { preformatted: true });
    const [first, second] = result.pageBlocks;
    // The pieces carry what mapping their characters needs too; where they are is what counts.
    const where = (pieces: readonly TextPiece[] | undefined) =>
      pieces?.map(({ node, start, end }) => ({ node, start, end }));
    expect(where(first?.pieces)).toEqual([{ node: body.firstChild, start: 0, end: 10 }]);
    expect(where(second?.pieces)).toEqual([{ node: body.lastChild, start: 2, end: 7 }]);
  });

  it('hashes and measures the text it reads, as the blocks hold it', () => {
    const { result } = read('<p>One  two</p><p>three <a href="/x">four</a></p>five');
    expect(result.blocks.map((block) => block.text)).toEqual(['One two', 'three four', 'five']);
    expect(result.hash).toBe(hashBlocks(result.blocks));
    expect(result.chars).toBe('One two'.length + 'three four'.length + 'five'.length);
  });

  it('hashes block text so that equal text gives an equal hash', () => {
    const a = hashBlocks([
      { text: 'one', links: [] },
      { text: 'two', links: [] },
    ]);
    expect(
      hashBlocks([
        { text: 'one', links: ['x'] },
        { text: 'two', links: [] },
      ]),
    ).toBe(a);
    expect(hashBlocks([{ text: 'onetwo', links: [] }])).not.toBe(a);
    expect(
      hashBlocks([
        { text: 'one', links: [] },
        { text: 'tw0', links: [] },
      ]),
    ).not.toBe(a);
  });
});
