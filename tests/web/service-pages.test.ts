/**
 * The staff pages for the service in real Chromium: the report with its bar charts and
 * tables, the code list with open flags first, a flag marked handled in the follow-up
 * view and the person's goals for the coming week there, group courses (every N days or
 * a date for each part), and the audit log for admins. On every page: axe (WCAG 2.1 AA) in light and dark
 * mode, and no sideways scrolling at 320 px with 200 % text.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { axeViolations, axeViolationsDark, desktop, launchBrowser, narrow, screenshot } from './browser.ts';
import { startWebServer, type WebServer } from './web-server.ts';
import { overflowing, scrollsSideways } from './slips.ts';
import { totpCode } from '../../server/auth/totp.ts';

let server: WebServer;
let browser: Browser;
let page: Page;

async function check(name: string) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  const dark = await axeViolationsDark(page);
  expect(dark, `${name} (dark): ${JSON.stringify(dark, null, 1)}`).toEqual([]);
  await page.setViewportSize({ width: narrow.width, height: narrow.height });
  await page.evaluate("document.documentElement.style.fontSize = '200%'");
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  if (await scrollsSideways(page)) expect.fail(`${name} scrolls sideways at 320 px, text 200 %: ${(await overflowing(page)).join('; ')}`);
  await screenshot(page, `${name}-320-text-200`);
  await page.evaluate("document.documentElement.style.fontSize = ''");
  await page.setViewportSize(desktop);
}

const goalWords = 'Gå en tur til butikken tre dager denne uken';
let personCode: string;

/**
 * A person who consents and answers PHQ-9 twice, the second time with item 9 raised and 9
 * points worse, answers GAD-7 and writes a goal for the coming weeks in part 1.
 */
async function personWithFlags(code: string) {
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${server.base}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.json() as Promise<any>;
  };
  const { token } = await call('POST', '/v1/sessions', { code });
  await call('PUT', '/v1/me/consent', { share: true }, token);
  const phq = (v: number, q9 = 0) => Object.fromEntries([...Array.from({ length: 8 }, (_, i) => [`q${i + 1}`, v]), ['q9', q9]]);
  await call('POST', '/v1/me/questionnaires/phq9/responses', { answers: phq(1) }, token);
  await call('POST', '/v1/me/questionnaires/phq9/responses', { answers: phq(2, 1) }, token);
  await call('POST', '/v1/me/questionnaires/gad7/responses', { answers: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`q${i + 1}`, 1])) }, token);
  const entry = await call('POST', '/v1/me/exercises/goals/entries', { values: { 'goal-1': goalWords, 'goal-1-importance': 8 } }, token);
  if (!entry.id) throw new Error(`goal entry failed: ${JSON.stringify(entry)}`);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: desktop })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the staff pages for the service', { timeout: 300_000 }, () => {
  it('logs an admin in', async () => {
    const password = await server.addStaff('bydel', 'kari', 'admin');
    personCode = await server.issueCode('bydel', 'depresjon');
    await personWithFlags(personCode);
    await page.goto(`${server.base}/staff`);
    // Through the API from the page itself (same origin, so the portal cookie is set); the login pages have their own test.
    const secret = await page.evaluate(async (pw) => {
      const json = { 'content-type': 'application/json' };
      await fetch('/v1/staff/sessions', { method: 'POST', headers: json, body: JSON.stringify({ org: 'bydel', username: 'kari', password: pw }) });
      await fetch('/v1/staff/password', { method: 'PUT', headers: json, body: JSON.stringify({ currentPassword: pw, newPassword: 'et langt og godt passord 2026' }) });
      return ((await (await fetch('/v1/staff/totp/enrol', { method: 'POST' })).json()) as { secret: string }).secret;
    }, password);
    await page.evaluate(async (code) => {
      await fetch('/v1/staff/totp/confirm', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      // Runs in the page; typed without the DOM library, which the rest of the project must not see.
      (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('mestring.staff', JSON.stringify({ role: 'admin', mustChangePassword: false }));
    }, totpCode(secret, new Date()));
    await page.goto(`${server.base}/staff#/codes`);
    await page.getByRole('heading', { name: 'Tjenestens koder' }).waitFor();
  });

  it('lists open flags and the last activity', async () => {
    await page.getByRole('cell', { name: 'Risiko, Verre' }).waitFor();
    await check('staff-codes-flags');
  });

  it('marks a flag handled in the follow-up view', async () => {
    await page.locator('tbody a').first().click();
    await page.getByRole('heading', { name: 'Varsler' }).waitFor();
    await page.getByRole('heading', { name: 'Samtalen, steg for steg' }).waitFor();
    expect(await page.getByRole('button', { name: 'Merk som håndtert' }).count()).toBe(2);
    await check('staff-follow-up-flags');
    await page.getByRole('button', { name: 'Merk som håndtert' }).first().click();
    await page.getByText(/Håndtert av kari/).waitFor();
    expect(await page.getByRole('button', { name: 'Merk som håndtert' }).count()).toBe(1);
    await check('staff-follow-up-handled');
  });

  it("shows the person's goals for the coming week in their own words", async () => {
    const goals = page.getByRole('region', { name: 'Mål og planer for uka som kommer' });
    await goals.waitFor();
    await goals.getByText(goalWords).waitFor();
    expect(await goals.textContent()).toContain('Mål 1: Hva ønsker du skal bli annerledes?');
    // Handling the flag counts as a contact: the goal was written before it, and says so.
    expect(await goals.textContent()).toMatch(/ikke endret i perioden/);
    // The agenda has goals before the next part, and so has the page.
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings.indexOf('Mål og planer for uka som kommer')).toBeLessThan(headings.indexOf('Neste del'));
    expect(headings.indexOf('Mål og planer for uka som kommer')).toBeGreaterThan(headings.indexOf('Skårer og innsjekker'));
    await check('staff-follow-up-goals');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('heading', { name: 'Mål og planer for uka som kommer' }).isVisible()).toBe(true);
    await screenshot(page, 'staff-follow-up-print');
    // Printed, the follow-up view fits on one A4 page to keep beside the phone.
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
  });

  it('still prints on one page after a busy week, the newest entries and the rest on the screen', async () => {
    const call = async (method: string, path: string, body: unknown, token?: string) =>
      (await fetch(`${server.base}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })).json() as Promise<any>;
    const { token } = await call('POST', '/v1/sessions', { code: personCode });
    const day = 'Sto opp til vanlig tid, spiste frokost og gikk en lang tur i parken før lunsj. Etterpå ryddet jeg litt på kjøkkenet, leste et par kapitler i en bok og ringte for å avtale en time. Om kvelden så jeg en film og la meg tidlig, men fikk ikke sove med en gang fordi tankene gikk rundt.';
    for (let i = 1; i <= 10; i++) {
      const entry = await call('POST', '/v1/me/exercises/activity-log/entries', { values: { day: `2026-03-${String(i).padStart(2, '0')}`, activities: `Dag ${i}. ${day}`, pleasure: i % 10, mastery: (i * 3) % 10 } }, token);
      if (!entry.id) throw new Error(`entry failed: ${JSON.stringify(entry)}`);
    }
    await page.reload();
    await page.getByText('Dag 10.', { exact: false }).first().waitFor();
    expect(await page.getByText(/^Dag \d+\./).count()).toBe(10);
    await page.emulateMedia({ media: 'print' });
    onTestFinished(() => page.emulateMedia({ media: 'screen' }));
    expect(await page.getByText(/^Dag \d+\./).evaluateAll((els) => els.filter((e) => (e as unknown as { checkVisibility(): boolean }).checkVisibility()).length)).toBe(4);
    expect(await page.getByText('6 eldre utfyllinger står bare på skjermen.').isVisible()).toBe(true);
    await screenshot(page, 'staff-follow-up-print-busy');
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByText('6 eldre utfyllinger står bare på skjermen.').isVisible()).toBe(false);
  });

  it('shows the report with bar charts and tables, hiding small numbers', async () => {
    await page.getByRole('link', { name: 'Rapport' }).click();
    await page.getByRole('heading', { name: 'Tjenestens tall' }).waitFor();
    await page.getByRole('table', { name: 'Tall for perioden' }).waitFor();
    // One person: every count of 1 is hidden.
    expect(await page.getByRole('row', { name: /Koder tatt i bruk/ }).textContent()).toContain('–');
    await page.getByRole('heading', { name: 'Pålitelig bedring per program' }).waitFor();
    expect(await page.getByRole('link', { name: 'Last ned som CSV' }).getAttribute('href')).toContain('format=csv');
    await check('staff-report');
    await page.getByLabel('Program', { exact: true }).selectOption('depresjon');
    await page.getByRole('button', { name: 'Vis tallene' }).click();
    await page.getByRole('heading', { name: 'Fullførte deler' }).waitFor();
    await check('staff-report-program');
  });

  it('makes a group course, shows its schedule and prints a sheet of code cards', async () => {
    await page.getByRole('link', { name: 'Grupper' }).click();
    await page.getByRole('heading', { name: 'Gruppekurs' }).waitFor();
    await check('staff-groups-empty');
    await page.getByLabel('Program', { exact: true }).selectOption('depresjon');
    await page.getByLabel('Navn på kurset').fill('Vårkurs');
    await page.getByLabel('Startdato').fill('2026-03-02');
    await page.getByLabel('Møte 1').fill('2026-03-04T17:00');
    await page.getByRole('button', { name: 'Lag gruppen' }).click();
    await page.getByRole('heading', { name: 'Vårkurs' }).waitFor();
    await page.getByRole('heading', { name: 'Fullførte deler blant dem som samtykker' }).waitFor();
    await page.getByLabel('Antall koder').fill('2');
    await page.getByRole('button', { name: 'Lag kodekort' }).click();
    await page.locator('.code-sheet li').nth(1).waitFor();
    expect(await page.locator('.code-sheet .code-value').allTextContents()).toHaveLength(2);
    await check('staff-group');
  });

  it('makes a group course with a date for each part and shows those dates in its schedule', async () => {
    await page.getByRole('link', { name: 'Grupper' }).click();
    await page.getByRole('heading', { name: 'Gruppekurs' }).waitFor();
    await page.getByLabel('Program', { exact: true }).selectOption('depresjon');
    await page.getByLabel('Navn på kurset').fill('Høstkurs');
    await page.getByLabel('Startdato').fill('2026-09-01');
    await page.getByRole('radio', { name: 'En egen dato for hver del' }).check();
    const dates = page.getByRole('group', { name: 'Når delene åpner' });
    await dates.getByLabel('Del 1: Velkommen').waitFor();
    expect(await page.getByLabel('En ny del hver … dag').isVisible()).toBe(false);
    await check('staff-groups-dates');
    // No date at all is refused on the page, before the server is asked.
    await page.getByRole('button', { name: 'Lag gruppen' }).click();
    await page.getByText('Gi minst én del en dato.').waitFor();
    await dates.getByLabel('Del 1: Velkommen').fill('2026-09-01');
    await dates.getByLabel('Del 2: Aktivitet og humør').fill('2026-09-15');
    await page.getByRole('button', { name: 'Lag gruppen' }).click();
    await page.getByRole('heading', { name: 'Høstkurs' }).waitFor();
    await page.getByText('Timeplan: en egen dato for hver del.').waitFor();
    const schedule = page.getByRole('table', { name: 'Når delene åpner' });
    expect(await schedule.getByRole('row', { name: /Velkommen/ }).textContent()).toMatch(/1\. sep\. 2026/);
    expect(await schedule.getByRole('row', { name: /Aktivitet og humør/ }).textContent()).toMatch(/15\. sep\. 2026/);
    // A part without a date: only the usual gating holds.
    expect(await schedule.getByRole('row', { name: /Det som betyr noe for deg/ }).textContent()).toContain('–');
    await check('staff-group-dates');
  });

  it('shows the audit log to admins', async () => {
    await page.getByRole('link', { name: 'Logg' }).click();
    await page.getByRole('heading', { name: 'Revisjonslogg' }).waitFor();
    await page.getByRole('cell', { name: 'flag.handle' }).waitFor();
    await check('staff-audit');
    await page.getByLabel('Hva').selectOption('report.');
    await page.getByRole('button', { name: 'Vis', exact: true }).click();
    // The unfiltered log already shows report rows, so wait for the flag rows to go
    // rather than for a report row to appear.
    await page.getByRole('cell', { name: 'flag.handle' }).first().waitFor({ state: 'detached' });
    expect(await page.getByRole('cell', { name: 'report.outcomes' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: 'flag.handle' }).count()).toBe(0);
  });
});
