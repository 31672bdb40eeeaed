/**
 * The page while Meilisearch is down: a clear message instead of results, and recovery without a
 * reload once the engine is back. Uses an engine of its own, which it stops and starts.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { createClient } from '../../src/meili/client.js';
import { quietLog, repoRoot, startDedicatedMeili, type DedicatedMeili } from '../helpers/meili.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { buildPageForTest, chromiumSkipMessage, DESKTOP, hasChromium, launchBrowser, PHONE, screenshot, seriousViolations, waitForStatus, watch } from './browser.js';

if (!hasChromium) console.warn(chromiumSkipMessage);

describe.skipIf(!hasChromium)('the search page when Meilisearch is down', () => {
  let engine: DedicatedMeili;
  let server: TestServer;
  let built: { dir: string; remove(): void } | undefined;
  let browser: Browser;

  beforeAll(async () => {
    [engine, built] = await Promise.all([startDedicatedMeili(), buildPageForTest()]);
    const admin = createClient({ url: engine.url, apiKey: engine.masterKey });
    await indexArticles({ admin, prefix: 'e2edown', resources: loadEntityResources(), log: quietLog }, { paths: [path.join(repoRoot, 'seeds')] });
    server = await startTestServer({ meiliUrl: engine.url, masterKey: engine.masterKey, prefix: 'e2edown', publicDir: built.dir });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await engine?.destroy();
    built?.remove();
  });

  it('shows that search is unavailable, retries by itself, and shows results once the engine is back', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.url, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const seen = watch(page);
    try {
      await page.goto('/?q=nato');
      await waitForStatus(page);
      expect(await page.locator('.hit').count()).toBe(1);

      await engine.stop();
      await page.fill('#q', 'security');
      await page.keyboard.press('Enter');
      await waitForStatus(page, 'unavailable');
      const notice = page.getByRole('alert');
      await expect(notice.locator('h2').textContent()).resolves.toBe('Search is unavailable right now');
      await expect(notice.textContent()).resolves.toMatch(/tries again every 5 seconds/);
      expect(new URL(page.url()).searchParams.get('q')).toBe('security');
      await screenshot(page, 'desktop-unavailable');
      expect(await seriousViolations(page)).toEqual([]);
      await page.setViewportSize(PHONE);
      await screenshot(page, 'phone-unavailable');
      await page.setViewportSize(DESKTOP);

      await engine.start();
      // No reload, no click: the page's own retry brings the results.
      await page.locator('.hit').first().waitFor({ timeout: 60_000 });
      await waitForStatus(page);
      expect(await page.getByRole('alert').count()).toBe(0);
      await expect(page.locator('#summary').textContent()).resolves.toMatch(/for “security”/);

      // The only console errors are the browser's own lines for the 503 responses.
      expect(seen.errors.filter((e) => !/Failed to load resource: the server responded with a status of 503/.test(e))).toEqual([]);
      expect(seen.dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
