/**
 * Every site fixture, opened at the URL it models, in Chromium and Firefox with the built
 * extension: repeats hidden and everything else visible, Show/Hide, the article badge, clean
 * posts untouched, no page errors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectCollapsedView,
  expectNoErrors,
  expectSameAsWithout,
  expectShowAndHide,
} from './expectations';
import { manifestMatches, patternClaims, type SiteFixture, siteFixtures } from './fixtures';
import { BROWSERS, distFor, launch, settled, type TestBrowser, type TestPage } from './harness';
import { fixtureServerForSuite, sharedBySuite } from './lifecycle';
import { openClipped, siteControl, snapshotBaseline } from './probe';
import { fixturesRoot } from './server';

const fixtures = siteFixtures();

/** Sites where the acceptance asks for the seed-shaped post. */
const ACCEPTANCE_SITES = ['mastodon', 'bluesky', 'snort', 'primal', 'njump', 'x', 'facebook'];

/** A post like the seed: ten repeated paragraphs plus the repeated URL, with an article link. */
const isSeedShaped = (post: SiteFixture['posts'][number]) =>
  post.state === 'collapsed' && post.hidden.length >= 11 && post.articleUrl !== null;

const seedFixtures = (site: string) =>
  fixtures.filter((fixture) => fixture.site === site && fixture.posts.some(isSeedShaped));

const server = fixtureServerForSuite();

describe('fixture set', () => {
  it.each(ACCEPTANCE_SITES)('%s has a fixture with the seed-shaped post', (site) => {
    expect(seedFixtures(site).map((fixture) => fixture.name)).not.toEqual([]);
  });
});

/** The site's own control a user clicks first (test/fixtures/sites/README.md), if any. */
interface OpenFirst {
  readonly click: string;
  readonly unclips: string;
}

function openFirstOf(fixture: SiteFixture): OpenFirst | undefined {
  const file = path.join(fixturesRoot, fixture.site, `${fixture.name}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { openFirst?: OpenFirst }).openFirst;
}

/**
 * Does what a user does before reading a clipped post: clicks the site's own "Show more" with
 * the real mouse (so it must be visible and not covered), then the client's reaction follows.
 */
async function openAsUser(page: TestPage, openFirst: OpenFirst, label: string) {
  await page.click(siteControl, openFirst.click);
  expect(await page.evaluate(openClipped, openFirst), `${label}: post opened`).toBe(true);
}

/** Opens a fixture, checks the collapsed view, Show/Hide and the page without us. */
async function checkFixture(browser: TestBrowser, fixture: SiteFixture) {
  const label = `${browser.name} ${fixture.site}/${fixture.name}`;
  const page = await browser.open(fixture.url, fixture.localPath);
  const unmatched = await browser.openUnmatched(fixture.localPath);
  try {
    const openFirst = openFirstOf(fixture);
    if (openFirst) {
      await settled(page, fixture.posts.length);
      await openAsUser(page, openFirst, label);
      await openAsUser(unmatched, openFirst, `${label} (without the extension)`);
    }
    const collapsed = await settled(page, fixture.posts.length);
    expectCollapsedView(collapsed, fixture.posts, label);
    const expanded = await expectShowAndHide(page, collapsed, fixture.posts, label);
    await expectSameAsWithout(unmatched, collapsed, expanded, fixture.posts, label);
    expectNoErrors(page, label, { ownLogsAllowed: fixture.name.includes('hostile') });
    return collapsed;
  } finally {
    await page.close();
    await unmatched.close();
  }
}

/**
 * On a host the manifest does not list (self-hosted instances, the generic adapter), the
 * content script must not run until the user enables the site: the page stays as it is.
 */
async function checkUntouched(browser: TestBrowser, fixture: SiteFixture) {
  const label = `${browser.name} ${fixture.site}/${fixture.name} (not enabled)`;
  const page = await browser.open(fixture.url, fixture.localPath);
  const unmatched = await browser.openUnmatched(fixture.localPath);
  try {
    const snapshot = await settled(page, 0, { quietMs: 500 });
    expect(snapshot.bodies.length, `${label}: analysed bodies`).toBe(0);
    expect(snapshot.bars.length, `${label}: bars`).toBe(0);
    const baseline = await unmatched.evaluate(snapshotBaseline, []);
    expect(snapshot.pageText, `${label}: page text`).toBe(baseline.pageText);
    expectNoErrors(page, label);
  } finally {
    await page.close();
    await unmatched.close();
  }
}

describe.each(BROWSERS)('%s', (name) => {
  const matches = manifestMatches(distFor(name));
  const listed = (fixture: SiteFixture) =>
    matches.some((pattern) => patternClaims(pattern, fixture.url));
  const browser = sharedBySuite(() => launch(name, server()));

  it.each(
    fixtures.filter(listed).map((fixture) => [`${fixture.site}/${fixture.name}`, fixture] as const),
  )('%s', async (_, fixture) => {
    await checkFixture(browser(), fixture);
  });

  it.each(
    fixtures
      .filter((fixture) => !listed(fixture))
      .map((fixture) => [`${fixture.site}/${fixture.name}`, fixture] as const),
  )('%s: host not in the manifest, untouched until the user enables it', async (_, fixture) => {
    await checkUntouched(browser(), fixture);
  });

  it.each(ACCEPTANCE_SITES)('acceptance: the seed-shaped post on %s', async (site) => {
    const [fixture] = seedFixtures(site);
    expect(fixture, `${site}: seed-shaped fixture`).toBeDefined();
    if (!fixture) return;
    const collapsed = await checkFixture(browser(), fixture);
    const seedIndex = fixture.posts.findIndex(isSeedShaped);
    const seed = fixture.posts[seedIndex];
    const bars = collapsed.bars.filter((bar) => bar.owner === seedIndex);
    expect(bars.length, 'one bar on the seed post').toBe(1);
    expect(bars[0]?.badgeHref, 'badge links the article').toBe(seed?.articleUrl);
    expect(bars[0]?.badgeText, 'badge names the article host').toContain(
      new URL(seed?.articleUrl ?? 'http://invalid').hostname.replace(/^www\./, ''),
    );
  });
});
