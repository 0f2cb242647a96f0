/**
 * Real Chromium for browser tests: Debian's build driven by playwright-core (no
 * downloaded browser), with axe-core for accessibility checks and screenshots kept
 * as test artefacts in test-artifacts/screenshots (not committed).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const screenshotDir = join(process.cwd(), 'test-artifacts', 'screenshots');

function chromiumPath(): string {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    } catch {
      /* try the next name */
    }
  }
  throw new Error('Chromium is not installed: apt-get install -y chromium (.ci/run does this)');
}

/** Launches headless Chromium (playwright gives it a fresh temporary profile) with no background networking. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the page's strict CSP rightly refuses inline scripts.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // Runs in the page; typed without the DOM library, which the rest of the project must not see.
    const page = globalThis as unknown as { document: unknown; axe: { run: (ctx: unknown, opts: object) => Promise<{ violations: AxeViolation[] }> } };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/**
 * Runs axe with the system in dark mode as well (the dark palette must meet AA too);
 * `meanwhile` runs in dark mode too (a screenshot).
 */
export async function axeViolationsDark(page: Page, meanwhile?: () => Promise<void>): Promise<AxeViolation[]> {
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    // Colours change with a short transition: measure them after it.
    await page.waitForTimeout(300);
    await meanwhile?.();
    return await axeViolations(page);
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(300);
  }
}

/** Saves a full-page screenshot under test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // Whole pages can be tall (a program's every part in the preview): allow time.
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true, timeout: 90_000 });
}

export const phone = { width: 390, height: 844 };
export const narrow = { width: 320, height: 640 };
export const desktop = { width: 1280, height: 900 };
