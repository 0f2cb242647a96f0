/**
 * Where to get help now, shown the moment an answer raises a risk flag. Norwegian
 * defaults; an organisation may replace them (orgs.safety_json).
 */
import type { SafetyBlock } from '../schemas/types.ts';
import { defaultSafetyEn, defaultSafetyNn } from './locale/default-safety.ts';

export type { SafetyBlock };

export const defaultSafety: SafetyBlock = {
  title: 'Trenger du hjelp nå?',
  message:
    'Svaret ditt kan tyde på at du har det svært vanskelig. Du trenger ikke vente til neste samtale: snakk med noen nå. Ring 113 hvis livet er i fare.',
  contacts: [
    { name: 'Medisinsk nødtelefon', phone: '113', when: 'Når livet kan være i fare' },
    { name: 'Legevakt', phone: '116 117', when: 'Når du trenger hjelp raskt, hele døgnet' },
    { name: 'Mental Helse hjelpetelefonen', phone: '116 123', when: 'Noen å snakke med, hele døgnet' },
    { name: 'Kirkens SOS', phone: '22 40 00 40', when: 'Noen å snakke med, hele døgnet' },
  ],
};

/** The flags that show the safety block. risk_unknown counts: an unanswered risk item is not a no. */
export const safetyFlags: ReadonlySet<string> = new Set(['risk', 'risk_unknown']);

/**
 * The safety block for an organisation: its own, or the defaults in the person's
 * language (`locale`: nb when absent; the organisation's own words are never translated).
 *
 * @example
 *   safetyFor(org.safety_json) // defaultSafety when null
 */
export function safetyFor(safetyJson: string | null | undefined, locale?: string): SafetyBlock {
  const defaults = locale === 'en' ? defaultSafetyEn : locale === 'nn' ? defaultSafetyNn : defaultSafety;
  if (!safetyJson) return defaults;
  let own: Partial<SafetyBlock> | null;
  try {
    own = JSON.parse(safetyJson) as Partial<SafetyBlock> | null;
  } catch {
    return defaults;
  }
  if (!own || typeof own !== 'object') return defaults;
  // Field by field (safety.schema.json allows no others; the defaults have no service),
  // not `{ ...defaults, ...own }`: on Node 20 a spread followed by more takes V8's slow
  // path, and every GET /v1/me reads this.
  const block: SafetyBlock = { title: own.title ?? defaults.title, message: own.message ?? defaults.message, contacts: own.contacts ?? defaults.contacts };
  if (own.service) block.service = own.service;
  return block;
}

/** The service itself and where to get help, as the person's and the staff's clients show them. */
export interface Help {
  service: { name: string; phone?: string; when?: string };
  safety: Omit<SafetyBlock, 'service'>;
}

/**
 * Where to get help for an organisation: its own phone (if set) and its help contacts,
 * reachable from every page of the person's client, not only after a risk answer.
 *
 * @example
 *   helpFor({ name: 'Bydel X', safety_json: null }) // { service: { name: 'Bydel X' }, safety: defaultSafety }
 */
export function helpFor(org: { name: string; safety_json: string | null } | undefined, locale?: string): Help {
  const { service, title, message, contacts } = safetyFor(org?.safety_json, locale);
  return { service: { name: org?.name ?? '', ...service }, safety: { title, message, contacts } };
}
