/**
 * The whole journey in real Chromium, as a professional and as a person: generate a
 * code, print view, log in with it, consent, initial mapping, complete part 1, see
 * part 2 open, a risk answer shows help, the professional sees progress with consent
 * and nothing after withdrawal, erase my data. axe-core runs on every page and state;
 * screenshots at phone and desktop width land in test-artifacts/screenshots.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, launchBrowser, narrow, phone, screenshot } from './browser.ts';
import { startWebServer, type WebServer } from './web-server.ts';
import { totpCode } from '../../server/auth/totp.ts';

let server: WebServer;
let browser: Browser;
let staffContext: BrowserContext;
let personContext: BrowserContext;
let staff: Page;
let person: Page;
let code = '';
let totpSecret = '';
let recoveryCodes: string[] = [];
let staffPassword = '';

/** Asserts no axe violations, and saves a screenshot of the state. */
async function check(page: Page, name: string) {
  const violations = await axeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  await screenshot(page, name);
}

/** Answers every item of the questionnaire on screen: `pick(index)` gives the option label to choose. */
async function answerQuestionnaire(page: Page, pick: (index: number) => string | number) {
  for (let i = 0; ; i++) {
    const step = page.locator('.question-step');
    await step.waitFor();
    if (!/\d+/.test((await step.textContent()) ?? '') || (await page.getByRole('button', { name: /^(Send)$/ }).count())) break;
    const choice = pick(i);
    await page.locator('fieldset.plain label').filter({ hasText: String(choice) }).first().click();
    await page.getByRole('button', { name: /^(Neste|Se over svarene)$/ }).click();
    if (await page.getByRole('button', { name: 'Send' }).count()) break;
  }
  await page.getByRole('button', { name: 'Send' }).click();
}

/**
 * A second person on `programId`: a code made by the professional, login and consent in
 * the page, and the start questionnaires answered (lowest answers) through the API.
 */
async function newPerson(programId: string) {
  const issued = (await staff.evaluate(async (id) => {
    const res = await fetch('/v1/staff/codes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ programId: id }) });
    return res.json();
  }, programId)) as { code: string };
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  await page.goto(server.base);
  await page.getByLabel('Koden din').fill(issued.code);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByRole('button', { name: 'Nei, bare jeg kan se dem' }).click();
  await page.locator('.parts').waitFor();
  await page.evaluate(async () => {
    const token = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('mestring.token');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const me = (await (await fetch('/v1/me', { headers })).json()) as { due: { kind: string; instrument: string }[] };
    const { instruments } = (await (await fetch('/v1/me/questionnaires', { headers })).json()) as { instruments: Record<string, any> };
    for (const due of me.due.filter((d: { kind: string }) => d.kind === 'start')) {
      const instrument = instruments[due.instrument];
      const answers = Object.fromEntries(
        instrument.items.map((item: { id: string; type?: string; min?: number; options?: { value: number }[] }) => [item.id, item.type === 'scale' ? item.min : (item.options ?? instrument.options)[0].value]),
      );
      await fetch(`/v1/me/questionnaires/${due.instrument}/responses`, { method: 'POST', headers, body: JSON.stringify({ answers }) });
    }
  });
  await page.reload();
  return { page, context };
}

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  staffContext = await browser.newContext({ viewport: desktop });
  personContext = await browser.newContext({ viewport: phone });
  staff = await staffContext.newPage();
  person = await personContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the reference web client', () => {
  it('lets a professional log in, change the one-time password and make a code with a printable card', async () => {
    const password = await server.addStaff('bydel', 'kari', 'admin');
    await staff.goto(`${server.base}/staff`);
    await staff.getByRole('heading', { level: 1 }).waitFor();
    await check(staff, 'staff-login');
    await staff.getByLabel('Tjeneste (kortnavn)').fill('bydel');
    await staff.getByLabel('Brukernavn').fill('kari');
    await staff.getByLabel('Passord').fill(password);
    await staff.getByRole('button', { name: 'Logg inn' }).click();
    await staff.getByRole('heading', { name: 'Velg et nytt passord' }).waitFor();
    await check(staff, 'staff-password');
    await staff.getByLabel('Nåværende passord').fill(password);
    staffPassword = 'et langt og godt passord 2026';
    await staff.getByLabel('Nytt passord').fill(staffPassword);
    await staff.getByRole('button', { name: 'Lagre' }).click();

    // Two-step login: enrol an authenticator app (QR code or key), confirm a code, keep the recovery codes.
    await staff.getByRole('heading', { name: 'Sett opp innlogging i to steg' }).waitFor();
    expect(await staff.getByRole('img', { name: 'QR-kode for autentiseringsappen' }).locator('svg').count()).toBe(1);
    await check(staff, 'staff-two-factor-enrol');
    totpSecret = ((await staff.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    await staff.getByLabel('Kode fra autentiseringsappen').fill(totpCode(totpSecret, new Date()));
    await staff.getByRole('button', { name: 'Bekreft' }).click();
    await staff.getByRole('heading', { name: 'Reservekodene dine' }).waitFor();
    expect(await staff.locator('.recovery-codes li').count()).toBe(10);
    recoveryCodes = await staff.locator('.recovery-codes li').allTextContents();
    await check(staff, 'staff-recovery-codes');
    await staff.getByRole('button', { name: 'Jeg har tatt vare på kodene' }).click();
    await staff.getByRole('heading', { name: 'Tjenestens koder' }).waitFor();
    await check(staff, 'staff-codes-empty');

    // Administration: staff accounts, licences, API keys.
    await staff.getByRole('link', { name: 'Administrasjon' }).click();
    await staff.getByRole('heading', { name: 'Ansatte' }).waitFor();
    await staff.getByLabel('Brukernavn').fill('ola');
    await staff.getByRole('button', { name: 'Lag konto' }).click();
    await staff.getByText(/Engangspassord for ola/).waitFor();
    await check(staff, 'staff-admin');

    await staff.getByRole('link', { name: 'Ny kode' }).click();
    await staff.getByRole('heading', { name: 'Lag en ny kode' }).waitFor();
    await staff.getByLabel('Program').selectOption('angst');
    await check(staff, 'staff-new-code');
    await staff.getByRole('button', { name: 'Lag kode' }).click();
    const card = staff.locator('.code-card');
    await card.waitFor();
    code = (await card.locator('.code-value').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-Z*~$=U]$/);
    expect(await card.textContent()).toContain('Mestring av angst');
    await check(staff, 'staff-code-card');
    await staff.emulateMedia({ media: 'print' });
    expect(await staff.locator('header.site').isVisible()).toBe(false);
    expect(await card.isVisible()).toBe(true);
    await screenshot(staff, 'staff-code-card-print');
    await staff.emulateMedia({ media: 'screen' });
  });

  it('tells the person at once when a typed code has a typo', async () => {
    await person.goto(server.base);
    await person.getByRole('heading', { name: 'Logg inn med koden din' }).waitFor();
    await check(person, 'person-login');
    const input = person.getByLabel('Koden din');
    const wrongCheck = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    await input.fill(wrongCheck.toLowerCase());
    await person.getByText('Koden ser ut til å ha en skrivefeil').waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await check(person, 'person-login-typo');
  });

  it('walks the person through login, consent, the initial mapping with a risk answer, and part 1', async () => {
    const input = person.getByLabel('Koden din');
    await input.fill(code.replace(/-/g, ' ').toLowerCase());
    await person.getByText('Koden ser riktig ut.').waitFor();
    await person.getByRole('button', { name: 'Logg inn' }).click();

    await person.getByRole('heading', { name: 'Får tjenesten se resultatene dine?' }).waitFor();
    await check(person, 'person-consent');
    await person.getByRole('button', { name: 'Ja, tjenesten kan se resultatene mine' }).click();

    await person.getByRole('heading', { name: 'Mestring av angst' }).waitFor();
    expect(await person.getByText('Låst').count()).toBeGreaterThan(0);
    await check(person, 'person-home-start');

    // PHQ-9 with item 9 answered "Flere dager": the help block comes first.
    await person.getByRole('link', { name: /Kartlegging før du starter: Hvordan har du hatt det/ }).click();
    await person.locator('.question-step').waitFor();
    // Our own wording says so by name, never the bare official name.
    await person.getByText('Egen norsk tilpasning av PHQ-9, skrevet av Mestring. Ikke den offisielle oversettelsen.').waitFor();
    await check(person, 'person-questionnaire');
    await answerQuestionnaire(person, (i) => (i === 8 ? 'Flere dager' : 'Ikke i det hele tatt'));
    const help = person.getByRole('alert').filter({ hasText: '113' });
    await help.waitFor();
    expect(await person.getByRole('link', { name: '116 123' }).getAttribute('href')).toBe('tel:116123');
    await check(person, 'person-safety');
    await person.getByRole('button', { name: 'Jeg har lest dette' }).click();

    await person.getByRole('link', { name: /Kartlegging før du starter: Uro og bekymring/ }).click();
    await answerQuestionnaire(person, () => 'Flere dager');
    await person.getByRole('heading', { name: 'Mestring av angst' }).waitFor();

    // Part 1 is open now; part 2 is still locked.
    const part1 = person.getByRole('link', { name: /^1\. / });
    await part1.click();
    await person.getByRole('heading', { level: 1, name: 'Velkommen' }).waitFor();
    await person.getByRole('button', { name: 'Marker delen som fullført' }).click();
    await person.getByText('Dette mangler før delen er fullført:').waitFor();
    await check(person, 'person-part-missing');

    const exercise = person.locator('#exercise-goals');
    await exercise.getByLabel('Hvilke situasjoner gir deg angst nå?').fill('Butikken og bussen');
    await exercise.getByLabel('Panikkanfall eller sterk frykt for kroppslige symptomer').check();
    await exercise.getByLabel('Mitt viktigste mål for de neste ukene').fill('Jeg vil kunne ta bussen til jobb');
    await exercise.locator('label').filter({ hasText: /^7$/ }).click();
    await exercise.getByRole('button', { name: 'Lagre' }).click();
    await exercise.getByRole('heading', { name: 'Svaret ditt' }).waitFor();
    await check(person, 'person-part-saved');
    await person.getByRole('button', { name: 'Marker delen som fullført' }).click();
    await person.getByText('Du har fullført denne delen.').first().waitFor();
    await person.getByRole('link', { name: 'Tilbake til oversikten' }).first().click();
    await person.getByRole('link', { name: /^2\. / }).waitFor();
    expect(await person.getByText('Fullført').count()).toBeGreaterThan(0);
    await check(person, 'person-home-part2-open');

    // The check-in is due once a day.
    await person.getByRole('link', { name: 'Dagens innsjekk' }).click();
    await answerQuestionnaire(person, () => 4);
    await person.getByText('Innsjekken er lagret.').waitFor();

    await person.getByRole('link', { name: 'Fremgang' }).click();
    await person.getByRole('heading', { name: 'Min fremgang' }).waitFor();
    expect(await person.locator('svg.chart').count()).toBeGreaterThanOrEqual(2);
    await check(person, 'person-progress');
    await person.setViewportSize(desktop);
    await screenshot(person, 'person-progress-desktop');
    await person.setViewportSize(narrow);
    // Nothing scrolls sideways at 320 px, nor with the text at 200 %.
    expect(await person.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await person.evaluate("document.documentElement.style.fontSize = '200%'");
    await screenshot(person, 'person-progress-text-200');
    expect(await person.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await person.evaluate("document.documentElement.style.fontSize = ''");
    await person.setViewportSize(phone);
  });

  it('shows the professional the progress with consent: flags, entries, scores', async () => {
    await staff.getByRole('link', { name: 'Koder' }).click();
    await staff.getByRole('heading', { name: 'Tjenestens koder' }).waitFor();
    await staff.getByLabel('Skriv inn koden').fill(code);
    await staff.getByRole('button', { name: 'Finn' }).click();
    await staff.getByRole('heading', { name: /Oppfølging/ }).waitFor();
    await staff.getByText(/Risikosvar .* i Patient Health Questionnaire-9/).waitFor();
    expect(await staff.getByText('Jeg vil kunne ta bussen til jobb').count()).toBe(1);
    expect(await staff.locator('svg.chart').count()).toBeGreaterThanOrEqual(2);
    await check(staff, 'staff-follow-up');
    await staff.setViewportSize(phone);
    await screenshot(staff, 'staff-follow-up-phone');
    await staff.setViewportSize(desktop);
  });

  it('hides everything from the professional once the person withdraws consent', async () => {
    await person.getByRole('link', { name: 'Innstillinger' }).click();
    await person.getByRole('heading', { name: 'Innstillinger' }).waitFor();
    await check(person, 'person-settings');
    // Reminders: a secret calendar link that serves iCalendar, and stops when deleted.
    await person.getByRole('button', { name: 'Lag kalenderlenke' }).click();
    const link = await person.getByLabel('Kalenderlenken din').inputValue();
    expect(link).toMatch(/\/v1\/calendar\/msc_/);
    const feed = await fetch(link);
    expect([feed.status, (await feed.text()).startsWith('BEGIN:VCALENDAR')]).toEqual([200, true]);
    await check(person, 'person-settings-calendar');
    await person.getByRole('button', { name: 'Slett kalenderlenken' }).click();
    await person.getByText('Kalenderlenken er slettet').waitFor();
    expect((await fetch(link)).status).toBe(404);
    await person.getByRole('button', { name: 'Trekk tilbake samtykket' }).click();
    await person.getByText('Bare du kan se resultatene dine.').waitFor();

    // Anyone may answer the end evaluation, also when stopping early.
    await person.getByRole('link', { name: 'Svar på evalueringen' }).click();
    await person.getByRole('heading', { level: 1 }).waitFor();
    const step = async (choose: string | null, text?: string) => {
      if (choose) await person.locator('fieldset.plain label').filter({ hasText: choose }).first().click();
      if (text !== undefined) await person.locator('fieldset.plain textarea').fill(text);
      await person.getByRole('button', { name: /^(Neste|Se over svarene)$/ }).click();
    };
    await step('Delvis');
    await step('Jeg hadde ikke tid eller overskudd');
    await step(null);
    await step('Litt bedre');
    await step(null, 'Eksponeringen hjalp');
    await person.getByRole('button', { name: 'Send' }).click();
    await person.getByRole('heading', { name: 'Innstillinger' }).waitFor();
    const saved = (await person.evaluate(async () => {
      const token = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('mestring.token');
      return (await fetch('/v1/me/export', { headers: { authorization: `Bearer ${token}` } })).json();
    })) as { responses: { instrument: string; answers: Record<string, unknown> }[] };
    expect(saved.responses.find((r) => r.instrument === 'evaluation')?.answers).toMatchObject({ completed: 2, 'not-completed-reason': 3, change: 2, 'change-why': 'Eksponeringen hjalp' });

    await staff.reload();
    await staff.getByText(/har ikke gitt samtykke/).waitFor();
    expect(await staff.getByText('Jeg vil kunne ta bussen til jobb').count()).toBe(0);
    expect(await staff.getByText(/Risikosvar/).count()).toBe(0);
    await check(staff, 'staff-follow-up-no-consent');
  });

  it('erases the person’s data, after which the code no longer works', async () => {
    person.on('dialog', (dialog) => dialog.accept());
    await person.getByLabel('Skriv SLETT for å bekrefte').fill('SLETT');
    await person.getByRole('button', { name: 'Slett alle dataene mine' }).click();
    await person.getByText('Dataene dine er slettet.').waitFor();
    await check(person, 'person-erased');
    await person.goto(server.base);
    await person.getByLabel('Koden din').fill(code);
    await person.getByRole('button', { name: 'Logg inn' }).click();
    await person.getByText('Vi fant ingen aktiv kode som passer.').waitFor();
  });

  it('asks the professional for the second step at every later login (here a recovery code)', async () => {
    await staff.getByRole('button', { name: 'Logg ut' }).click();
    await staff.getByRole('heading', { name: 'Mestring for fagpersoner' }).waitFor();
    await staff.getByLabel('Tjeneste (kortnavn)').fill('bydel');
    await staff.getByLabel('Brukernavn').fill('kari');
    await staff.getByLabel('Passord').fill(staffPassword);
    await staff.getByRole('button', { name: 'Logg inn' }).click();
    await staff.getByRole('heading', { name: 'Innlogging, steg 2' }).waitFor();
    await check(staff, 'staff-two-factor');
    const input = staff.getByLabel('Kode fra autentiseringsappen');
    expect(await input.getAttribute('autocomplete')).toBe('one-time-code');
    await input.fill('000000');
    await staff.getByRole('button', { name: 'Logg inn' }).click();
    await staff.getByText('Koden stemmer ikke.').waitFor();
    await input.fill(recoveryCodes[0]!);
    await staff.getByRole('button', { name: 'Logg inn' }).click();
    await staff.getByRole('heading', { name: 'Tjenestens koder' }).waitFor();
    expect(await staff.getByRole('cell', { name: /Ja|Nei|Ikke svart/ }).count()).toBeGreaterThan(0);
  });

  it('keeps a repeatable log: entries so far, add, edit and delete', async () => {
    const { page, context } = await newPerson('depresjon');
    await page.reload();
    await page.getByRole('link', { name: /^1\. / }).click();
    const log = page.locator('#exercise-activity-log');
    await log.waitFor();
    for (const [day, text] of [['2026-11-23', 'Gikk tur'], ['2026-11-24', 'Ringte en venn']] as const) {
      await log.getByLabel('Hvilken dag gjelder det?').fill(day);
      await log.getByLabel('Hva gjorde du i dag?').fill(text);
      await log.getByRole('button', { name: 'Legg til' }).click();
      await log.getByText(text).waitFor();
    }
    expect(await log.locator('.entries > li').count()).toBe(2);
    await check(page, 'person-log-two-entries');

    await log.locator('.entries > li').first().getByRole('button', { name: 'Endre' }).click();
    await log.getByLabel('Hva gjorde du i dag?').fill('Gikk en lang tur');
    await log.getByRole('button', { name: 'Lagre endringene' }).click();
    await log.getByText('Gikk en lang tur').waitFor();

    page.on('dialog', (dialog) => dialog.accept());
    await log.locator('.entries > li').nth(1).getByRole('button', { name: 'Slett' }).click();
    await log.getByText('Utfyllingen er slettet.').waitFor();
    expect(await log.locator('.entries > li').count()).toBe(1);

    // What the page shows is what the server kept.
    await page.reload();
    await log.getByText('Gikk en lang tur').waitFor();
    expect(await log.getByText('Ringte en venn').count()).toBe(0);
    await context.close();
  });

  it('shows the sleep program’s sleep efficiency and sleep window from the diary', async () => {
    const { page, context } = await newPerson('sovn');
    await page.getByRole('link', { name: /^1\. / }).click();
    const diary = page.locator('#exercise-sleep-diary');
    await diary.waitFor();
    for (const [night, awake] of [['2026-11-20', '30'], ['2026-11-21', '0']] as const) {
      await diary.getByLabel(/Hvilken natt gjelder det/).fill(night);
      await diary.getByLabel('Når gikk du til sengs?').fill('23:00');
      await diary.getByLabel('Når slukket du lyset for å sove?').fill('23:30');
      await diary.getByLabel('Hvor mange minutter tok det å sovne?').fill('30');
      await diary.getByLabel(/våken i løpet av natten/).fill(awake);
      await diary.getByLabel('Når våknet du for siste gang?').fill('06:30');
      await diary.getByLabel('Når sto du opp?').fill('07:00');
      await diary.getByRole('button', { name: 'Legg til' }).click();
      await diary.locator('.entries > li').nth(night.endsWith('20') ? 0 : 1).waitFor();
    }
    await page.getByRole('link', { name: 'Fremgang' }).click();
    await page.getByRole('heading', { name: 'Søvnvinduet' }).waitFor();
    expect(await page.getByText('Søvnvinduet blir da 6 t 15 min.').count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Søvneffektivitet (%)' }).count()).toBe(1);
    await check(page, 'person-sleep-progress');
    await context.close();
  });

  it('offers English', async () => {
    await person.getByRole('button', { name: 'English' }).click();
    await person.getByRole('heading', { name: 'Log in with your code' }).waitFor();
    expect(await person.evaluate('document.documentElement.lang')).toBe('en');
    await check(person, 'person-login-english');
  });
});
