import { describe, expect, it } from 'vitest';
import {
  customSiteErrors,
  isHostname,
  normalizeHost,
  selectorParses,
} from '../../src/settings/validate';

describe('normalizeHost', () => {
  it.each([
    ['social.example.org', 'social.example.org'],
    ['  Social.Example.ORG  ', 'social.example.org'],
    ['https://social.example.org/home?x=1', 'social.example.org'],
    ['http://social.example.org', 'social.example.org'],
    ['social.example.org.', 'social.example.org'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
  ])('%s → %s', (input, host) => {
    expect(normalizeHost(input)).toBe(host);
  });

  it.each([
    '',
    'social',
    'social example.org',
    'ftp://social.example.org',
    'https://user:pw@social.example.org',
    'social.example.org:8080',
    '*.example.org',
    '-bad.example.org',
    `${'a'.repeat(64)}.example`,
    'javascript:alert(1)',
  ])('refuses %j', (input) => {
    expect(normalizeHost(input)).toBeNull();
  });
});

describe('isHostname', () => {
  it('accepts only canonical host names', () => {
    expect(isHostname('social.example.org')).toBe(true);
    expect(isHostname('Social.example.org')).toBe(false);
    expect(isHostname('social.example.org.')).toBe(false);
    expect(isHostname('social.example.org/')).toBe(false);
    expect(isHostname(42)).toBe(false);
  });
});

describe('selectorParses', () => {
  it.each([
    'article',
    '.status .content',
    'div[data-testid="tweetText"]',
    'article:has(> .body)',
    'a, b',
  ])('accepts %s', (selector) => {
    expect(selectorParses(selector)).toBe(true);
  });

  it.each(['', '   ', 'div[', '>>>', 'a { color: red }', 'a;b', 'x'.repeat(201), 7, null])(
    'refuses %j',
    (selector) => {
      expect(selectorParses(selector)).toBe(false);
    },
  );
});

describe('customSiteErrors', () => {
  it('names each bad field', () => {
    expect(
      customSiteErrors({ host: 'social.example.org', post: 'article', body: '.body' }),
    ).toEqual([]);
    expect(customSiteErrors({ host: 'nope', post: 'article', body: '.body' })).toEqual(['host']);
    expect(customSiteErrors({ host: 'social.example.org', post: '', body: 'div[' })).toEqual([
      'post',
      'body',
    ]);
    expect(customSiteErrors({ host: undefined, post: undefined, body: undefined })).toEqual([
      'host',
      'post',
      'body',
    ]);
  });
});
