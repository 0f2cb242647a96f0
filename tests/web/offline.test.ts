/**
 * The person's app as an installed app, in real Chromium: the manifest and the service
 * worker make it installable; "remember me" survives closing the app; a part opened
 * once can be read without a connection; an entry written offline is kept on the
 * device (also when the page is closed) and sent when the connection is back; text
 * typed but not saved survives closing the page; logging
 * out leaves no cached response of the person behind.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, phone, screenshot } from './browser.ts';
import { startWebServer, type WebServer } from './web-server.ts';
import { packIds, slipsOn } from './slips.ts';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let ids: string[] = [];

beforeAll(async () => {
  [server, browser, ids] = await Promise.all([startWebServer(), launchBrowser(), packIds()]);
  context = await browser.newContext({ viewport: phone });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What the page's own storage holds: cache names and the entries waiting on the device. */
function deviceState(p: Page) {
  return p.evaluate(`(async () => {
    const names = await caches.keys();
    const waiting = await new Promise((resolve) => {
      const open = indexedDB.open('mestring', 1);
      open.onsuccess = () => {
        const req = open.result.transaction('outbox').objectStore('outbox').getAll();
        req.onsuccess = () => resolve(req.result.length);
      };
      open.onerror = () => resolve(-1);
    });
    return { names, waiting };
  })()`) as Promise<{ names: string[]; waiting: number }>;
}

async function check(p: Page, name: string) {
  await screenshot(p, name);
  expect(await axeViolations(p), name).toEqual([]);
  expect(await slipsOn(p, ids), name).toEqual([]);
}

describe('the installed app', { timeout: 180_000 }, () => {
  it('is installable: a linked, valid manifest and a service worker that controls the page', async () => {
    page = await context.newPage();
    await page.goto(server.base);
    await page.getByRole('heading', { name: 'Logg inn med koden din' }).waitFor();
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    const manifest = (await (await fetch(new URL(href!, server.base))).json()) as { start_url: string; display: string; icons: unknown[] };
    expect(manifest).toMatchObject({ start_url: '/', display: 'standalone' });
    await page.evaluate('navigator.serviceWorker.ready');
    await page.reload();
    await page.getByRole('heading', { name: 'Logg inn med koden din' }).waitFor();
    expect(await page.evaluate('Boolean(navigator.serviceWorker.controller)')).toBe(true);
    // Chromium's own verdict on whether the app can be installed.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    // Test contexts are incognito, where Chromium never offers to install; nothing else may stand in the way.
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    await cdp.detach();
  });

  it('keeps the person logged in with "remember me" after the app is closed', async () => {
    const code = await server.issueCode('offline', 'depresjon');
    await page.getByLabel('Koden din').fill(code);
    await page.getByLabel('Husk meg på denne enheten').check();
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('button', { name: 'Nei, bare jeg kan se dem' }).click();
    await page.locator('.next-step').waitFor();
    await page.evaluate(async () => {
      const token = (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('mestring.token');
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const me = (await (await fetch('/v1/me', { headers })).json()) as { due: { kind: string; instrument: string }[] };
      const { instruments } = (await (await fetch('/v1/me/questionnaires', { headers })).json()) as { instruments: Record<string, any> };
      for (const due of me.due.filter((d) => d.kind === 'start')) {
        const instrument = instruments[due.instrument];
        const answers = Object.fromEntries(instrument.items.map((item: any) => [item.id, item.type === 'scale' ? item.min : (item.options ?? instrument.options)[0].value]));
        await fetch(`/v1/me/questionnaires/${due.instrument}/responses`, { method: 'POST', headers, body: JSON.stringify({ answers }) });
      }
    });
    await page.close();
    page = await context.newPage();
    await page.goto(server.base);
    await page.getByRole('link', { name: 'Start del 1' }).waitFor();
  });

  it('reads a part opened before without a connection, keeps an entry written offline on the device, and sends it when back online', async () => {
    await page.getByRole('link', { name: 'Start del 1' }).click();
    const log = page.locator('#exercise-activity-log');
    await log.waitFor();
    const partUrl = page.url();

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Velkommen' }).waitFor();
    // It says plainly that there is no connection, and that what is shown was kept on the phone.
    await page.getByText('Du er ikke på nett. Det du skriver, lagres på telefonen og sendes når du er på nett igjen.').waitFor();
    // The part came from what the service worker kept on the device, not from the network.
    const fromDevice = await page.evaluate(async () => {
      const token = (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('mestring.token');
      return (await fetch('/v1/me/sections/velkommen', { headers: { authorization: `Bearer ${token}` } })).headers.get('x-mestring-from-device');
    });
    expect(fromDevice).toBe('1');

    await log.getByLabel('Hvilken dag gjelder det?').fill('2026-11-27');
    await log.getByLabel('Hva gjorde du i dag?').fill('Skrevet uten nett');
    await log.getByRole('button', { name: 'Lagre' }).click();
    const waiting = log.locator('.entries > li').filter({ hasText: 'Skrevet uten nett' });
    await waiting.getByText('Lagret på telefonen, sendes når du er på nett').waitFor();
    await page.getByText(/Du er ikke på nett\. 1 ting du har skrevet, er lagret på telefonen/).waitFor();
    await check(page, 'person-offline-entry-kept');
    expect((await deviceState(page)).waiting).toBe(1);

    // Closing the page loses nothing: the entry is still waiting when the app opens again, still offline.
    await page.close();
    page = await context.newPage();
    await page.goto(partUrl);
    await page.locator('#exercise-activity-log .entries > li').filter({ hasText: 'Skrevet uten nett' }).getByText('Lagret på telefonen, sendes når du er på nett').waitFor();

    await context.setOffline(false);
    await page.getByText('Det du skrev uten nett, er sendt.').waitFor();
    await page.locator('#exercise-activity-log .entries > li').filter({ hasText: 'Skrevet uten nett' }).waitFor();
    expect(await page.getByText('Lagret på telefonen, sendes når du er på nett').count()).toBe(0);
    await check(page, 'person-offline-entry-sent');
    const saved = (await page.evaluate(async () => {
      const token = (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('mestring.token');
      return (await fetch('/v1/me/exercises/activity-log/entries', { headers: { authorization: `Bearer ${token}` } })).json();
    })) as { entries: { values: Record<string, unknown> }[] };
    expect(saved.entries.map((e) => e.values.activities)).toEqual(['Skrevet uten nett']);
    expect((await deviceState(page)).waiting).toBe(0);
  });

  it('keeps what is typed but not saved when the page is closed', async () => {
    const log = page.locator('#exercise-activity-log');
    await log.getByLabel('Hva gjorde du i dag?').fill('Halvferdig tanke');
    // Give the draft a moment to reach the device's storage, as a person closing the app would.
    await page.waitForTimeout(500);
    const url = page.url();
    await page.close();
    page = await context.newPage();
    await page.goto(url);
    const restored = page.locator('#exercise-activity-log');
    await restored.getByText('Vi tok vare på det du skrev sist, men ikke lagret.').waitFor();
    expect(await restored.getByLabel('Hva gjorde du i dag?').inputValue()).toBe('Halvferdig tanke');
  });

  it('leaves no cached response of the person behind after logging out', async () => {
    expect((await deviceState(page)).names.some((n) => n.startsWith('mestring-person-'))).toBe(true);
    await page.getByRole('link', { name: 'Innstillinger' }).click();
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.getByRole('heading', { name: 'Logg inn med koden din' }).waitFor();
    await expect.poll(async () => (await deviceState(page)).names.filter((n) => n.startsWith('mestring-person-'))).toEqual([]);
    // Without a session, offline, the person's part is not there to read.
    await context.setOffline(true);
    await page.goto(`${server.base}/#/section/velkommen`);
    await page.getByRole('heading', { name: 'Logg inn med koden din' }).waitFor();
    await context.setOffline(false);
  });
});
