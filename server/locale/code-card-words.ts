/**
 * The words printed on a code card, in each language a person can choose. The card is
 * printed in the code's language; both renderings the API gives shops (HTML and PDF) take
 * their words from here. They are the staff portal's printed card's words (its keys, in
 * web/static/js/staff/strings/), so a person gets the same card from a shop as from their
 * service: tests/server/code-card.test.ts checks they stay equal.
 */
import type { PersonLocale } from './languages.ts';

export interface CodeCardWords {
  codeCardTitle: string;
  /** {url}: the login page. */
  codeCardWhere: string;
  codeCardScan: string;
  /** {name}: the service. */
  codeCardService: string;
  /** {phone}: the service's phone. */
  codeCardPhone: string;
  /** What to do when the card is lost: {name} and {phone}. */
  codeCardLost: string;
  /** The same, for a service without a phone: {name}. */
  codeCardLostNoPhone: string;
  /** What the code is and how to keep it. */
  codeCardNote: string;
}

export const codeCardWords: Record<PersonLocale, CodeCardWords> = {
  nb: {
    codeCardTitle: 'Din kode til Mestring',
    codeCardWhere: 'Logg inn på {url}',
    codeCardScan: 'Eller skann koden med kameraet:',
    codeCardService: 'Tjenesten din: {name}',
    codeCardPhone: 'Telefon: {phone}',
    codeCardLost: 'Har du mistet kortet? Ring {name} på {phone}. De stopper koden, så ingen andre kan bruke den, og gir deg en ny.',
    codeCardLostNoPhone: 'Har du mistet kortet? Si fra til {name}. De stopper koden, så ingen andre kan bruke den, og gir deg en ny.',
    codeCardNote: 'Koden er nøkkelen din. Den har ikke navnet ditt, og ingen andre kan se hvem den tilhører. Ta vare på kortet.',
  },
  nn: {
    codeCardTitle: 'Koden din til Mestring',
    codeCardWhere: 'Logg inn på {url}',
    codeCardScan: 'Eller skann koden med kameraet:',
    codeCardService: 'Tenesta di: {name}',
    codeCardPhone: 'Telefon: {phone}',
    codeCardLost: 'Har du mista kortet? Ring {name} på {phone}. Dei stoppar koden, så ingen andre kan bruke han, og gir deg ein ny.',
    codeCardLostNoPhone: 'Har du mista kortet? Sei frå til {name}. Dei stoppar koden, så ingen andre kan bruke han, og gir deg ein ny.',
    codeCardNote: 'Koden er nøkkelen din. Han har ikkje namnet ditt, og ingen andre kan sjå kven han høyrer til. Ta vare på kortet.',
  },
  en: {
    codeCardTitle: 'Your Mestring code',
    codeCardWhere: 'Log in at {url}',
    codeCardScan: 'Or scan the code with your camera:',
    codeCardService: 'Your service: {name}',
    codeCardPhone: 'Phone: {phone}',
    codeCardLost: 'Lost your card? Call {name} on {phone}. They stop the code, so nobody else can use it, and give you a new one.',
    codeCardLostNoPhone: 'Lost your card? Tell {name}. They stop the code, so nobody else can use it, and give you a new one.',
    codeCardNote: 'The code is your key. It does not carry your name, and nobody else can see whose it is. Keep the card safe.',
  },
};
