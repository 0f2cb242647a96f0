/**
 * The default help contacts in nynorsk and English, for people who read in them, when
 * the organisation has not set its own (its own are shown as it wrote them). The
 * numbers are the Norwegian ones; only the words change. Bokmål is server/safety.ts.
 */
import type { SafetyBlock } from '../../schemas/types.ts';

export const defaultSafetyNn: SafetyBlock = {
  title: 'Treng du hjelp no?',
  message:
    'Svaret ditt kan tyde på at du har det svært vanskeleg. Du treng ikkje vente til neste samtale: snakk med nokon no. Ring 113 viss livet er i fare.',
  contacts: [
    { name: 'Medisinsk naudtelefon', phone: '113', when: 'Når livet kan vere i fare' },
    { name: 'Legevakt', phone: '116 117', when: 'Når du treng hjelp raskt, heile døgnet' },
    { name: 'Mental Helse hjelpetelefonen', phone: '116 123', when: 'Nokon å snakke med, heile døgnet' },
    { name: 'Kirkens SOS', phone: '22 40 00 40', when: 'Nokon å snakke med, heile døgnet' },
  ],
};

export const defaultSafetyEn: SafetyBlock = {
  title: 'Do you need help now?',
  message:
    'Your answer may mean that you are having a very hard time. You do not have to wait for your next call: talk to someone now. Call 113 if a life is in danger.',
  contacts: [
    { name: 'Medical emergency line (Medisinsk nødtelefon)', phone: '113', when: 'When a life may be in danger' },
    { name: 'Out-of-hours medical service (Legevakt)', phone: '116 117', when: 'When you need help quickly, day and night' },
    { name: 'Mental Helse helpline (hjelpetelefonen)', phone: '116 123', when: 'Someone to talk to, day and night' },
    { name: 'Kirkens SOS', phone: '22 40 00 40', when: 'Someone to talk to, day and night' },
  ],
};
