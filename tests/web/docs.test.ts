/**
 * The API reference (/docs) in real Chromium, as a partner uses it: it loads with no
 * request to another origin and no CSP refusal, lists every operation of the document,
 * and its Try it forms send requests to this server and show the answers (a public
 * route, a FHIR resource by id, a person logging in with a code and reading /v1/me with
 * the token the page got, and a shop's API key issuing a code with a PDF card).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { axeViolations, desktop, launchBrowser, screenshot, screenshotDir } from './browser.ts';
import { startWebServer, type WebServer } from './web-server.ts';
import { openApiDocument } from '../../server/openapi/document.ts';
import { newRef, newToken } from '../../server/auth/tokens.ts';

let server: WebServer;
let browser: Browser;
let page: Page;
const requested: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: desktop })).newPage();
  page.on('request', (req) => requested.push(req.url()));
  page.on('pageerror', (e) => problems.push(e.message));
  // A CSP refusal is logged to the console as an error; 4xx answers of tried requests are not expected here either
  // (Chromium's own request for /favicon.ico, which Mestring does not serve, is not the page's).
  page.on('console', (m) => m.type() === 'error' && !/status of 404/.test(m.text()) && problems.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico' && problems.push(`${r.status()} ${r.url()}`));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The section of one operation, found by its heading as a partner reads it ("GET /healthz"). */
const operation = (method: string, path: string) => page.locator('section').filter({ has: page.getByRole('heading', { name: `${method} ${path}`, exact: true }) });

/** Opens the operation's Try it form, lets `fill` fill it, sends it and returns the answer shown. */
async function tryIt(method: string, path: string, fill?: (section: ReturnType<typeof operation>) => Promise<void>): Promise<string> {
  const section = operation(method, path);
  // Open the form unless it is open already (the summary toggles it).
  if ((await section.locator('details.try').getAttribute('open')) === null) await section.getByText('Try it', { exact: true }).click();
  await fill?.(section);
  await section.getByRole('button', { name: `Send ${method} ${path}` }).click();
  const answer = section.locator('.answer');
  await expect.poll(() => answer.textContent(), { timeout: 15_000 }).toMatch(/\n\d{3} /);
  return (await answer.textContent())!;
}

describe('the API reference at /docs', { timeout: 300_000 }, () => {
  it('loads from this server alone, under the strict CSP, and shows every operation', async () => {
    const res = await page.goto(`${server.base}/docs`);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['content-security-policy']).toBe("default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    await expect.poll(() => page.evaluate('document.readyState')).toBe('complete');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Mestring API');
    const doc = openApiDocument();
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.length).toBeGreaterThan(50);
    for (const name of ['GET /healthz', 'POST /v1/staff/codes', 'GET /v1/fhir/Questionnaire/{id}']) expect(operations).toContain(name);
    const headings = await page.locator('section:has(> details.try) > h3').allTextContents();
    expect(headings.map((h) => h.replace(/\s+/g, ' ').trim())).toEqual(operations);
    expect(await page.locator('details.try').count()).toBe(operations.length);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'docs');
  });

  it('sends a public request from the page and shows the answer', async () => {
    const answer = await tryIt('GET', '/healthz');
    expect(answer).toContain('200 OK');
    expect(answer).toContain('content-type: application/json');
    expect(answer).toContain('"status": "ok"');
    const fhir = await tryIt('GET', '/v1/fhir/Questionnaire/{id}', (s) => s.getByLabel('id (path, required)').fill('phq9'));
    expect(fhir).toContain('GET /v1/fhir/Questionnaire/phq9\n200 OK');
    expect(fhir).toContain('"resourceType": "Questionnaire"');
  });

  it('logs a person in with a code from the page and reads /v1/me with the token', async () => {
    const code = await server.issueCode('bydel', 'sovn', 'nn');
    const login = await tryIt('POST', '/v1/sessions', async (s) => {
      const body = s.getByLabel('JSON body');
      // Prefilled with the request's required fields.
      expect(JSON.parse(await body.inputValue())).toEqual({ code: '' });
      await body.fill(JSON.stringify({ code }));
    });
    expect(login).toContain('201 Created');
    const token = /"token": "(msp_[^"]+)"/.exec(login)?.[1];
    expect(token).toBeDefined();
    await page.getByLabel(/^Bearer token/).fill(token!);
    const me = await tryIt('GET', '/v1/me');
    expect(me).toContain('200 OK');
    expect(me).toContain('"locale": "nn"');
    // The tried operation only: the whole page is long.
    await operation('GET', '/v1/me').screenshot({ path: join(screenshotDir, 'docs-tried.png') });
  });

  it("issues a code with a shop's API key, an Idempotency-Key and a PDF card", async () => {
    // The key an admin would create in the portal (POST /v1/staff/api-keys), made in the store here.
    await server.addStaff('butikk', 'admin', 'admin');
    const org = (await server.stores.orgs.bySlug('butikk'))!;
    const admin = (await server.stores.staff.byUsername(org.id, 'admin'))!;
    const { token, hash } = newToken('msk');
    await server.stores.staff.addKey(newRef('key'), org.id, 'Nettbutikk', hash, ['codes:create'], admin.id, new Date().toISOString());
    await page.getByLabel(/^Bearer token/).fill(token);
    const fill = async (s: ReturnType<typeof operation>) => {
      await s.getByLabel('card (query)').selectOption('pdf');
      await s.getByLabel('Idempotency-Key (header)').fill('order-10423');
      await s.getByLabel('JSON body').fill(JSON.stringify({ programId: 'sovn' }));
    };
    const first = await tryIt('POST', '/v1/staff/codes', fill);
    expect(first).toContain('POST /v1/staff/codes?card=pdf\n201 Created');
    expect(first).toMatch(/"cardPdf": "JVBERi0/); // %PDF- in base64
    const code = /"code": "([^"]+)"/.exec(first)?.[1];
    // Sent again (a lost answer): the same code. The form keeps what was filled in.
    const again = await tryIt('POST', '/v1/staff/codes');
    expect(/"code": "([^"]+)"/.exec(again)?.[1]).toBe(code);
  });

  it('made no request to another origin and hit no error', () => {
    expect(requested.length).toBeGreaterThan(3);
    expect(requested.filter((url) => new URL(url).origin !== server.base)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
