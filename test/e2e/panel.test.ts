/**
 * The entity panel, the feed links and related coverage in headless Chromium (issue 17): the
 * timeline and entity charts render from /api/insights, a bar click narrows the dates to its
 * bucket (and the results with it), an entity click adds it as a filter, the head's Atom link and
 * "Subscribe" follow the query, the article view lists related coverage, and axe-core finds no
 * serious or critical violation.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { quietLog, repoRoot, testMeili } from '../helpers/meili.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { buildPageForTest, chromiumSkipMessage, DESKTOP, hasChromium, launchBrowser, screenshot, seriousViolations, waitForStatus, watch } from './browser.js';

if (!hasChromium) console.warn(chromiumSkipMessage);

describe.skipIf(!hasChromium)('the entity panel in the page', () => {
  const meili = testMeili('e2epanel');
  let server: TestServer;
  let built: { dir: string; remove(): void } | undefined;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watch>;

  beforeAll(async () => {
    const [b] = await Promise.all([
      buildPageForTest(),
      indexArticles({ admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog }, { paths: [path.join(repoRoot, 'seeds'), path.join(repoRoot, 'test/fixtures/articles')] }),
    ]);
    built = b;
    server = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: meili.prefix, publicDir: b.dir });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await meili.cleanup();
    built?.remove();
  });
  afterEach(async () => {
    expect(seen?.errors ?? []).toEqual([]);
    expect(seen?.dialogs ?? []).toEqual([]);
    await context?.close();
  });

  async function open(pathAndQuery: string): Promise<void> {
    context = await browser.newContext({ viewport: DESKTOP, baseURL: server.url, reducedMotion: 'reduce' });
    page = await context.newPage();
    seen = watch(page);
    await page.goto(pathAndQuery);
    await waitForStatus(page);
  }

  it('draws the timeline and entity charts; a bar narrows the dates to its week; axe finds nothing serious', async () => {
    await open('/?q=trade');
    const bars = page.locator('.timeline-chart a.bar');
    // The three trade fixtures fall in March, April and May 1987: weeks from the first to the last.
    expect(await bars.count()).toBeGreaterThan(3);
    expect(await page.locator('.entity-chart a.entity-bar').count()).toBeGreaterThan(0);
    const labels = await bars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(labels[0]).toMatch(/^Week of \d+ \w+ 1987: \d+ articles?$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'desktop-panel');

    const before = await page.locator('.hit').count();
    expect(before).toBeGreaterThan(1);
    // The first bar with articles in it.
    const counts = labels.map((l) => Number(/: (\d+) article/.exec(l ?? '')?.[1] ?? 0));
    const index = counts.findIndex((c) => c > 0);
    const bar = bars.nth(index);
    const [start, end] = [await bar.getAttribute('data-start'), await bar.getAttribute('data-end')];
    await bar.click();
    await waitForStatus(page);
    expect(new URL(page.url()).searchParams.get('from')).toBe(start);
    expect(new URL(page.url()).searchParams.get('to')).toBe(end);
    await expect(page.inputValue('#from')).resolves.toBe(start);
    expect(await page.locator('.hit').count()).toBe(counts[index]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds an entity as a filter when it is clicked; the feed links follow the query', async () => {
    await open('/?q=trade');
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe('/api/search.atom?q=trade');
    expect(await page.locator('#subscribe').getAttribute('href')).toBe('/api/search.atom?q=trade');
    await expect(page.locator('#subscribe').isVisible()).resolves.toBe(true);
    const entity = page.locator('.entity-chart a.entity-bar').first();
    const [facet, value] = [await entity.getAttribute('data-facet'), await entity.getAttribute('data-value')];
    await entity.click();
    await waitForStatus(page);
    expect(new URL(page.url()).searchParams.getAll(facet!)).toEqual([value]);
    expect(await page.locator('#subscribe').getAttribute('href')).toContain(`${facet}=`);
  });

  it('lists related coverage under an article', async () => {
    await open('/?q=trade&article=fixture-trade-2');
    const related = page.locator('.related li a');
    expect(await related.count()).toBeGreaterThan(0);
    expect(await related.allTextContents()).not.toContain('Japan trade surplus widens');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
