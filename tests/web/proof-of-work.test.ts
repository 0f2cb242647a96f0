/**
 * Under guessing pressure the reference client still logs people in: when the server
 * answers 429 challenge_required, the person's code login and the staff password login
 * solve the challenge in a Web Worker (altcha-lib's solver, served by the server under
 * the strict CSP), show "Sjekker …" while they do, and send the login again. The server
 * here asks for work on every login.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, phone, screenshot } from './browser.ts';
import { startWebServer, type WebServer } from './web-server.ts';

let server: WebServer;
let browser: Browser;
const always = { free: { address: 0, account: 0, global: 0 }, base: 60_000, max: 60_000 };

beforeAll(async () => {
  server = await startWebServer({ policy: { person: always, staff: always } });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Records every text the status line shows, and requests to the login route with their bodies. */
async function watch(page: Page, route: string) {
  const bodies: string[] = [];
  page.on('request', (req) => {
    if (req.url().endsWith(route) && req.method() === 'POST') bodies.push(req.postData() ?? '');
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Chromium logs every 4xx answer as a console error; the 429 that asks for work is expected.
  page.on('console', (m) => m.type() === 'error' && !/status of 429/.test(m.text()) && errors.push(m.text()));
  return { bodies, errors };
}

describe('a login that must do work first', () => {
  it('solves the challenge in a worker, shows it is checking, and logs the person in', async () => {
    const code = await server.issueCode('bydel', 'sovn');
    const page = await (await browser.newContext({ viewport: phone })).newPage();
    const seen = await watch(page, '/v1/sessions');
    await page.goto(server.base);
    await page.getByLabel('Koden din').fill(code);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sjekker …' }).count(), { timeout: 30_000 }).toBe(1);
    await screenshot(page, 'login-checking-phone');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Nei, bare jeg kan se dem' }).waitFor({ timeout: 120_000 });
    expect(seen.bodies).toHaveLength(2);
    expect(JSON.parse(seen.bodies[0]!)).not.toHaveProperty('altcha');
    expect(JSON.parse(seen.bodies[1]!).altcha).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(seen.errors).toEqual([]);
  }, 180_000);

  it('does the same for the staff password login', async () => {
    const password = await server.addStaff('bydel', 'ola', 'professional');
    const page = await (await browser.newContext()).newPage();
    const seen = await watch(page, '/v1/staff/sessions');
    await page.goto(`${server.base}/staff/`);
    await page.getByLabel('Tjeneste (kortnavn)').fill('bydel');
    await page.getByLabel('Brukernavn').fill('ola');
    await page.getByLabel('Passord').fill(password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sjekker …' }).count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('heading', { name: 'Velg et nytt passord' }).waitFor({ timeout: 120_000 });
    expect(seen.bodies).toHaveLength(2);
    expect(JSON.parse(seen.bodies[1]!).altcha).toBeTruthy();
    expect(seen.errors).toEqual([]);
  }, 180_000);
});
