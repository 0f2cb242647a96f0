/**
 * The words printed on a code card, in each language a person can choose. The card is
 * printed in the code's language; both renderings (HTML and PDF) take their words from
 * here, so they cannot say different things.
 */
import type { PersonLocale } from './languages.ts';

export interface CodeCardWords {
  /** Above the code. */
  yourCode: string;
  /** What the code is and how to keep it. */
  keepIt: string;
  /** Before the login page's address. */
  logInAt: string;
  /** Before the service's phone number. */
  phone: string;
}

export const codeCardWords: Record<PersonLocale, CodeCardWords> = {
  nb: {
    yourCode: 'Koden din:',
    keepIt: 'Koden er anonym og den eneste måten å logge inn på. Ta vare på den som et passord, og ikke del den med andre.',
    logInAt: 'Logg inn på',
    phone: 'telefon',
  },
  nn: {
    yourCode: 'Koden din:',
    keepIt: 'Koden er anonym og den einaste måten å logge inn på. Ta vare på han som eit passord, og ikkje del han med andre.',
    logInAt: 'Logg inn på',
    phone: 'telefon',
  },
  en: {
    yourCode: 'Your code:',
    keepIt: 'Your code is anonymous and the only way to log in. Keep it like a password and do not share it.',
    logInAt: 'Log in at',
    phone: 'phone',
  },
};
