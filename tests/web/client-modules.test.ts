/**
 * The reference client's pure modules, run in Node: the code field's grouping, the
 * sleep diary arithmetic (the same as the engine's), the three languages having the
 * same strings, and the service worker keeping every file the app needs offline.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summariseNight as engineNight } from '../../engine/exercises/sleep-diary.ts';

// The client is plain JavaScript checked by its own tsconfig (web/); loaded by path here.
const load = async <T>(path: string): Promise<T> => (await import(join(process.cwd(), path))) as T;
type Strings = Record<string, string | Record<string, string>>;

describe('the code field', () => {
  it('groups the characters as they are typed and keeps the caret after the same character', async () => {
    const { groupAsTyped } = await load<{ groupAsTyped: (raw: string, caret: number) => { value: string; caret: number } }>('web/static/js/code-field.js');
    expect(groupAsTyped('7k3m', 4)).toEqual({ value: '7K3M', caret: 4 });
    expect(groupAsTyped('7k3mq', 5)).toEqual({ value: '7K3M-Q', caret: 6 });
    expect(groupAsTyped('7K3M-Q9XH-2WDC-R4TBJ', 20)).toEqual({ value: '7K3M-Q9XH-2WDC-R4TB-J', caret: 21 });
    // Pasted with spaces, or typed in the middle: the caret stays after the character typed.
    expect(groupAsTyped('7k3m q9xh 2wdc r4tb j', 21)).toEqual({ value: '7K3M-Q9XH-2WDC-R4TB-J', caret: 21 });
    expect(groupAsTyped('7K3MA-Q9XH', 5)).toEqual({ value: '7K3M-AQ9X-H', caret: 6 });
    // Nothing is ever lost or added but dashes.
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.nat(30), (raw, at) => {
        const { value, caret } = groupAsTyped(raw, Math.min(at, raw.length));
        expect(value.replace(/-/g, '')).toBe(raw.replace(/[\s-]/g, '').toUpperCase());
        expect(caret).toBeGreaterThanOrEqual(0);
        expect(caret).toBeLessThanOrEqual(value.length);
      }),
    );
  });
});

describe('the sleep diary in the client', () => {
  it('gives the same time in bed, sleep and efficiency as the engine', async () => {
    const { summariseNight } = await load<{ summariseNight: (v: Record<string, unknown>) => unknown }>('web/static/js/entry-summary.js');
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(time, time, time, time, fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 240 }), (inBed, lightsOut, finalWake, outOfBed, latency, awake) => {
        const night = { 'in-bed': inBed, 'lights-out': lightsOut, 'final-wake': finalWake, 'out-of-bed': outOfBed, 'sleep-latency': latency, 'awake-during-night': awake };
        expect(summariseNight(night)).toEqual(engineNight(night));
      }),
    );
    expect(summariseNight({ 'in-bed': '23:00' })).toBeNull();
  });
});

/** The {placeholders} of a message, all forms together. */
const placeholders = (message: string | Record<string, string>) => [...new Set((typeof message === 'string' ? [message] : Object.values(message)).flatMap((m) => [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();

describe('the client’s words', () => {
  for (const [name, folder] of [['the person’s app', 'web/static/js/strings'], ['the staff pages', 'web/static/js/staff/strings']] as const) {
    it(`has every string of ${name} in bokmål, nynorsk and English, with the same placeholders and both plural forms`, async () => {
      const [nb, nn, en] = await Promise.all(['nb', 'nn', 'en'].map(async (l) => (await load<{ strings: Strings }>(`${folder}/${l}.js`)).strings));
      expect(Object.keys(nn!).sort()).toEqual(Object.keys(nb!).sort());
      expect(Object.keys(en!).sort()).toEqual(Object.keys(nb!).sort());
      for (const key of Object.keys(nb!)) {
        for (const other of [nn!, en!]) expect(placeholders(other[key]!), key).toEqual(placeholders(nb![key]!));
        for (const strings of [nb!, nn!, en!]) {
          const message = strings[key]!;
          if (typeof message !== 'string') expect(Object.keys(message).sort(), key).toEqual(['one', 'other']);
        }
      }
    });
  }

  it('uses no key that is missing from the strings', async () => {
    const person = (await load<{ strings: Strings }>('web/static/js/strings/nb.js')).strings;
    const staff = (await load<{ strings: Strings }>('web/static/js/staff/strings/nb.js')).strings;
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.js') ? [join(dir, f)] : []));
    const missing: string[] = [];
    for (const file of files('web/static/js')) {
      if (file.includes('/strings/')) continue;
      const known = file.includes('/staff/') ? { ...person, ...staff } : person;
      for (const [, key] of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z_]+)'/g)) if (!(key! in known)) missing.push(`${file}: ${key}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('the installable app', () => {
  it('keeps every file of the person’s app in the service worker’s list, and only files that exist', () => {
    const sw = readFileSync('web/static/sw.js', 'utf8');
    const listed = [...(/const shell = \[([\s\S]*?)\];/.exec(sw)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
    const needed = files('web/static')
      .map((f) => `/${relative('web', f)}`)
      .filter((f) => f !== '/static/sw.js' && !f.includes('/staff/') && !f.endsWith('/preview.js'));
    expect([...listed].sort()).toEqual(['/', ...needed].sort());
  });

  it('has a valid web app manifest whose icons exist', () => {
    const manifest = JSON.parse(readFileSync('web/static/manifest.webmanifest', 'utf8')) as { name: string; short_name: string; start_url: string; scope: string; display: string; icons: { src: string; sizes: string; purpose?: string }[] };
    expect(manifest).toMatchObject({ start_url: '/', scope: '/', display: 'standalone' });
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
    for (const size of ['192x192', '512x512']) expect(manifest.icons.some((i) => i.sizes === size)).toBe(true);
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) expect(existsSync(join('web', icon.src)), icon.src).toBe(true);
    // A PNG's size is in its header: width and height at bytes 16-23.
    for (const icon of manifest.icons.filter((i) => i.src.endsWith('.png'))) {
      const png = readFileSync(join('web', icon.src));
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
    }
  });
});
