/** The author's preview in real Chromium: every part shown, diagnostics in the page, reload on change, no axe violations. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreview, type Preview } from '../../cli/preview/preview-app.ts';
import { axeViolations, desktop, launchBrowser, phone, screenshot } from './browser.ts';

// axe over every part of a whole program in one page takes a while on a busy machine.
describe('mestring preview', { timeout: 120_000 }, () => {
  let browser: Browser;
  let server: ServerType;
  let preview: Preview;
  let base: string;
  let root: string;

  beforeAll(async () => {
    // A copy of the sleep program, so the test can edit a file and watch the page reload.
    root = mkdtempSync(join(tmpdir(), 'mestring-preview-'));
    cpSync('programs/sovn', join(root, 'sovn'), { recursive: true });
    cpSync('programs/instruments', join(root, 'instruments'), { recursive: true });
    preview = createPreview(join(root, 'sovn'));
    server = serve({ fetch: preview.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    preview?.close();
    server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('shows every part with its exercises, and no diagnostics for a clean pack', async () => {
    const page = await browser.newPage({ viewport: phone });
    await page.goto(base);
    await page.getByRole('heading', { level: 1, name: /Bedre søvn/ }).waitFor();
    expect(await page.getByText('Ingen feil eller advarsler.').count()).toBe(1);
    const { program } = (await (await fetch(`${base}/preview/program.json`)).json()) as { program: { sections: { id: string; title: string }[] } };
    for (const section of program.sections) expect(await page.locator(`#title-${section.id}`).textContent()).toBe(section.title);
    // The sleep diary is shown with its fields, as a person would see it.
    expect(await page.locator('#exercise-sleep-diary input[type=time]').count()).toBeGreaterThanOrEqual(4);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'preview-phone');
    await page.setViewportSize(desktop);
    await screenshot(page, 'preview-desktop');
    await page.close();
  });

  it('shows diagnostics in the page and reloads when a file changes', async () => {
    const page = await browser.newPage({ viewport: desktop });
    await page.goto(base);
    await page.getByText('Ingen feil eller advarsler.').waitFor();
    const file = join(root, 'sovn', 'sections', '01-velkommen.md');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, `${source}\n::questionnaire{ref=isi7}\n`);
    await page.getByText(/Unknown questionnaire 'isi7'/).waitFor({ timeout: 10_000 });
    expect(await page.getByText(/questionnaire-ref-unknown/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    writeFileSync(file, source);
    await page.getByText('Ingen feil eller advarsler.').waitFor({ timeout: 10_000 });
    await page.close();
  });

  it('shows living content for a made-up person: the sleep window, recalled entries and an SVG figure', async () => {
    const page = await browser.newPage({ viewport: phone });
    await page.goto(base);
    await page.getByText('Ingen feil eller advarsler.').waitFor();
    mkdirSync(join(root, 'sovn', 'assets'), { recursive: true });
    writeFileSync(join(root, 'sovn', 'assets', 'vindu.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" width="200" height="40"><rect x="60" y="10" width="120" height="20" fill="#2a6"/><text x="4" y="26">natt</text></svg>\n');
    const file = join(root, 'sovn', 'sections', '03-sovnvinduet.md');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, `${source}\nDitt søvnvindu: :value[regnes ut fra dagboken]{of=sleep-window}.\n\n::recall[Reglene dine for natten]{exercise=stimulus-plan}\n\n:::figure[Søvnvinduet som en grønn stolpe på natten]{src=../assets/vindu.svg}\nStolpen viser tiden du kan være i sengen: fra du legger deg til du står opp.\n:::\n`);
    // The English edition gets the same living content, or it would miss parts of the source.
    const english = join(root, 'sovn', 'locales', 'en', 'sections', '03-sovnvinduet.md');
    const englishSource = readFileSync(english, 'utf8');
    writeFileSync(english, `${englishSource}\nYour sleep window: :value[worked out from the diary]{of=sleep-window}.\n\n::recall[Your rules for the night]{exercise=stimulus-plan}\n\n:::figure[The sleep window as a green bar across the night]{src=../assets/vindu.svg}\nThe bar shows the time you may spend in bed.\n:::\n`);
    try {
      const part = page.locator('#section-sovnvinduet');
      await part.getByText('Ditt søvnvindu: 6 t 10 min, fra 00:50 til 07:00.').waitFor({ timeout: 15_000 });
      const recall = part.getByRole('region', { name: 'Reglene dine for natten' });
      expect(await recall.locator('dd', { hasText: '07:00' }).count()).toBe(2);
      expect(await recall.getByRole('link', { name: /^Endre i del 2: / }).getAttribute('href')).toBe('#section-sengen');
      const figure = part.locator('figure.figure');
      await figure.getByRole('img', { name: 'Søvnvinduet som en grønn stolpe på natten' }).waitFor();
      expect(await figure.locator('figcaption').textContent()).toContain('Stolpen viser tiden');
      expect(await figure.locator('img').evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      writeFileSync(file, source);
      writeFileSync(english, englishSource);
      await page.close();
    }
  });
});

describe('every field type in the browser', () => {
  let browser: Browser;
  let server: ServerType;
  let preview: Preview;

  beforeAll(async () => {
    preview = createPreview('tests/web/fixtures/programs/felt');
    server = serve({ fetch: preview.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    preview?.close();
    server?.close();
  });

  it('renders each field type with its label, keyboard-usable and with no axe violations', async () => {
    const page = await browser.newPage({ viewport: phone });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const exercise = page.locator('#exercise-all-fields');
    await exercise.waitFor();
    await exercise.getByLabel('Kort tekst').fill('hei');
    await exercise.getByLabel('Lang tekst').fill('litt mer');
    await exercise.getByLabel('Antall').fill('3');
    expect(await exercise.locator('fieldset legend', { hasText: 'Styrke' }).count()).toBe(1);
    await exercise.getByRole('radio', { name: '7' }).check();
    await exercise.getByRole('radio', { name: 'Beta' }).check();
    await exercise.getByRole('checkbox', { name: 'Iks' }).check();
    await exercise.getByRole('radio', { name: 'Ja' }).check();
    await exercise.getByLabel('Klokkeslett').fill('22:30');
    await exercise.getByLabel('Dato').fill('2026-11-26');
    await exercise.getByLabel('Varighet').fill('15');
    expect(await exercise.getByText('ganger').count()).toBe(1);
    // Keyboard: Tab reaches the first field and the focus is visible.
    await page.keyboard.press('Tab');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'fields-phone');
    // The questionnaire opens one item at a time.
    await page.getByRole('button', { name: 'Svar nå' }).click();
    await page.getByText('Spørsmål 1 av 2').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
