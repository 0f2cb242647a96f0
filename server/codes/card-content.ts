/**
 * What a printable code card says, in the code's language: the one source both
 * renderings use (code-card.ts for HTML, code-card-pdf.ts for PDF). It follows the staff
 * portal's printed card: heading, program, code, where to log in (with a QR code of the
 * login page, never of the code), the service, what to do if the card is lost, and what
 * the code is.
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
  heading: string;
  programTitle: string;
  code: string;
  /** Where to log in, and the line above the QR code, when the server knows its address. */
  login?: { url: string; where: string; scan: string };
  service: string;
  phone?: string;
  lost: string;
  note: string;
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/**
 * @example
 *   cardContent({ code: 'ABCD-...', locale: 'nb', programTitle: 'Mestring av angst', serviceName: 'Bydel X', servicePhone: '22 00 00 00' })
 *   // { heading: 'Din kode til Mestring', ..., service: 'Tjenesten din: Bydel X', phone: 'Telefon: 22 00 00 00', ... }
 */
export function cardContent(card: CardFacts): CardContent {
  const lang = isPersonLocale(card.locale) ? card.locale : 'nb';
  const words = codeCardWords[lang];
  const name = card.serviceName;
  const phone = card.servicePhone;
  return {
    lang,
    heading: words.codeCardTitle,
    programTitle: card.programTitle,
    code: card.code,
    ...(card.loginUrl ? { login: { url: card.loginUrl, where: fill(words.codeCardWhere, { url: card.loginUrl }), scan: words.codeCardScan } } : {}),
    service: fill(words.codeCardService, { name }),
    ...(phone ? { phone: fill(words.codeCardPhone, { phone }) } : {}),
    lost: phone ? fill(words.codeCardLost, { name, phone }) : fill(words.codeCardLostNoPhone, { name }),
    note: words.codeCardNote,
  };
}
