import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { isMatchPattern } from '../../src/sites/match-pattern';
import { bodiesIn } from '../../src/sites/query';
import {
  claimingSites,
  manifestMatches,
  matchesUrl,
  siteFor,
  sites,
} from '../../src/sites/registry';
import { loadFixture, siteFixtures } from './site-fixtures';

const fixtures = siteFixtures();
const blankDocument = () => new JSDOM('<!doctype html><title>blank</title>').window.document;
const ids = (list: readonly { id: string }[]) => list.map((site) => site.id);

describe('every fixture is claimed by its own adapter and by no other', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const document = loadFixture(fixture);
    const url = new URL(fixture.expected.url);
    if (fixture.expected.site === 'generic') {
      // The generic adapter claims nothing: it runs only where a user enables it.
      expect(ids(claimingSites(url, document))).toEqual([]);
      expect(siteFor(url, document)).toBeUndefined();
    } else {
      expect(ids(claimingSites(url, document))).toEqual([fixture.expected.site]);
      expect(siteFor(url, document)?.id).toBe(fixture.expected.site);
    }
  });
});

describe('example URLs', () => {
  for (const site of sites) {
    it.each(site.examples.map((example) => [example] as const))(
      `${site.id} claims %s, and no other adapter does`,
      (example) => {
        const url = new URL(example);
        expect(ids(claimingSites(url, blankDocument()))).toEqual([site.id]);
      },
    );
  }

  it('no adapter claims an example of another one (both ways)', () => {
    for (const owner of sites) {
      for (const example of owner.examples) {
        for (const other of sites) {
          expect(matchesUrl(other, new URL(example))).toBe(other === owner);
        }
      }
    }
  });

  it('every adapter that claims hosts lists examples, and one for each match pattern', () => {
    for (const site of sites.filter((s) => s.matches.length > 0)) {
      for (const pattern of site.matches) {
        const covered = site.examples.some((example) =>
          matchesUrl({ ...site, matches: [pattern] }, new URL(example)),
        );
        expect(covered, `${site.id}: ${pattern} has no example`).toBe(true);
      }
    }
  });
});

describe('fixture coverage', () => {
  it.each(sites.filter((site) => site.id !== 'generic').map((site) => [site.id] as const))(
    '%s has a fixture with a collapsed post and one with a clean post',
    (id) => {
      const posts = fixtures.filter((f) => f.expected.site === id).flatMap((f) => f.expected.posts);
      expect(posts.some((post) => post.state === 'collapsed')).toBe(true);
      expect(posts.some((post) => post.state === 'clean')).toBe(true);
    },
  );

  it('every adapter has a fixture folder, and every fixture names an adapter', () => {
    expect(new Set(fixtures.map((f) => f.expected.site))).toEqual(new Set(ids(sites)));
  });

  it('fixture folders are named after the adapter they hold', () => {
    for (const fixture of fixtures) expect(fixture.name.split('/')[0]).toBe(fixture.expected.site);
  });
});

describe('adapters', () => {
  it('have unique ids', () => {
    expect(new Set(ids(sites)).size).toBe(sites.length);
  });

  it('list the generic adapter last, with no hosts and no detection', () => {
    const generic = sites.at(-1);
    expect(generic?.id).toBe('generic');
    expect(generic?.matches).toEqual([]);
    expect(generic?.detect).toBeUndefined();
  });

  it.each(sites.map((site) => [site.id, site] as const))('%s has valid selectors', (_id, site) => {
    const document = blankDocument();
    const selectors = [site.post, site.body === ':scope' ? undefined : site.body, site.exclude];
    for (const selector of selectors.filter((s): s is string => s !== undefined)) {
      expect(() => document.querySelector(selector), selector).not.toThrow();
    }
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    '%s: the body selector finds exactly the posts the fixture lists',
    (_name, fixture) => {
      const site = sites.find((s) => s.id === fixture.expected.site);
      expect(site).toBeDefined();
      if (site === undefined) return;
      const bodies = bodiesIn(site, loadFixture(fixture));
      expect(bodies.length).toBeGreaterThan(0);
      expect(bodies.length).toBe(fixture.expected.posts.length);
    },
  );
});

describe('manifest matches', () => {
  const matches = manifestMatches();

  it('are sorted, unique and not empty', () => {
    expect(matches.length).toBeGreaterThan(0);
    expect(matches).toEqual([...new Set(matches)].sort());
  });

  it('are valid https match patterns with a path', () => {
    for (const pattern of matches) {
      expect(isMatchPattern(pattern), pattern).toBe(true);
      expect(pattern.startsWith('https://'), pattern).toBe(true);
      expect(pattern.endsWith('/*'), pattern).toBe(true);
    }
  });

  it('hold every adapter’s hosts', () => {
    for (const site of sites)
      for (const pattern of site.matches) expect(matches).toContain(pattern);
  });
});
