/**
 * What a printable code card says, in the code's language: the one source both
 * renderings use (code-card.ts for HTML, code-card-pdf.ts for PDF).
 */
import { codeCardWords } from '../locale/code-card-words.ts';
import { isPersonLocale, type PersonLocale } from '../locale/languages.ts';

export interface CardFacts {
  code: string;
  /** The code's language (the card is printed in it); bokmål for any other value. */
  locale: string;
  programTitle: string;
  serviceName: string;
  servicePhone?: string | undefined;
  /** The login page, e.g. https://mestring.example.no/ (absent when the server does not know its address). */
  loginUrl?: string | undefined;
  /** The login page's QR code (SVG), when there is a login URL (the HTML card shows it). */
  loginQrSvg?: string | undefined;
}

export interface CardContent {
  lang: PersonLocale;
  title: string;
  yourCode: string;
  code: string;
  keepIt: string;
  /** "Log in at" and the address, when the server knows it. */
  login?: { lead: string; url: string };
  /** The service's name, with its phone when it has one. */
  service: string;
}

/**
 * @example
 *   cardContent({ code: 'ABCD-...', locale: 'nb', programTitle: 'Mestring av angst', serviceName: 'Bydel X', servicePhone: '22 00 00 00' })
 *   // { ..., yourCode: 'Koden din:', service: 'Bydel X, telefon 22 00 00 00' }
 */
export function cardContent(card: CardFacts): CardContent {
  const lang = isPersonLocale(card.locale) ? card.locale : 'nb';
  const words = codeCardWords[lang];
  return {
    lang,
    title: card.programTitle,
    yourCode: words.yourCode,
    code: card.code,
    keepIt: words.keepIt,
    ...(card.loginUrl ? { login: { lead: words.logInAt, url: card.loginUrl } } : {}),
    service: card.servicePhone ? `${card.serviceName}, ${words.phone} ${card.servicePhone}` : card.serviceName,
  };
}
