/**
 * Helpers for the end-to-end tests of the search page: headless Debian Chromium driven by
 * playwright-core (never Playwright's own browser download), the page built into a temp dir, axe-core
 * checks, console watching and screenshots.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.js';
import { repoRoot } from '../helpers/meili.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const chromiumSkipMessage = `Chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH): end-to-end tests skipped`;

export const screenshotDir = path.join(repoRoot, 'test-artifacts/screenshots');

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Builds the page into a fresh temp dir; `remove()` deletes it. */
export async function buildPageForTest(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lede-web-'));
  await buildWeb({ outDir: dir });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Everything that would show in the console as an error, or escaped as an exception, and any
 * dialog the page opened (an injected `alert()` would be one).
 */
export function watch(page: Page): { errors: string[]; dialogs: string[] } {
  const seen = { errors: [] as string[], dialogs: [] as string[] };
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => seen.errors.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return seen;
}

/** The id of the element that has the keyboard focus. */
export async function focusedId(page: Page): Promise<string | null> {
  return page.locator(':focus').getAttribute('id');
}

/** Waits until the render the last action started has finished with `status`. */
export async function waitForStatus(page: Page, status: 'ready' | 'unavailable' = 'ready', timeout = 30_000): Promise<void> {
  await page.locator(`#main[data-status="${status}"]`).waitFor({ state: 'attached', timeout });
}

/** Serious and critical axe-core violations, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
  await page.evaluate(axe.source);
  // A string expression: it runs in the page, whose DOM types this Node-side code does not have.
  const results = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as axe.AxeResults;
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: false });
}
