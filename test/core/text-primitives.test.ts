import { describe, expect, it } from 'vitest';
import { FNV_OFFSET, fnvCode, fnvText } from '../../src/core/hash';
import { isSpaceCode } from '../../src/core/whitespace';

describe('isSpaceCode', () => {
  it('agrees with the whitespace of trim() and \\s on every code unit', () => {
    const disagreeing: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isSpaceCode(code) !== /\s/.test(String.fromCharCode(code))) disagreeing.push(code);
    }
    expect(disagreeing).toEqual([]);
  });

  it('counts a byte-order mark as whitespace', () => {
    expect(isSpaceCode(0xfeff)).toBe(true);
  });
});

describe('FNV-1a', () => {
  it('gives the published 32-bit hashes', () => {
    expect(fnvText(FNV_OFFSET, '') >>> 0).toBe(0x811c9dc5);
    expect(fnvText(FNV_OFFSET, 'a') >>> 0).toBe(0xe40c292c);
    expect(fnvText(FNV_OFFSET, 'foobar') >>> 0).toBe(0xbf9cf968);
  });

  it('hashes a range and a code unit as the whole text would', () => {
    expect(fnvText(FNV_OFFSET, 'xfoobarx', 1, 7)).toBe(fnvText(FNV_OFFSET, 'foobar'));
    expect(fnvCode(fnvText(FNV_OFFSET, 'fooba'), 'r'.charCodeAt(0))).toBe(
      fnvText(FNV_OFFSET, 'foobar'),
    );
  });
});
