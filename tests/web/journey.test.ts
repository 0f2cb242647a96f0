/**
 * The whole journey in real Chromium, as a professional and as a person: generate a
 * code and its printable card, log in with it, consent, initial mapping with a risk
 * answer, part 1 and the button on to part 2, the home page's next step, check-in,
 * progress, the professional's view with consent and without, erasure; a repeating log
 * and the sleep diary one line per entry; English and nynorsk. On every state: axe
 * (WCAG 2.1 AA) in light and dark mode, no visible slips (null, ids, ...), and no
 * sideways scrolling at 320, 390 and 1280 px, each at 100 % and 200 % text.
 * Screenshots land in test-artifacts/screenshots.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, axeViolationsDark, desktop, launchBrowser, narrow, phone, screenshot } from './browser.ts';
import { startWebServer, type WebServer } from './web-server.ts';
import { overflowing, packIds, scrollsSideways, slipsOn } from './slips.ts';
import { totpCode } from '../../server/auth/totp.ts';

let server: WebServer;
let browser: Browser;
let staffContext: BrowserContext;
let personContext: BrowserContext;
let staff: Page;
let person: Page;
let ids: string[] = [];
let code = '';
let recoveryCodes: string[] = [];
let staffPassword = '';

/**
 * Checks a state as a person meets it: axe in light and dark mode, no visible slips,
 * nothing scrolling sideways at 320, 390 or 1280 px with the text at 100 % or 200 %;
 * saves screenshots (as is, dark, and 320 px at 200 %).
 */
async function check(page: Page, name: string, packIdsOnScreen: string[] = ids) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  expect(await slipsOn(page, packIdsOnScreen), name).toEqual([]);
  const dark = await axeViolationsDark(page, () => screenshot(page, `${name}-dark`));
  expect(dark, `${name} (dark): ${JSON.stringify(dark, null, 1)}`).toEqual([]);
  const size = page.viewportSize() ?? phone;
  for (const width of [narrow.width, phone.width, desktop.width]) {
    await page.setViewportSize({ width, height: size.height });
    for (const text of ['100%', '200%']) {
      await page.evaluate(`document.documentElement.style.fontSize = '${text}'`);
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      if (await scrollsSideways(page)) expect.fail(`${name} scrolls sideways at ${width} px, text ${text}: ${(await overflowing(page)).join('; ')}`);
      if (width === narrow.width && text === '200%') await screenshot(page, `${name}-320-text-200`);
    }
    await page.evaluate("document.documentElement.style.fontSize = ''");
  }
  await page.setViewportSize(size);
}

/** Answers every item of the questionnaire on screen: `pick(index)` gives the option label to choose. */
async function answerQuestionnaire(page: Page, pick: (index: number) => string | number, atFirst?: () => Promise<void>) {
  for (let i = 0; ; i++) {
    const step = page.locator('.question-step');
    await step.waitFor();
    if (i === 0 && atFirst) await atFirst();
    const choice = pick(i);
    await page.locator('fieldset.plain label').filter({ hasText: new RegExp(`^${choice}$`) }).first().click();
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
  await page.locator('.next-step').waitFor();
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
  await page.locator('.next-step').waitFor();
  return { page, context };
}

beforeAll(async () => {
  [server, browser, ids] = await Promise.all([startWebServer(), launchBrowser(), packIds()]);
  staffContext = await browser.newContext({ viewport: desktop });
  personContext = await browser.newContext({ viewport: phone });
  staff = await staffContext.newPage();
  person = await personContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// Each state is checked at three widths, two text sizes and in both colour schemes: slow on a busy machine.
describe('the reference web client', { timeout: 300_000 }, () => {
  it('knows the pack’s ids to look for', () => {
    expect(ids).toEqual(expect.arrayContaining(['goals', 'sleep-diary', 'phq9', 'checkin']));
  });

  it('lets a professional log in, change the one-time password and make a code with a printable card', async () => {
    const password = await server.addStaff('bydel', 'kari', 'admin');
    const org = (await server.stores.orgs.bySlug('bydel'))!;
    await server.stores.orgs.setSafety(org.id, { title: 'Trenger du hjelp nå?', message: 'Ring oss eller en av disse.', contacts: [{ name: 'Legevakt', phone: '116 117' }, { name: 'Medisinsk nødtelefon', phone: '113' }], service: { phone: '22 33 44 55', when: 'hverdager 8–15' } });
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
    const totpSecret = ((await staff.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
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
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z*~$=]$/);
    const cardText = (await card.innerText()).replace(/[\s\u00a0]+/g, ' ');
    expect(cardText).toContain('Mestring av angst');
    // The service's name and phone, what to do if the card is lost, and the login page as text and QR code.
    expect(cardText).toContain('Tjenesten din: Tjeneste bydel');
    expect(cardText).toContain('Telefon: 22 33 44 55');
    expect(cardText).toContain('Har du mistet kortet? Ring Tjeneste bydel på 22 33 44 55.');
    expect(cardText).toContain(`Logg inn på ${new URL(server.base).host}/`);
    expect(await card.getByRole('img', { name: /QR-kode til innloggingssiden/ }).locator('svg').count()).toBe(1);
    await check(staff, 'staff-code-card');
    // No group of the code ever breaks across lines, down to a narrow card.
    for (const width of [320, 390, 1280]) {
      await staff.setViewportSize({ width, height: 800 });
      // A group broken across lines has two boxes, or one taller than the others.
      const boxes = await staff.locator('.code-group').evaluateAll((groups) => groups.map((g) => ({ rects: g.getClientRects().length, height: g.getBoundingClientRect().height })));
      const lowest = Math.min(...boxes.map((b) => b.height));
      const broken = boxes.filter((b) => b.rects !== 1 || b.height > lowest * 1.5).length;
      expect(broken, `groups broken at ${width} px`).toBe(0);
    }
    await staff.setViewportSize(desktop);
    await staff.emulateMedia({ media: 'print' });
    expect(await staff.locator('header.site').isVisible()).toBe(false);
    expect(await card.isVisible()).toBe(true);
    await screenshot(staff, 'staff-code-card-print');
    await staff.emulateMedia({ media: 'screen' });
  });

  it('groups the code as it is typed, and tells the person at once when it has a typo', async () => {
    await person.goto(server.base);
    await person.getByRole('heading', { name: 'Logg inn med koden din' }).waitFor();
    await check(person, 'person-login');
    const input = person.getByLabel('Koden din');
    await input.pressSequentially(code.replace(/-/g, '').slice(0, 9).toLowerCase());
    expect(await input.inputValue()).toBe(code.slice(0, 11));
    await input.fill('');
    const wrongCheck = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    await input.fill(wrongCheck.toLowerCase());
    await person.getByText('Koden ser ut til å ha en skrivefeil').waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await check(person, 'person-login-typo');
  });

  it('walks the person through login, consent, the mapping with a risk answer, part 1 and on to part 2', async () => {
    const input = person.getByLabel('Koden din');
    await input.fill(code.replace(/-/g, ' ').toLowerCase());
    await person.getByText('Koden ser riktig ut.').waitFor();
    await person.getByRole('button', { name: 'Logg inn' }).click();

    await person.getByRole('heading', { name: 'Får tjenesten se resultatene dine?' }).waitFor();
    await check(person, 'person-consent');
    await person.getByRole('button', { name: 'Ja, tjenesten kan se resultatene mine' }).click();

    // The next step is always on the home page: here, the questionnaires before part 1.
    await person.getByRole('heading', { level: 1, name: 'Mestring av angst' }).waitFor();
    const next = person.getByRole('region', { name: 'Før du starter' });
    await next.getByRole('link', { name: 'Svar på skjema 1 av 2' }).waitFor();
    await person.getByText('8 deler til').waitFor();
    await check(person, 'person-home-start');

    // PHQ-9 with item 9 answered "Flere dager": the help screen comes first.
    await next.getByRole('link', { name: 'Svar på skjema 1 av 2' }).click();
    await person.locator('.question-step').waitFor();
    // Our own wording says so by name, never the bare official name.
    await person.getByText('Egen norsk tilpasning av PHQ-9, skrevet av Mestring. Ikke den offisielle oversettelsen.').waitFor();
    await answerQuestionnaire(person, (i) => (i === 8 ? 'Flere dager' : 'Ikke i det hele tatt'), () => check(person, 'person-questionnaire'));
    const help = person.getByRole('alert').filter({ hasText: '113' });
    await help.waitFor();
    expect(await person.getByRole('link', { name: '116 117' }).getAttribute('href')).toBe('tel:116117');
    // The service's own phone first, and honestly who sees the answer: with consent, the service, later.
    expect(await person.getByRole('link', { name: '22 33 44 55' }).count()).toBe(1);
    await person.getByRole('heading', { name: 'Hvem ser svaret ditt?' }).waitFor();
    await person.getByText(/Du har sagt ja til at Tjeneste bydel kan se resultatene dine\. De ser svaret neste gang/).waitFor();
    await person.getByText('Mestring er ikke en akuttjeneste.', { exact: false }).first().waitFor();
    await check(person, 'person-safety');
    await person.getByRole('button', { name: 'Jeg har lest dette' }).click();

    await person.getByRole('link', { name: 'Svar nå' }).click();
    await answerQuestionnaire(person, () => 'Flere dager');
    await person.getByRole('heading', { level: 1, name: 'Mestring av angst' }).waitFor();

    // Part 1 is the next step now.
    const start = person.getByRole('link', { name: 'Start del 1' });
    await start.waitFor();
    expect(await person.locator('.next-step').innerText()).toContain('Fyll ut øvelsen «Mine mål»');
    await check(person, 'person-home-part1');
    await start.click();
    await person.getByRole('heading', { level: 1, name: 'Velkommen' }).waitFor();
    // Help is one tap away on every part.
    await person.getByText('Trenger du hjelp nå?', { exact: true }).first().click();
    await person.getByRole('link', { name: '116 123' }).waitFor();
    await check(person, 'person-part');
    await person.getByRole('button', { name: 'Jeg er ferdig med del 1' }).click();
    await person.getByText('Dette mangler før delen er fullført:').waitFor();
    expect(await person.locator('.completion').innerText()).toContain('Fyll ut øvelsen «Mine mål»');
    await check(person, 'person-part-missing');

    const exercise = person.locator('#exercise-goals');
    // The exercise's own "(valgfritt)" is not doubled.
    await exercise.getByText('Et mål til (valgfritt)', { exact: true }).waitFor();
    await exercise.getByLabel('Hvilke situasjoner gir deg angst nå?').fill('Butikken og bussen');
    await exercise.getByLabel('Panikkanfall eller sterk frykt for kroppslige symptomer').check();
    await exercise.getByLabel('Mitt viktigste mål for de neste ukene').fill('Jeg vil kunne ta bussen til jobb');
    await exercise.locator('label').filter({ hasText: /^7$/ }).click();
    await exercise.getByRole('button', { name: 'Lagre' }).click();
    await exercise.getByRole('heading', { name: 'Svaret ditt' }).waitFor();
    expect(await exercise.innerText()).toContain('7 av 10');
    await check(person, 'person-part-saved');

    // Finishing a part: a warm word and one button on to the next part.
    await person.getByRole('button', { name: 'Jeg er ferdig med del 1' }).click();
    await person.getByRole('heading', { name: 'Bra jobbet!' }).waitFor();
    const onward = person.getByRole('link', { name: 'Fortsett til del 2: Kroppens alarm' });
    await onward.waitFor();
    expect(await person.locator('.completion .button.primary').count()).toBe(1);
    await check(person, 'person-part-finished');
    await onward.click();
    await person.getByRole('heading', { level: 1, name: 'Kroppens alarm' }).waitFor();
    await check(person, 'person-part-2');

    // Home now: part 2 is the next thing to do; part 1 is in the short list of finished parts.
    await person.getByRole('link', { name: 'Oversikt', exact: true }).click();
    await person.getByRole('heading', { level: 1, name: 'Mestring av angst' }).waitFor();
    expect(await person.getByText(/Ingenting venter/).count()).toBe(0);
    await person.locator('.next-step').getByRole('link', { name: /del 2$/ }).waitFor();
    await person.getByRole('region', { name: 'Fullførte deler' }).getByRole('link', { name: /1\. Velkommen/ }).waitFor();
    await person.getByText('6 deler til').waitFor();
    await check(person, 'person-home-part2-open');

    // The check-in is due once a day.
    await person.getByRole('link', { name: 'Dagens innsjekk' }).click();
    await answerQuestionnaire(person, () => 4, () => check(person, 'person-checkin'));
    await person.getByText('Innsjekken er lagret.').waitFor();
    await check(person, 'person-checkin-done');

    await person.getByRole('link', { name: 'Fremgang' }).click();
    await person.getByRole('heading', { name: 'Min fremgang' }).waitFor();
    // Charts are drawn a frame after they are laid out (ResizeObserver), so wait for them.
    await person.locator('svg.chart').nth(1).waitFor();
    // The latest score large with its band in words, from the instrument definition.
    await person.getByText('PHQ-9: 1, minimale plager').waitFor();
    // Charts are drawn at their real pixel size: the axis text is as large as the page's small text.
    const axisText = await person.locator('svg.chart text').first().evaluate((el) => el.getBoundingClientRect().height);
    expect(axisText).toBeGreaterThanOrEqual(12);
    await check(person, 'person-progress');
  });

  it('shows the professional the progress with consent: flags, entries, scores', async () => {
    await staff.getByRole('link', { name: 'Koder' }).click();
    await staff.getByRole('heading', { name: 'Tjenestens koder' }).waitFor();
    await staff.getByLabel('Skriv inn koden').pressSequentially(code.replace(/-/g, ''));
    expect(await staff.getByLabel('Skriv inn koden').inputValue()).toBe(code);
    await staff.getByRole('button', { name: 'Finn' }).click();
    await staff.getByRole('heading', { name: /Oppfølging/ }).waitFor();
    await staff.getByText(/Risikosvar .* i Patient Health Questionnaire-9/).waitFor();
    // The goal is in the entries and, as the person's goal for the weeks ahead, in the goals section.
    expect(await staff.getByRole('region', { name: 'Utfyllinger' }).getByText('Jeg vil kunne ta bussen til jobb').count()).toBe(1);
    expect(await staff.getByRole('region', { name: 'Mål og planer for uka som kommer' }).getByText('Jeg vil kunne ta bussen til jobb').count()).toBe(1);
    await staff.locator('svg.chart').nth(1).waitFor();
    await check(staff, 'staff-follow-up');
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
    await check(person, 'person-evaluation');
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
    await check(person, 'person-evaluation-review');
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

  it('tells about Mestring and the questionnaires’ wording on a page of its own', async () => {
    await person.getByRole('link', { name: 'Om Mestring' }).click();
    await person.getByRole('heading', { level: 1, name: 'Om Mestring' }).waitFor();
    await person.getByText(/Mestrings egen norske tilpasning/).waitFor();
    await check(person, 'person-about');
  });

  it('erases the person’s data, after which the code no longer works', async () => {
    await person.getByRole('link', { name: 'Innstillinger' }).click();
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
    await check(staff, 'staff-codes');
  });

  it('keeps a repeatable log: the form first, one line per entry that opens on tap, edit and delete', async () => {
    const { page, context } = await newPerson('depresjon');
    await page.getByRole('link', { name: 'Start del 1' }).click();
    const log = page.locator('#exercise-activity-log');
    await log.waitFor();
    for (const [day, text] of [['2026-11-23', 'Gikk tur'], ['2026-11-24', 'Ringte en venn']] as const) {
      await log.getByLabel('Hvilken dag gjelder det?').fill(day);
      await log.getByLabel('Hva gjorde du i dag?').fill(text);
      await log.getByRole('button', { name: 'Lagre' }).click();
      await log.locator('.entries summary', { hasText: text }).waitFor();
    }
    // The form comes before the entries; each entry is one line, newest first, with a Norwegian date.
    const formTop = (await log.locator('form').boundingBox())!.y;
    const entriesTop = (await log.locator('ul.entries').boundingBox())!.y;
    expect(formTop).toBeLessThan(entriesTop);
    const lines = await log.locator('.entries summary').allInnerTexts();
    expect(lines).toEqual(['tir. 24. nov. · Ringte en venn', 'man. 23. nov. · Gikk tur']);
    await check(page, 'person-log-two-entries');

    const first = log.locator('.entries > li').filter({ hasText: 'Gikk tur' });
    await first.locator('summary').click();
    await first.getByRole('button', { name: 'Endre' }).click();
    await log.getByLabel('Hva gjorde du i dag?').fill('Gikk en lang tur');
    await log.getByRole('button', { name: 'Lagre endringene' }).click();
    await log.locator('.entries summary', { hasText: 'Gikk en lang tur' }).waitFor();

    page.on('dialog', (dialog) => dialog.accept());
    const second = log.locator('.entries > li').filter({ hasText: 'Ringte en venn' });
    await second.locator('summary').click();
    await second.getByRole('button', { name: 'Slett' }).click();
    await log.getByText('Slettet.').waitFor();
    expect(await log.locator('.entries > li').count()).toBe(1);

    // What the page shows is what the server kept.
    await page.reload();
    await log.locator('.entries summary', { hasText: 'Gikk en lang tur' }).waitFor();
    expect(await log.getByText('Ringte en venn').count()).toBe(0);
    await context.close();
  });

  it('shows the sleep diary one night per line, and the sleep efficiency and sleep window', async () => {
    const { page, context } = await newPerson('sovn');
    await page.getByRole('link', { name: 'Start del 1' }).click();
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
      await diary.getByRole('button', { name: 'Lagre' }).click();
      await diary.locator('.entries > li').nth(night.endsWith('20') ? 0 : 1).waitFor();
    }
    const lines = (await diary.locator('.entries summary').allInnerTexts()).map((l) => l.replace(/\s/g, ' '));
    expect(lines).toEqual(['Natt til søn. 22. nov. · 6 t 30 min · 81,3 %', 'Natt til lør. 21. nov. · 6 t 0 min · 75 %']);
    await check(page, 'person-sleep-diary');
    await page.getByRole('link', { name: 'Fremgang' }).click();
    await page.getByRole('heading', { name: 'Søvnvinduet', exact: true }).waitFor();
    expect(await page.getByText('Søvnvinduet ditt blir 6 t 15 min.').count()).toBe(1);
    // The chart is drawn a frame after layout; waitFor also fails if two charts have this name.
    await page.getByRole('img', { name: /^Søvneffektivitet: 2 svar fra 20\. nov\. 2026 til 21\. nov\. 2026/ }).waitFor();
    await check(page, 'person-sleep-progress');
    await context.close();
  });

  it('offers nynorsk and English; in nynorsk it says before starting that the content is in bokmål, in English the content is English', async () => {
    const { page, context } = await newPerson('stress');
    await page.getByRole('button', { name: 'Nynorsk' }).click();
    await page.getByRole('link', { name: 'Innstillingar' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('nn');
    await page.getByText('0 av 8 delar fullførte').waitFor();
    // No program has a nynorsk edition yet: the person is told before starting.
    await page.getByText('Innhaldet er på norsk bokmål').waitFor();
    // Nynorsk screens: the app's own nynorsk words (such as "no", now) are not the pack's id `no`.
    await check(page, 'person-home-nynorsk', await packIds(undefined, 'nn'));
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Settings' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByRole('link', { name: 'Start part 1' }).waitFor();
    expect(await page.getByText(/The content is in/).count()).toBe(0);
    // English screens: an English word such as "body" is not the bokmål pack's id `body`.
    const englishIds = await packIds(undefined, 'en');
    await check(page, 'person-home-english', englishIds);
    await page.getByRole('link', { name: 'Start part 1' }).click();
    await page.getByRole('button', { name: 'I have finished part 1' }).waitFor();
    // The English edition: the content is in the app's language, so no lang of its own.
    expect(await page.getByRole('heading', { level: 1 }).getAttribute('lang')).toBeNull();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).not.toMatch(/[æøå]/i);
    await check(page, 'person-part-english', englishIds);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in with your code' }).waitFor();
    await check(page, 'person-login-english', englishIds);
    await context.close();
  });
});
