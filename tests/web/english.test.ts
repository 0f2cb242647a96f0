/**
 * A person whose code was issued in English, in real Chromium: the app takes the code's
 * language at login, runs a part of the program in its English edition, switches to
 * bokmål in the settings (words and content, nothing lost) and back. The professional's
 * code form offers the language and prints the card in it. Axe (WCAG 2.1 AA, light and
 * dark) and the slip check on every state. The server runs the fixture pack `kurs`,
 * which has an English edition (tests/server/fixtures/programs/kurs/locales/en).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTree } from '../../engine/index.ts';
import { totpCode } from '../../server/auth/totp.ts';
import { axeViolations, axeViolationsDark, launchBrowser, phone, desktop, screenshot } from './browser.ts';
import { packIds, scrollsSideways, overflowing, slipsOn } from './slips.ts';
import { startWebServer, type WebServer } from './web-server.ts';

const fixture = 'tests/server/fixtures/programs';
let server: WebServer;
let browser: Browser;
/** The pack's ids that are not words of the language on screen, by language. */
let ids: Record<string, string[]> = {};

async function check(page: Page, name: string) {
  await screenshot(page, `english-${name}`);
  const violations = await axeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  const dark = await axeViolationsDark(page);
  expect(dark, `${name} (dark): ${JSON.stringify(dark, null, 1)}`).toEqual([]);
  const lang = String(await page.evaluate('document.documentElement.lang'));
  expect(await slipsOn(page, ids[lang] ?? ids.en!), name).toEqual([]);
  if (await scrollsSideways(page)) expect.fail(`${name} scrolls sideways: ${(await overflowing(page)).join('; ')}`);
}

beforeAll(async () => {
  const programs = compileTree([fixture]).programs;
  const [en, nb, nn] = await Promise.all(['en', 'nb', 'nn'].map((locale) => packIds(programs, locale)));
  ids = { en: en!, nb: nb!, nn: nn! };
  [server, browser] = await Promise.all([startWebServer({ programs: fixture }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a person reading in English', { timeout: 300_000 }, () => {
  it('runs a part in English, switches to bokmål and back without losing anything', async () => {
    const code = await server.issueCode('bydel', 'kurs', 'en');
    const context = await browser.newContext({ viewport: phone });
    const page = await context.newPage();
    await page.goto(server.base);
    await page.getByLabel('Koden din').fill(code);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    // The code was issued in English: the app switches at login.
    await page.getByRole('button', { name: 'No, only I can see them' }).click();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');

    // The start questionnaires, in English wording, answered through the API as the app would.
    const wording = await page.evaluate(async () => {
      const token = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('mestring.token');
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const { instruments } = (await (await fetch('/v1/me/questionnaires', { headers })).json()) as { instruments: Record<string, any> };
      for (const id of ['phq9', 'gad7']) {
        const instrument = instruments[id];
        const answers = Object.fromEntries(instrument.items.map((item: { id: string; options?: { value: number }[] }) => [item.id, (item.options ?? instrument.options)[0].value]));
        await fetch(`/v1/me/questionnaires/${id}/responses`, { method: 'POST', headers, body: JSON.stringify({ answers }) });
      }
      return instruments.phq9.items[0].text as string;
    });
    expect(wording).toMatch(/^You have had little interest/);
    await page.reload();
    await page.locator('.next-step').waitFor();
    await check(page, 'home');

    // Part 1 in English: its text, the exercise and its fields.
    await page.goto(`${server.base}/#/section/start`);
    await page.getByRole('heading', { level: 1, name: 'Start' }).waitFor();
    await page.getByText('Welcome to the course.').waitFor();
    await page.getByRole('heading', { name: 'Goals for the week' }).waitFor();
    await check(page, 'part-1');
    await page.getByLabel('What do you want to achieve?').fill('Sleep better');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').first().waitFor();
    await page.getByRole('button', { name: 'I have finished part 1' }).click();
    const onward = page.getByRole('link', { name: 'Continue to part 2: Log' });
    await onward.waitFor();
    await check(page, 'part-1-finished');
    await onward.click();
    await page.getByRole('heading', { level: 1, name: 'Log' }).waitFor();
    await page.getByRole('heading', { name: 'Worry log' }).waitFor();
    await page.getByLabel('What did you worry about?').fill('Money');
    await page.getByRole('group', { name: /How strongly\?/ }).getByRole('radio', { name: '6', exact: true }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').first().waitFor();
    await check(page, 'part-2');

    // Settings: bokmål switches the app's words and the content; what was written stays.
    await page.goto(`${server.base}/#/settings`);
    await page.getByRole('heading', { name: 'Language', level: 2 }).waitFor();
    await check(page, 'settings');
    await page.getByRole('radio', { name: 'Bokmål' }).check();
    await page.getByRole('heading', { level: 1, name: 'Innstillinger' }).waitFor();
    await page.getByText('Nå vises appen og programmet på norsk bokmål.').waitFor();
    expect(await page.getByRole('radio', { name: 'Bokmål' }).isChecked()).toBe(true);
    await check(page, 'settings-bokmal');
    await page.goto(`${server.base}/#/section/logg`);
    await page.getByRole('heading', { level: 1, name: 'Logg' }).waitFor();
    await page.getByRole('heading', { name: 'Bekymringslogg' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Money');
    await check(page, 'part-2-bokmal');

    // And back to English.
    await page.goto(`${server.base}/#/settings`);
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.goto(`${server.base}/#/section/start`);
    await page.getByRole('heading', { level: 1, name: 'Start' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Sleep better');
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await context.close();
  });

  it('keeps English chosen on the login page over a bokmål code, and saves it for the code', async () => {
    const code = await server.issueCode('bydel', 'kurs');
    const context = await browser.newContext({ viewport: phone });
    const page = await context.newPage();
    await page.goto(server.base);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Your code').fill(code);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'No, only I can see them' }).click();
    const me = await page.evaluate(async () => {
      const token = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('mestring.token');
      return (await (await fetch('/v1/me', { headers: { authorization: `Bearer ${token}` } })).json()) as { locale: string; programTitle: string };
    });
    expect([me.locale, me.programTitle]).toEqual(['en', 'Test course']);
    await context.close();
  });

  it("offers the person's language on the code form and prints the card in it", async () => {
    const password = await server.addStaff('bydel', 'kari', 'admin');
    const context = await browser.newContext({ viewport: desktop });
    const staff = await context.newPage();
    await staff.goto(`${server.base}/staff`);
    await staff.getByLabel('Tjeneste (kortnavn)').fill('bydel');
    await staff.getByLabel('Brukernavn').fill('kari');
    await staff.getByLabel('Passord').fill(password);
    await staff.getByRole('button', { name: 'Logg inn' }).click();
    await staff.getByLabel('Nåværende passord').fill(password);
    await staff.getByLabel('Nytt passord').fill('et langt og godt passord 2026');
    await staff.getByRole('button', { name: 'Lagre' }).click();
    await staff.getByRole('heading', { name: 'Sett opp innlogging i to steg' }).waitFor();
    const secret = ((await staff.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    await staff.getByLabel('Kode fra autentiseringsappen').fill(totpCode(secret, new Date()));
    await staff.getByRole('button', { name: 'Bekreft' }).click();
    await staff.getByRole('button', { name: 'Jeg har tatt vare på kodene' }).click();
    await staff.getByRole('heading', { name: 'Tjenestens koder' }).waitFor();

    await staff.getByRole('link', { name: 'Ny kode' }).first().click();
    await staff.getByRole('heading', { name: 'Lag en ny kode' }).waitFor();
    const language = staff.getByLabel('Personens språk');
    expect(await language.inputValue()).toBe('nb');
    await language.selectOption('nn');
    // kurs has no nynorsk edition: the form says what the person will see.
    await staff.getByText(/finnes ikke på nynorsk ennå/).waitFor();
    await language.selectOption('en');
    expect(await staff.getByText(/finnes ikke på/).count()).toBe(0);
    await check(staff, 'staff-new-code');
    await staff.getByRole('button', { name: 'Lag kode' }).click();
    const card = staff.locator('.code-card');
    await card.waitFor();
    expect(await card.getAttribute('lang')).toBe('en');
    const text = (await card.innerText()).replace(/[\s\u00a0]+/g, ' ');
    expect(text).toContain('Your Mestring code');
    expect(text).toContain('Test course');
    expect(text).toContain(`Log in at ${new URL(server.base).host}/`);
    await check(staff, 'staff-code-card');
    await context.close();
  });
});
