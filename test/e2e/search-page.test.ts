/**
 * The search page in headless Chromium, against the real server and a real Meilisearch holding the
 * seed article, the test fixtures (one paragraph contains `<script>`) and, when the shared corpus is
 * there, the BBC politics articles. Screenshots of the main states go to test-artifacts/screenshots/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { corpusDir, quietLog, repoRoot, testMeili } from '../helpers/meili.js';
import { getJson, startTestServer, type TestServer } from '../helpers/server.js';
import {
  buildPageForTest,
  chromiumSkipMessage,
  DESKTOP,
  focusedId,
  hasChromium,
  launchBrowser,
  PHONE,
  screenshot,
  seriousViolations,
  waitForStatus,
  watch,
} from './browser.js';

const bbcPolitics = path.join(corpusDir, 'bbc/politics');
const hasBbc = existsSync(bbcPolitics);
if (!hasChromium) console.warn(chromiumSkipMessage);
if (!hasBbc) console.warn(`shared corpus not found at ${bbcPolitics}: the page is tested on the seed and fixtures only (no pagination test)`);

describe.skipIf(!hasChromium)('the search page', () => {
  const meili = testMeili('e2e');
  let server: TestServer;
  let page_: { remove(): void } | undefined;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watch>;

  beforeAll(async () => {
    // test/fixtures/bylines: eight articles about a harbour with authors and sections (issue 15).
    const paths = [path.join(repoRoot, 'seeds'), path.join(repoRoot, 'test/fixtures/articles'), path.join(repoRoot, 'test/fixtures/bylines'), ...(hasBbc ? [bbcPolitics] : [])];
    const [built] = await Promise.all([
      buildPageForTest(),
      indexArticles({ admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog }, { paths }),
    ]);
    page_ = built;
    server = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: meili.prefix, publicDir: built.dir });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await meili.cleanup();
    page_?.remove();
  });

  async function open(viewport: { width: number; height: number }, pathAndQuery = '/'): Promise<void> {
    context = await browser.newContext({ viewport, baseURL: server.url, reducedMotion: 'reduce' });
    page = await context.newPage();
    seen = watch(page);
    await page.goto(pathAndQuery);
    await waitForStatus(page);
  }

  const url = () => new URL(page.url());

  afterEach(async () => {
    // Whatever a test did, the page never logged an error and never opened a dialog.
    expect(seen?.errors ?? []).toEqual([]);
    expect(seen?.dialogs ?? []).toEqual([]);
    await context?.close();
  });

  it('first visit: says what can be searched and offers popular entities', async () => {
    await open(DESKTOP);
    await expect(page.locator('.intro h2').textContent()).resolves.toBe('Search the news');
    expect(await page.locator('.popular a').count()).toBeGreaterThan(0);
    await screenshot(page, 'desktop-first-visit');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('typeahead: "zel" suggests Volodymyr Zelenskiy; choosing it with the keyboard filters the results and shows a chip', async () => {
    await open(DESKTOP);
    const box = page.getByRole('combobox', { name: 'Search news articles' });
    await box.focus();
    await page.keyboard.type('zel', { delay: 40 });
    const option = page.getByRole('option', { name: /Volodymyr Zelenskiy/ });
    await option.waitFor();
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('true');
    // Grouped by kind, the typed part marked.
    await expect(page.locator('#suggestions [role="group"]').first().getAttribute('aria-labelledby')).resolves.toBeTruthy();
    await expect(option.locator('mark').first().textContent()).resolves.toBe('Zel');
    await expect(option.textContent()).resolves.toMatch(/person/);
    await screenshot(page, 'desktop-typeahead');
    expect(await seriousViolations(page)).toEqual([]);

    // ↓ until the Zelenskiy option is active; aria-activedescendant follows.
    for (let i = 0; i < 10 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe(await option.getAttribute('id'));
    await page.keyboard.press('Enter');

    await page.waitForURL((u) => u.searchParams.getAll('people').includes('Volodymyr Zelenskiy'));
    await waitForStatus(page);
    await expect(page.locator('#suggestions').isHidden()).resolves.toBe(true);
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.locator('.chip', { hasText: 'Volodymyr Zelenskiy' }).isVisible()).resolves.toBe(true);
    const hits = page.locator('.hit');
    expect(await hits.count()).toBeGreaterThan(0);
    const checkbox = page.locator('input[type="checkbox"][data-facet="people"][data-value="Volodymyr Zelenskiy"]');
    await expect(checkbox.isChecked()).resolves.toBe(true);
    await expect(page.locator('#summary').textContent()).resolves.toMatch(/article/);
    await screenshot(page, 'desktop-filtered');
  });

  it('typeahead: Escape closes the list and keeps the text; a completion searches it; the mouse works', async () => {
    await open(DESKTOP);
    const box = page.getByRole('combobox', { name: 'Search news articles' });
    await box.focus();
    await page.keyboard.type('secu', { delay: 40 });
    await page.locator('#suggestions [role="option"]').first().waitFor();
    await page.keyboard.press('Escape');
    await expect(page.locator('#suggestions').isHidden()).resolves.toBe(true);
    await expect(box.inputValue()).resolves.toBe('secu');

    await page.keyboard.press('ArrowDown');
    // The first query completion (the corpus decides which phrase it is).
    const completion = page.getByRole('group', { name: 'Search for' }).getByRole('option').first();
    await completion.waitFor();
    const phrase = (await completion.locator('.suggestion-label').textContent())!;
    expect(phrase).toMatch(/^secu/);
    await completion.click();
    await page.waitForURL((u) => u.searchParams.get('q') === phrase);
    await waitForStatus(page);
    await expect(box.inputValue()).resolves.toBe(phrase);
    expect(await page.locator('.hit').count()).toBeGreaterThan(0);
  });

  it('facets: clicking a value filters (counts and URL change); back restores the previous state', async () => {
    await open(DESKTOP, '/?q=nato');
    const summaryBefore = await page.locator('#summary').textContent();
    const totalBefore = Number(/([\d,]+) articles?/.exec(summaryBefore ?? '')?.[1]?.replace(/,/g, ''));
    expect(totalBefore).toBeGreaterThan(1);
    // A value in fewer articles than the whole result, so choosing it must narrow the result to its count.
    const values = await Promise.all(
      (await page.locator('input[type="checkbox"][data-facet]').all()).map(async (box) => ({
        facet: (await box.getAttribute('data-facet'))!,
        value: (await box.getAttribute('data-value'))!,
        label: (await box.locator('xpath=..').textContent()) ?? '',
      })),
    );
    const candidate = values
      .map((v) => ({ ...v, count: Number(/([\d,]+) articles?$/.exec(v.label)?.[1]?.replace(/,/g, '')) }))
      .find((v) => v.count < totalBefore);
    expect(candidate, 'a facet value that narrows the result').toBeDefined();
    const facetsBefore = await page.locator('#facet-groups').textContent();

    await page.locator(`input[type="checkbox"][data-facet="${candidate!.facet}"][data-value="${candidate!.value}"]`).click();
    await page.waitForURL((u) => u.searchParams.getAll(candidate!.facet).includes(candidate!.value));
    await waitForStatus(page);
    expect(url().searchParams.get('q')).toBe('nato');
    await expect(page.locator('#summary').textContent()).resolves.toMatch(new RegExp(`^${candidate!.count} articles? for “nato”`));
    expect(await page.locator('.hit').count()).toBe(Math.min(10, candidate!.count));
    expect(await page.locator('#facet-groups').textContent()).not.toBe(facetsBefore);
    await expect(page.locator('.chip', { hasText: candidate!.value }).isVisible()).resolves.toBe(true);
    // Focus stays on the checkbox across the re-render (keyboard users keep their place).
    await expect(page.locator(':focus').getAttribute('data-value')).resolves.toBe(candidate!.value);

    await page.goBack();
    await page.waitForURL((u) => u.searchParams.getAll(candidate!.facet).length === 0);
    await waitForStatus(page);
    await expect(page.locator('#summary').textContent()).resolves.toBe(summaryBefore);
    await expect(page.locator(`input[type="checkbox"][data-facet="${candidate!.facet}"][data-value="${candidate!.value}"]`).isChecked()).resolves.toBe(false);
    expect(await page.locator('.chip').count()).toBe(0);

    await page.goForward();
    await page.waitForURL((u) => u.searchParams.getAll(candidate!.facet).includes(candidate!.value));
    await waitForStatus(page);
    await expect(page.locator('.chip', { hasText: candidate!.value }).isVisible()).resolves.toBe(true);
  });

  it('authors and section: their groups show only with values; choosing one filters with its exact count, OR within the group', async () => {
    // The seed and the NATO fixtures name no authors or sections: no empty groups for them.
    await open(DESKTOP, '/?q=nato');
    await expect(page.locator('fieldset[data-facet="people"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('fieldset[data-facet="authors"]').isVisible()).resolves.toBe(false);
    await expect(page.locator('fieldset[data-facet="section"]').isVisible()).resolves.toBe(false);

    await page.goto('/?q=harbour');
    await waitForStatus(page);
    const authors = page.locator('fieldset[data-facet="authors"]');
    await expect(authors.isVisible()).resolves.toBe(true);
    await expect(authors.locator('legend').textContent()).resolves.toBe('Authors');
    await expect(page.locator('fieldset[data-facet="section"] legend').textContent()).resolves.toBe('Section');
    const { body } = await getJson(server.url, '/api/search?q=harbour');
    const becker = body.facets.authors.find((v: { value: string }) => v.value === 'Tom Becker');
    const box = authors.locator('input[type="checkbox"][data-value="Tom Becker"]');
    await expect(box.locator('xpath=..').locator('.count').textContent()).resolves.toBe(`, ${becker.count} articles`);
    await screenshot(page, 'desktop-author-facets');
    expect(await seriousViolations(page)).toEqual([]);

    await box.click();
    await page.waitForURL((u) => u.searchParams.getAll('authors').includes('Tom Becker'));
    await waitForStatus(page);
    await expect(page.locator('#summary').textContent()).resolves.toMatch(new RegExp(`^${becker.count} articles? for “harbour”`));
    await expect(page.locator('.chip', { hasText: 'Tom Becker' }).textContent()).resolves.toMatch(/author/);
    await expect(box.isChecked()).resolves.toBe(true);
    // Disjunctive: the other authors are still offered, with what choosing them alone returns.
    const ruiz = authors.locator('input[type="checkbox"][data-value="Ana Ruiz"]');
    await expect(ruiz.isChecked()).resolves.toBe(false);
    const ruizCount = body.facets.authors.find((v: { value: string }) => v.value === 'Ana Ruiz').count;
    await expect(ruiz.locator('xpath=..').locator('.count').textContent()).resolves.toBe(`, ${ruizCount} articles`);
    // Across groups, AND: the sections count Tom Becker's articles.
    const { body: narrowed } = await getJson(server.url, '/api/search?q=harbour&authors=Tom%20Becker');
    const sections = await page.locator('fieldset[data-facet="section"] input[type="checkbox"]').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('data-value')));
    expect(sections).toEqual(narrowed.facets.section.map((v: { value: string }) => v.value));

    await ruiz.click();
    await page.waitForURL((u) => u.searchParams.getAll('authors').length === 2);
    await waitForStatus(page);
    const { body: either } = await getJson(server.url, '/api/search?q=harbour&authors=Tom%20Becker&authors=Ana%20Ruiz');
    await expect(page.locator('#summary').textContent()).resolves.toMatch(new RegExp(`^${either.totalHits} articles for “harbour”`));

    // The group's own search finds an author by any word of the name.
    const find = page.locator('#facet-authors-q');
    await find.focus();
    await page.keyboard.type('fisch', { delay: 40 });
    const option = page.locator('#facet-authors-suggestions [role="option"]', { hasText: 'Lena Fischer' });
    await option.click();
    await page.waitForURL((u) => u.searchParams.getAll('authors').includes('Lena Fischer'));
    await waitForStatus(page);
    await expect(authors.locator('input[type="checkbox"][data-value="Lena Fischer"]').isChecked()).resolves.toBe(true);
  });

  it('typeahead: an author is suggested as an author; choosing it filters by author', async () => {
    await open(DESKTOP);
    const box = page.getByRole('combobox', { name: 'Search news articles' });
    await box.focus();
    await page.keyboard.type('ruiz', { delay: 40 });
    const option = page.getByRole('option', { name: /Ana Ruiz/ });
    await option.waitFor();
    await expect(option.textContent()).resolves.toMatch(/author · 4 articles/);
    await option.click();
    await page.waitForURL((u) => u.searchParams.getAll('authors').includes('Ana Ruiz'));
    await waitForStatus(page);
    await expect(box.inputValue()).resolves.toBe('');
    await expect(page.locator('#summary').textContent()).resolves.toMatch(/^4 articles/);
    await expect(page.locator('input[type="checkbox"][data-facet="authors"][data-value="Ana Ruiz"]').isChecked()).resolves.toBe(true);
    // "Clear all" drops the author too.
    await page.getByRole('link', { name: 'Clear all' }).click();
    await page.waitForURL((u) => !u.searchParams.has('authors'));
  });

  it.skipIf(!hasBbc)('a broad query shows exact totals and counts, without "about"', async () => {
    await open(DESKTOP, '/?q=government');
    const { body } = await getJson(server.url, '/api/search?q=government');
    expect(body.facetCountsExact).toBe(true);
    await expect(page.locator('#summary').textContent()).resolves.toMatch(new RegExp(`^${body.totalHits.toLocaleString('en-US')} articles for “government”`));
    const counts = await page.locator('#facet-groups .count').allTextContents();
    expect(counts.length).toBeGreaterThan(0);
    for (const count of counts) expect(count).toMatch(/^, [\d,]+ articles?$/);
    // The number next to a value is what choosing it returns.
    const box = page.locator('input[type="checkbox"][data-facet="people"]').first();
    const value = (await box.getAttribute('data-value'))!;
    const shown = (await box.locator('xpath=..').locator('.count').textContent())!.replace(/^, /, '').replace(/ articles?$/, '');
    await box.click();
    await page.waitForURL((u) => u.searchParams.getAll('people').includes(value));
    await waitForStatus(page);
    await expect(page.locator('#summary').textContent()).resolves.toMatch(new RegExp(`^${shown} articles? for “government”`));
    const chosen = await page.locator(`input[type="checkbox"][data-value="${value}"]`).locator('xpath=..').locator('.count').textContent();
    expect(chosen).toBe(`, ${shown} ${shown === '1' ? 'article' : 'articles'}`);
  });

  it('results: matches are marked in snippets, entity mentions add a filter, "more matches" expands', async () => {
    await open(DESKTOP, '/?q=nato');
    const marks = page.locator('.hit .snippet mark');
    expect(await marks.count()).toBeGreaterThan(0);
    await expect(marks.first().isVisible()).resolves.toBe(true);
    const background = await marks.first().evaluate((m) => m.ownerDocument.defaultView!.getComputedStyle(m).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    await screenshot(page, 'desktop-results');
    expect(await seriousViolations(page)).toEqual([]);

    const more = page.locator('button.more-matches').first();
    if ((await more.count()) > 0) {
      await more.click();
      await expect(more.getAttribute('aria-expanded')).resolves.toBe('true');
      const list = page.locator(`#${await more.getAttribute('aria-controls')}`);
      await expect(list.isVisible()).resolves.toBe(true);
      expect(await list.locator('li').count()).toBeGreaterThan(0);
    }

    const mention = page.locator('.hit button.entity').first();
    const [type, value] = [await mention.getAttribute('data-type'), await mention.getAttribute('data-value')];
    const facet = { person: 'people', organization: 'organizations', place: 'places', country: 'countries' }[type!]!;
    await mention.click();
    await page.waitForURL((u) => u.searchParams.getAll(facet).includes(value!));
    await waitForStatus(page);
    await expect(page.locator('.chip', { hasText: value! }).isVisible()).resolves.toBe(true);
  });

  it('a paragraph containing <script> renders as text, in the results and in the article view', async () => {
    await open(DESKTOP, '/?q=message+council');
    const hit = page.locator('.hit', { hasText: 'Kyiv council' });
    await hit.waitFor();
    // The title is text too: its <b> is shown, not applied.
    await expect(hit.locator('h3 a').textContent()).resolves.toBe('Kyiv council <b>warns</b> on drone attacks');
    expect(await hit.locator('h3 b').count()).toBe(0);
    await expect(hit.locator('.snippet').first().textContent()).resolves.toContain("<script>alert('xss')</script>");
    expect(await page.locator('#content script').count()).toBe(0);

    await hit.locator('h3 a').click();
    await page.waitForURL((u) => u.searchParams.get('article') === 'fixture-script');
    await waitForStatus(page);
    const reader = page.locator('article.reader');
    await expect(reader.locator('h2').textContent()).resolves.toBe('Kyiv council <b>warns</b> on drone attacks');
    await expect(focusedId(page)).resolves.toBe('article-title');
    // The paragraph with both words is marked as matching; the other one is not.
    const matching = reader.locator('.paragraph.match');
    expect(await matching.count()).toBe(1);
    expect(await reader.locator('.paragraph').count()).toBe(2);
    await expect(matching.first().textContent()).resolves.toContain("<script>alert('xss')</script>");
    expect(await matching.first().locator('mark:not(.entity)').count()).toBeGreaterThan(0);
    expect(await page.locator('script').count()).toBe(1); // the page's own module
    await screenshot(page, 'desktop-article');
    expect(await seriousViolations(page)).toEqual([]);

    // The open article is in the URL: a reload shows it again; back returns to the results.
    await page.reload();
    await waitForStatus(page);
    await expect(page.locator('article.reader h2').textContent()).resolves.toBe('Kyiv council <b>warns</b> on drone attacks');
    await page.locator('a.back').click();
    await page.waitForURL((u) => !u.searchParams.has('article'));
    await waitForStatus(page);
    expect(url().searchParams.get('q')).toBe('message council');
    expect(await page.locator('.hit').count()).toBeGreaterThan(0);
  });

  it('no results: says so and offers the nearest suggestions', async () => {
    // Zelenskiy is never mentioned with China: nothing matches, and the query's nearest suggestion is him.
    await open(DESKTOP, '/?q=zelenskiy&countries=China');
    await expect(page.locator('.no-results h2').textContent()).resolves.toBe('Nothing found for “zelenskiy”');
    await expect(page.locator('#summary').textContent()).resolves.toMatch(/^No articles/);
    const nearest = page.locator('.nearest a', { hasText: 'Volodymyr Zelenskiy' });
    await expect(nearest.isVisible()).resolves.toBe(true);
    await screenshot(page, 'desktop-no-results');
    expect(await seriousViolations(page)).toEqual([]);
    // "Clear them all" keeps the query and drops the filter.
    await page.getByRole('link', { name: 'clear them all' }).click();
    await page.waitForURL((u) => !u.searchParams.has('countries') && u.searchParams.get('q') === 'zelenskiy');
    await waitForStatus(page);
    expect(await page.locator('.hit').count()).toBeGreaterThan(0);
  });

  it('sort, date range and pagination are in the URL and survive a reload', async () => {
    await open(DESKTOP, hasBbc ? '/?q=election' : '/?q=the');
    await page.selectOption('#sort', 'newest');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'newest');
    await waitForStatus(page);
    if (hasBbc) {
      await page.locator('.pagination a[rel="next"]').click();
      await page.waitForURL((u) => u.searchParams.get('page') === '2');
      await waitForStatus(page);
      await expect(page.locator('.pagination a[aria-current="page"]').textContent()).resolves.toBe('2');
      await expect(page.locator('ol.hits').getAttribute('start')).resolves.toBe('11');
    }
    await page.fill('#from', '2025-01-01');
    await page.waitForURL((u) => u.searchParams.get('from') === '2025-01-01');
    await waitForStatus(page);
    expect(url().searchParams.has('page')).toBe(false);
    await page.reload();
    await waitForStatus(page);
    await expect(page.locator('#sort').inputValue()).resolves.toBe('newest');
    await expect(page.locator('#from').inputValue()).resolves.toBe('2025-01-01');
    await expect(page.locator('.chip', { hasText: '2025-01-01' }).isVisible()).resolves.toBe(true);
  });

  it('works with the keyboard alone, with a visible focus outline', async () => {
    await open(DESKTOP, '/?q=nato');
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus').getAttribute('class')).resolves.toBe('skip-link');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(focusedId(page)).resolves.toBe('q');
    // Tab on through the search button, the sort control and the filters to the first result.
    const firstTitle = page.locator('.hit-title a').first();
    for (let i = 0; i < 80 && !(await firstTitle.evaluate((a) => a === a.ownerDocument.activeElement)); i++) await page.keyboard.press('Tab');
    const outline = await firstTitle.evaluate((a) => {
      const style = a.ownerDocument.defaultView!.getComputedStyle(a);
      return { focused: a === a.ownerDocument.activeElement, style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(outline.focused).toBe(true);
    expect(outline.style).not.toBe('none');
    expect(outline.width).not.toBe('0px');
    // Enter on a result title opens it.
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.has('article'));
    await waitForStatus(page);
  });

  it('phone: the facets collapse into a panel; every state fits the screen', async () => {
    await open(PHONE);
    await screenshot(page, 'phone-first-visit');
    await page.goto('/?q=nato');
    await waitForStatus(page);
    await expect(page.locator('#facets').isVisible()).resolves.toBe(false);
    await screenshot(page, 'phone-results');
    expect(await seriousViolations(page)).toEqual([]);
    const noSideScroll = () => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
    await expect(noSideScroll()).resolves.toBe(true);

    const toggle = page.getByRole('button', { name: /^Filters/ });
    await toggle.click();
    await expect(page.locator('#facets').isVisible()).resolves.toBe(true);
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await screenshot(page, 'phone-filters-panel');
    expect(await seriousViolations(page)).toEqual([]);
    const firstValue = page.locator('#facets input[type="checkbox"]').first();
    const value = await firstValue.getAttribute('data-value');
    await firstValue.check();
    await page.waitForURL((u) => [...u.searchParams.values()].includes(value!));
    await waitForStatus(page);
    await page.keyboard.press('Escape');
    await expect(page.locator('#facets').isVisible()).resolves.toBe(false);
    await expect(page.locator('.chip', { hasText: value! }).isVisible()).resolves.toBe(true);

    const box = page.getByRole('combobox', { name: 'Search news articles' });
    await box.fill('');
    await box.focus();
    await page.keyboard.type('zel', { delay: 40 });
    await page.getByRole('option', { name: /Volodymyr Zelenskiy/ }).waitFor();
    await screenshot(page, 'phone-typeahead');
    await page.keyboard.press('Escape');

    await page.goto('/?q=message+council&article=fixture-script');
    await waitForStatus(page);
    await expect(noSideScroll()).resolves.toBe(true);
    await screenshot(page, 'phone-article');
  });
});
