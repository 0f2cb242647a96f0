/**
 * The person's client with the keyboard alone: log in, answer consent, open what is
 * due and answer a question, with a visible focus indicator on everything focused.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone } from './browser.ts';
import { startWebServer, type WebServer } from './web-server.ts';

let server: WebServer;
let browser: Browser;
beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What has focus: its tag, accessible text, and whether a focus outline of at least 2 px shows. */
function focused(page: Page) {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const label = el.labels?.[0]?.textContent ?? el.textContent ?? '';
    return { tag: el.tagName.toLowerCase(), type: el.getAttribute('type'), text: label.trim(), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
  })()`) as Promise<{ tag: string; type: string | null; text: string; outline: boolean }>;
}

/** Presses Tab until `match` has focus (at most 40 times), checking the focus is visible each time. */
async function tabTo(page: Page, match: (f: { tag: string; type: string | null; text: string }) => boolean) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    expect(f.outline, `focus visible on ${f.tag} "${f.text}"`).toBe(true);
    if (match(f)) return f;
  }
  throw new Error('never reached by Tab');
}

describe('keyboard only', () => {
  it('logs in, answers consent and the first question without a mouse, focus always visible', async () => {
    const code = await server.issueCode('tastatur', 'stress');
    const page = await browser.newPage({ viewport: phone });
    await page.goto(server.base);
    await page.getByRole('heading', { name: 'Logg inn med koden din' }).waitFor();
    // At load nothing is focused, so no box is drawn around the heading.
    expect(await page.evaluate('document.activeElement === document.body')).toBe(true);

    await tabTo(page, (f) => f.tag === 'input' && f.text === 'Koden din');
    await page.keyboard.type(code.toLowerCase());
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Får tjenesten se resultatene dine?' }).waitFor();
    // A new view moves focus to its heading, so a screen reader announces it; the heading is no control, and gets no focus box.
    expect(await page.evaluate(`(() => { const el = document.activeElement; return [el.tagName, getComputedStyle(el).outlineStyle, getComputedStyle(el).boxShadow]; })()`)).toEqual(['H1', 'none', 'none']);
    await tabTo(page, (f) => f.tag === 'button' && f.text.startsWith('Ja,'));
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Mestring av stress' }).waitFor();
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Svar på skjema 1 av 3');
    await page.keyboard.press('Enter');
    await page.getByText('Spørsmål 1 av 9').waitFor();
    await tabTo(page, (f) => f.tag === 'input' && f.type === 'radio');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Neste');
    await page.keyboard.press('Enter');
    await page.getByText('Spørsmål 2 av 9').waitFor();
    await page.close();
  });
});
