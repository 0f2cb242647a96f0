/**
 * The API's error messages in bokmål and nynorsk (English is in server/errors.ts, the
 * table docs/api.md mirrors). A person's errors follow their language; other callers
 * get the language their Accept-Language asks for, else English. Codes never change
 * with the language: clients act on the code, people read the message.
 */
import type { ErrorCode } from '../errors.ts';
import type { PersonLocale } from './languages.ts';

type Messages = Record<ErrorCode, string>;

const nb: Messages = {
  malformed_json: 'Innholdet i forespørselen er ikke gyldig JSON.',
  code_typo: 'Koden har en skrivefeil: sjekk tegnene og prøv igjen.',
  bad_request: 'Forespørselen er ikke gyldig.',
  unauthorized: 'Logg inn først: innloggingen mangler, er utløpt eller er avsluttet.',
  invalid_code: 'Koden er ikke gyldig.',
  invalid_credentials: 'Feil organisasjon, brukernavn eller passord.',
  invalid_second_factor: 'Engangskoden eller gjenopprettingskoden er ikke gyldig.',
  forbidden: 'Denne kontoen eller nøkkelen har ikke lov til dette.',
  password_change_required: 'Bytt engangspassordet først (PUT /v1/staff/password).',
  two_factor_enrolment_required: 'Sett opp innlogging i to trinn først (POST /v1/staff/totp/enrol, deretter /v1/staff/totp/confirm).',
  two_factor_required: 'Fullfør innloggingen med en engangskode (POST /v1/staff/sessions/current/totp).',
  consent_required: 'Personen har ikke samtykket til å dele fremgangen sin med tjenesten.',
  cross_origin_refused: 'En endring gjort med portalens informasjonskapsel må komme fra portalens egne sider.',
  not_found: 'Finnes ikke.',
  requirements_missing: 'Delen er ikke ferdig ennå.',
  quota_exhausted: 'Organisasjonen har ingen lisenser igjen for dette programmet.',
  entry_exists: 'Denne øvelsen har bare én utfylling: endre den du har i stedet.',
  conflict: 'Forespørselen passer ikke med slik det er nå.',
  gone: 'Personen har slettet denne koden og alt som var lagret for den.',
  payload_too_large: 'Innholdet i forespørselen er for stort.',
  unsupported_media_type: 'Send innholdet som JSON med Content-Type: application/json.',
  validation_failed: 'Noen av verdiene er ikke gyldige.',
  section_locked: 'Denne delen er ikke åpen ennå.',
  challenge_required: 'Løs oppgaven i error.challenge og send forespørselen på nytt med løsningen som altcha.',
  too_many_requests: 'For mange forsøk. Vent litt og prøv igjen.',
  internal_error: 'Noe gikk galt på serveren.',
  storage_unavailable: 'Dataene kan ikke lagres akkurat nå, og ingenting ble endret. Prøv igjen senere.',
  not_ready: 'Tjeneren får ikke kontakt med databasen akkurat nå.',
  idempotency_key_reused: 'Denne Idempotency-Key ble brukt med et annet innhold i forespørselen i løpet av de siste 24 timene.',
};

const nn: Messages = {
  malformed_json: 'Innhaldet i førespurnaden er ikkje gyldig JSON.',
  code_typo: 'Koden har ein skrivefeil: sjekk teikna og prøv igjen.',
  bad_request: 'Førespurnaden er ikkje gyldig.',
  unauthorized: 'Logg inn først: innlogginga manglar, er gått ut eller er avslutta.',
  invalid_code: 'Koden er ikkje gyldig.',
  invalid_credentials: 'Feil organisasjon, brukarnamn eller passord.',
  invalid_second_factor: 'Eingongskoden eller gjenopprettingskoden er ikkje gyldig.',
  forbidden: 'Denne kontoen eller nøkkelen har ikkje lov til dette.',
  password_change_required: 'Byt eingongspassordet først (PUT /v1/staff/password).',
  two_factor_enrolment_required: 'Set opp innlogging i to steg først (POST /v1/staff/totp/enrol, deretter /v1/staff/totp/confirm).',
  two_factor_required: 'Fullfør innlogginga med ein eingongskode (POST /v1/staff/sessions/current/totp).',
  consent_required: 'Personen har ikkje samtykt til å dele framgangen sin med tenesta.',
  cross_origin_refused: 'Ei endring gjord med informasjonskapselen til portalen må kome frå dei eigne sidene til portalen.',
  not_found: 'Finst ikkje.',
  requirements_missing: 'Delen er ikkje ferdig enno.',
  quota_exhausted: 'Organisasjonen har ingen lisensar att for dette programmet.',
  entry_exists: 'Denne øvinga har berre éi utfylling: endre den du har i staden.',
  conflict: 'Førespurnaden passar ikkje med slik det er no.',
  gone: 'Personen har sletta denne koden og alt som var lagra for han.',
  payload_too_large: 'Innhaldet i førespurnaden er for stort.',
  unsupported_media_type: 'Send innhaldet som JSON med Content-Type: application/json.',
  validation_failed: 'Nokre av verdiane er ikkje gyldige.',
  section_locked: 'Denne delen er ikkje open enno.',
  challenge_required: 'Løys oppgåva i error.challenge og send førespurnaden på nytt med løysinga som altcha.',
  too_many_requests: 'For mange forsøk. Vent litt og prøv igjen.',
  internal_error: 'Noko gjekk gale på serveren.',
  storage_unavailable: 'Dataa kan ikkje lagrast akkurat no, og ingenting vart endra. Prøv igjen seinare.',
  not_ready: 'Tenaren får ikkje kontakt med databasen akkurat no.',
  idempotency_key_reused: 'Denne Idempotency-Key vart brukt med eit anna innhald i førespurnaden i løpet av dei siste 24 timane.',
};

/**
 * The messages routes pass instead of the code's own, in English as written in the
 * routes, with their bokmål and nynorsk. A message missing here is answered in English
 * (a test lists every message the routes use, so a new one is noticed).
 */
export const routeMessages: Readonly<Record<string, { nb: string; nn: string }>> = {
  'No such route.': { nb: 'Denne adressen finnes ikke i API-et.', nn: 'Denne adressa finst ikkje i API-et.' },
  'The address holds a NUL character (%00), which no id or value can contain.': {
    nb: 'Adressen inneholder et NUL-tegn (%00), som ingen id eller verdi kan inneholde.',
    nn: 'Adressa inneheld eit NUL-teikn (%00), som ingen id eller verdi kan innehalde.',
  },
  'No such Questionnaire.': { nb: 'Spørreskjemaet finnes ikke.', nn: 'Spørjeskjemaet finst ikkje.' },
  'Metrics are off (MESTRING_METRICS=1 turns them on).': { nb: 'Målingene er slått av (MESTRING_METRICS=1 slår dem på).', nn: 'Målingane er slått av (MESTRING_METRICS=1 slår dei på).' },
  'No such flag for this code.': { nb: 'Dette flagget finnes ikke for koden.', nn: 'Dette flagget finst ikkje for koden.' },
  'This program has no end evaluation.': { nb: 'Dette programmet har ingen sluttevaluering.', nn: 'Dette programmet har inga sluttevaluering.' },
  'No such webhook in this organisation.': { nb: 'Denne webhooken finnes ikke i organisasjonen.', nn: 'Denne webhooken finst ikkje i organisasjonen.' },
  'This API key has no licences left for this program.': { nb: 'Denne API-nøkkelen har ingen lisenser igjen for dette programmet.', nn: 'Denne API-nøkkelen har ingen lisensar att for dette programmet.' },
  'The code issued for this Idempotency-Key no longer exists.': { nb: 'Koden som ble laget for denne Idempotency-Key, finnes ikke lenger.', nn: 'Koden som vart laga for denne Idempotency-Key, finst ikkje lenger.' },
  'No such program.': { nb: 'Programmet finnes ikke.', nn: 'Programmet finst ikkje.' },
  'No such part in this program.': { nb: 'Denne delen finnes ikke i programmet.', nn: 'Denne delen finst ikkje i programmet.' },
  'No such exercise in this program.': { nb: 'Denne øvelsen finnes ikke i programmet.', nn: 'Denne øvinga finst ikkje i programmet.' },
  'No such questionnaire in this program.': { nb: 'Dette spørreskjemaet finnes ikke i programmet.', nn: 'Dette spørjeskjemaet finst ikkje i programmet.' },
  'This program has no check-in.': { nb: 'Dette programmet har ingen innsjekk.', nn: 'Dette programmet har inga innsjekk.' },
  'There is no calendar link to delete.': { nb: 'Det finnes ingen kalenderlenke å slette.', nn: 'Det finst inga kalenderlenkje å slette.' },
  'Answer every question: without these answers the questionnaire cannot be scored.': {
    nb: 'Svar på alle spørsmålene: uten disse svarene kan ikke skjemaet skåres.',
    nn: 'Svar på alle spørsmåla: utan desse svara kan ikkje skjemaet skårast.',
  },
  'The code is no longer active.': { nb: 'Koden er ikke lenger aktiv.', nn: 'Koden er ikkje lenger aktiv.' },
  'This part is already open.': { nb: 'Denne delen er allerede åpen.', nn: 'Denne delen er alt open.' },
  'Only the next part can be opened early.': { nb: 'Bare den neste delen kan åpnes tidlig.', nn: 'Berre den neste delen kan opnast tidleg.' },
  'Start with POST /v1/staff/totp/enrol.': { nb: 'Start med POST /v1/staff/totp/enrol.', nn: 'Start med POST /v1/staff/totp/enrol.' },
  'That username is taken in this organisation.': { nb: 'Brukernavnet er allerede i bruk i denne organisasjonen.', nn: 'Brukarnamnet er alt i bruk i denne organisasjonen.' },
  'Two-factor login is already set up.': { nb: 'Innlogging i to trinn er allerede satt opp.', nn: 'Innlogging i to steg er alt sett opp.' },
  'Two-factor login is already set up; an admin can reset it.': {
    nb: 'Innlogging i to trinn er allerede satt opp; en administrator kan nullstille den.',
    nn: 'Innlogging i to steg er alt sett opp; ein administrator kan nullstille ho.',
  },
  'API keys may not do this; log in as staff.': { nb: 'API-nøkler har ikke lov til dette; logg inn som ansatt.', nn: 'API-nøklar har ikkje lov til dette; logg inn som tilsett.' },
  'Only an organisation admin may do this.': { nb: 'Bare en administrator i organisasjonen kan gjøre dette.', nn: 'Berre ein administrator i organisasjonen kan gjere dette.' },
  'This key lacks the scope needed.': { nb: 'Nøkkelen mangler tilgangen som trengs.', nn: 'Nøkkelen manglar tilgangen som trengst.' },
  'The current password is wrong.': { nb: 'Det nåværende passordet er feil.', nn: 'Det noverande passordet er feil.' },
  'origin must be an http(s) origin, such as https://mestring.example.no.': {
    nb: 'origin må være en http(s)-adresse, for eksempel https://mestring.example.no.',
    nn: 'origin må vere ei http(s)-adresse, til dømes https://mestring.example.no.',
  },
};

/**
 * The message of an error in `locale`: the route's own message (translated when it is
 * known), else the code's.
 *
 * @example
 *   errorMessage('nn', 'section_locked') // 'Denne delen er ikkje open enno.'
 */
export function errorMessage(locale: PersonLocale, code: ErrorCode, english: string, routeMessage?: string): string {
  if (locale === 'en') return routeMessage ?? english;
  if (routeMessage !== undefined) return routeMessages[routeMessage]?.[locale] ?? routeMessage;
  return (locale === 'nn' ? nn : nb)[code];
}
