import { describe, expect, it } from 'vitest';
import { isMatchPattern, matchPatternTest } from '../../src/sites/match-pattern';

const covers = (pattern: string, url: string) => matchPatternTest(pattern)(new URL(url));

describe('match patterns', () => {
  it('match an exact host and no other', () => {
    expect(covers('https://x.com/*', 'https://x.com/home')).toBe(true);
    expect(covers('https://x.com/*', 'https://mobile.x.com/home')).toBe(false);
    expect(covers('https://x.com/*', 'https://notx.com/home')).toBe(false);
    expect(covers('https://x.com/*', 'https://x.com.evil.example/home')).toBe(false);
  });

  it('match a host and its subdomains with *.', () => {
    expect(covers('https://*.reddit.com/*', 'https://reddit.com/')).toBe(true);
    expect(covers('https://*.reddit.com/*', 'https://old.reddit.com/r/x')).toBe(true);
    expect(covers('https://*.reddit.com/*', 'https://a.b.reddit.com/')).toBe(true);
    expect(covers('https://*.reddit.com/*', 'https://notreddit.com/')).toBe(false);
  });

  it('check the scheme', () => {
    expect(covers('https://x.com/*', 'http://x.com/')).toBe(false);
    expect(covers('*://x.com/*', 'http://x.com/')).toBe(true);
    expect(covers('*://x.com/*', 'ftp://x.com/')).toBe(false);
  });

  it('treat characters other than * literally in hosts and paths', () => {
    expect(covers('https://a.b/*', 'https://axb/')).toBe(false);
    expect(covers('https://a.b/p.q*', 'https://a.b/pxq')).toBe(false);
    expect(covers('https://a.b/p.q*', 'https://a.b/p.q/r')).toBe(true);
    expect(covers('https://a.b/x*y', 'https://a.b/x-and-y')).toBe(true);
    expect(covers('https://a.b/x*y', 'https://a.b/x-and-z')).toBe(false);
    expect(covers('https://a.b/', 'https://a.b/more')).toBe(false);
  });

  it('reject what is not a match pattern', () => {
    for (const bad of [
      'x.com',
      'https://x.com',
      'https://*x.com/*',
      'https://x.*/*',
      'gopher://x.com/*',
      'https:///*',
      'https://X.com/*',
    ]) {
      expect(isMatchPattern(bad), bad).toBe(false);
      expect(() => matchPatternTest(bad)).toThrow();
    }
    expect(isMatchPattern('https://*/*')).toBe(true);
  });
});
