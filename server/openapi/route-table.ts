/**
 * Every route of the API in one table: the OpenAPI document is built from it, and a
 * test checks that it lists exactly the routes the app serves.
 */
import type { ErrorCode } from '../errors.ts';

export type Auth = 'none' | 'person' | 'staff' | 'admin';

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path, with {param}. */
  path: string;
  summary: string;
  tag: 'Public' | 'Person' | 'Staff';
  auth: Auth;
  /** `file#/$defs/Name` of the request body schema. */
  body?: string;
  /** Success status and `file#/$defs/Name` of its body (none for 204). */
  ok: [number, string?];
  errors: ErrorCode[];
  /** Scopes an API key needs (staff routes open to keys). */
  scopes?: string[];
  /** Content types of the success body when it is not JSON (a body without a schema). */
  media?: string[];
  /** Headers the success response sends, with what they mean. */
  headers?: Record<string, string>;
  /** Served but left out of the document (an alias of a documented path). */
  hidden?: true;
  /** Sends an ETag and answers If-None-Match with a body-less 304 while the copy is current. */
  notModified?: true;
  /** Success bodies in other media types than application/json: media type -> `file#/$defs/Name`. */
  okTypes?: Record<string, string>;
  /** Other media types the success response may take (by the Accept header), as text. */
  alsoAs?: string[];
  /** Query parameters: a JSON Schema, or a string with its allowed values when they have a fixed set. */
  query?: { name: string; required?: boolean; description: string; enum?: string[]; schema?: Record<string, unknown> }[];
}

const html = ['text/html'];
const setCookie = (what: string) => ({ 'Set-Cookie': what });

const p = (name: string) => `api-person.schema.json#/$defs/${name}`;
const s = (name: string) => `api-staff.schema.json#/$defs/${name}`;
const c = (name: string) => `api-common.schema.json#/$defs/${name}`;
const f = (name: string) => `api-fhir.schema.json#/$defs/${name}`;
const fhirJson = 'application/fhir+json';
const w = (name: string) => `api-webhooks.schema.json#/$defs/${name}`;
const body: ErrorCode[] = ['unsupported_media_type', 'malformed_json', 'payload_too_large', 'validation_failed'];
const person: ErrorCode[] = ['unauthorized'];
const staff: ErrorCode[] = ['unauthorized', 'password_change_required', 'two_factor_enrolment_required', 'two_factor_required', 'cross_origin_refused', 'storage_unavailable'];

export const routeTable: RouteDoc[] = [
  { method: 'get', path: '/healthz', summary: 'Health check', tag: 'Public', auth: 'none', ok: [200, c('Health')], errors: [] },
  { method: 'get', path: '/readyz', summary: 'Readiness: the database answers (503 not_ready when it does not)', tag: 'Public', auth: 'none', ok: [200, c('Health')], errors: ['not_ready'] },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics (text format); 404 unless MESTRING_METRICS=1 and no MESTRING_METRICS_PORT', tag: 'Public', auth: 'none', ok: [200], media: ['text/plain'], errors: ['not_found'] },
  { method: 'get', path: '/v1/programs', summary: 'Public overviews of every program', tag: 'Public', auth: 'none', ok: [200, c('ProgramList')], errors: [] },
  { method: 'get', path: '/v1/programs/{id}', summary: "A program's public overview (parts, no exercise content)", tag: 'Public', auth: 'none', ok: [200, c('ProgramOverview')], errors: ['not_found'] },
  { method: 'get', path: '/v1/programs/{id}/assets/{name}', summary: "A program's image or file", tag: 'Public', auth: 'none', ok: [200], media: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml', 'application/pdf', 'audio/mpeg', 'audio/mp4', 'text/plain'], errors: ['not_found'] },
  { method: 'get', path: '/openapi.json', summary: 'This OpenAPI 3.1 document', tag: 'Public', auth: 'none', ok: [200], media: ['application/json'], errors: [] },
  { method: 'get', path: '/docs', summary: 'The API reference as a web page', tag: 'Public', auth: 'none', ok: [200], media: html, errors: [] },
  { method: 'get', path: '/', summary: "The reference web client: the person's app (HTML)", tag: 'Public', auth: 'none', ok: [200], media: html, notModified: true, errors: [] },
  { method: 'get', path: '/staff', summary: "The reference web client: the professional's app (HTML)", tag: 'Public', auth: 'none', ok: [200], media: html, notModified: true, errors: [] },
  { method: 'get', path: '/staff/', summary: "The professional's app (same as /staff)", tag: 'Public', auth: 'none', ok: [200], media: html, hidden: true, notModified: true, errors: [] },
  { method: 'get', path: '/static/{path}', summary: 'Scripts and styles of the reference web client', tag: 'Public', auth: 'none', ok: [200], media: ['text/html', 'text/javascript', 'text/css', 'image/svg+xml', 'image/png', 'font/woff2', 'application/manifest+json'], notModified: true, errors: ['not_found'] },
  { method: 'get', path: '/docs.css', summary: 'The stylesheet of /docs', tag: 'Public', auth: 'none', ok: [200], media: ['text/css'], errors: [] },
  { method: 'get', path: '/docs.js', summary: "The script of /docs that sends a route's Try it form to this server", tag: 'Public', auth: 'none', ok: [200], media: ['text/javascript'], errors: [] },

  { method: 'post', path: '/v1/sessions', summary: 'Log in with a code', tag: 'Person', auth: 'none', body: p('SessionRequest'), ok: [201, p('Session')], errors: [...body, 'code_typo', 'invalid_code', 'challenge_required'] },
  { method: 'delete', path: '/v1/sessions/current', summary: 'Log out', tag: 'Person', auth: 'person', ok: [204], errors: person },
  { method: 'get', path: '/v1/me', summary: 'Program, consent, what is due now, next appointment', tag: 'Person', auth: 'person', ok: [200, p('Me')], errors: person },
  { method: 'get', path: '/v1/me/consent', summary: 'Current consent and its history', tag: 'Person', auth: 'person', ok: [200, p('Consent')], errors: person },
  { method: 'put', path: '/v1/me/consent', summary: 'Give or withdraw consent (takes effect at once)', tag: 'Person', auth: 'person', body: p('ConsentRequest'), ok: [200, p('Consent')], errors: [...person, ...body] },
  { method: 'get', path: '/v1/me/program', summary: 'Every part with its state and what it still requires', tag: 'Person', auth: 'person', ok: [200, p('ProgramState')], errors: person },
  { method: 'get', path: '/v1/me/sections/{id}', summary: "A part's content with saved entries and responses", tag: 'Person', auth: 'person', ok: [200, p('SectionContent')], errors: [...person, 'not_found', 'section_locked'] },
  { method: 'post', path: '/v1/me/sections/{id}/complete', summary: 'Complete a part (the server checks the requirements)', tag: 'Person', auth: 'person', ok: [200, p('ProgramState')], errors: [...person, 'not_found', 'section_locked', 'requirements_missing'] },
  { method: 'post', path: '/v1/me/exercises/{id}/entries', summary: 'Save an exercise entry', tag: 'Person', auth: 'person', body: p('EntryRequest'), ok: [201, p('Entry')], errors: [...person, ...body, 'not_found', 'section_locked', 'entry_exists'] },
  { method: 'get', path: '/v1/me/exercises/{id}/entries', summary: "An exercise's entries", tag: 'Person', auth: 'person', ok: [200, p('EntryList')], errors: [...person, 'not_found', 'section_locked'] },
  { method: 'put', path: '/v1/me/exercises/{id}/entries/{entryId}', summary: 'Edit an entry', tag: 'Person', auth: 'person', body: p('EntryRequest'), ok: [200, p('Entry')], errors: [...person, ...body, 'not_found', 'section_locked'] },
  { method: 'delete', path: '/v1/me/exercises/{id}/entries/{entryId}', summary: 'Delete an entry', tag: 'Person', auth: 'person', ok: [204], errors: [...person, 'not_found', 'section_locked'] },
  { method: 'post', path: '/v1/me/questionnaires/{id}/responses', summary: 'Answer a questionnaire; a risk flag adds the safety block', tag: 'Person', auth: 'person', body: p('ResponseRequest'), ok: [201, p('Response')], errors: [...person, ...body, 'not_found'] },
  { method: 'get', path: '/v1/me/questionnaires', summary: "Every questionnaire and form of the person's program (wording as installed)", tag: 'Person', auth: 'person', ok: [200, p('InstrumentList')], errors: person },
  { method: 'get', path: '/v1/me/questionnaires/{id}', summary: 'One questionnaire or form to show (the check-in is "checkin")', tag: 'Person', auth: 'person', ok: [200, p('InstrumentOne')], errors: [...person, 'not_found'] },
  { method: 'get', path: '/v1/me/scores', summary: "Each instrument's scores over time", tag: 'Person', auth: 'person', ok: [200, p('Scores')], errors: person },
  { method: 'post', path: '/v1/me/checkins', summary: 'Save a check-in', tag: 'Person', auth: 'person', body: p('CheckinRequest'), ok: [201, p('Checkin')], errors: [...person, ...body] },
  { method: 'get', path: '/v1/me/checkins', summary: 'Every check-in', tag: 'Person', auth: 'person', ok: [200, p('CheckinList')], errors: person },
  { method: 'get', path: '/v1/me/calendar', summary: 'Whether the person has a calendar link', tag: 'Person', auth: 'person', ok: [200, p('CalendarState')], errors: person },
  { method: 'post', path: '/v1/me/calendar', summary: 'Make (or replace) the secret calendar link for reminders', tag: 'Person', auth: 'person', ok: [201, p('CalendarLink')], errors: person },
  { method: 'delete', path: '/v1/me/calendar', summary: 'Delete the calendar link (it stops at once)', tag: 'Person', auth: 'person', ok: [204], errors: [...person, 'not_found'] },
  { method: 'get', path: '/v1/fhir/Questionnaire', summary: 'Every questionnaire and language edition as a FHIR R4 Questionnaire (searchset Bundle)', tag: 'Public', auth: 'none', ok: [200], okTypes: { [fhirJson]: f('FhirQuestionnaireBundle') }, query: [{ name: '_id', description: 'Only these ids (comma-separated), e.g. phq9,phq9.en.' }, { name: 'url', description: 'Only the Questionnaire with this canonical URL (comma-separated for several), as a QuestionnaireResponse names it.' }], errors: [] },
  { method: 'get', path: '/v1/fhir/Questionnaire/{id}', summary: 'One FHIR R4 Questionnaire (phq9, or phq9.en for the English edition)', tag: 'Public', auth: 'none', ok: [200], okTypes: { [fhirJson]: f('FhirQuestionnaire') }, errors: ['not_found'] },
  { method: 'get', path: '/v1/calendar/{token}', summary: 'The calendar feed (iCalendar): appointments and the next weekly questionnaire', tag: 'Public', auth: 'none', ok: [200], media: ['text/calendar'], errors: ['not_found'] },
  { method: 'put', path: '/v1/me/locale', summary: "Switch the person's language: content, check-ins and messages follow it; nothing saved changes", tag: 'Person', auth: 'person', body: p('LocaleRequest'), ok: [200, p('Languages')], errors: [...person, ...body] },
  { method: 'get', path: '/v1/me/export', summary: 'Everything stored for this code; with ?format=fhir, the questionnaire responses and scores as a FHIR R4 Bundle', tag: 'Person', auth: 'person', ok: [200, p('Export')], okTypes: { [fhirJson]: f('FhirBundle') }, query: [{ name: 'format', description: 'json (default): the whole export; fhir: a FHIR R4 collection Bundle (application/fhir+json).', enum: ['json', 'fhir'] }], errors: [...person, 'validation_failed'] },
  { method: 'delete', path: '/v1/me', summary: 'Erase everything; the code stops working', tag: 'Person', auth: 'person', ok: [204], errors: person },

  { method: 'post', path: '/v1/staff/sessions', summary: 'Staff login (sets the portal cookie, returns a bearer token)', tag: 'Staff', auth: 'none', body: s('StaffSessionRequest'), ok: [201, s('StaffSession')], headers: setCookie('The portal session cookie __Host-mestring_staff (HttpOnly, Secure, SameSite=Strict)'), errors: [...body, 'invalid_credentials', 'challenge_required'] },
  { method: 'delete', path: '/v1/staff/sessions/current', summary: 'Staff logout', tag: 'Staff', auth: 'staff', ok: [204], headers: setCookie('Clears the portal session cookie'), errors: ['unauthorized', 'cross_origin_refused'] },
  { method: 'post', path: '/v1/staff/sessions/current/totp', summary: 'Complete a staff login with an authenticator code or a recovery code', tag: 'Staff', auth: 'staff', body: s('SecondFactorRequest'), ok: [200, s('SecondFactorDone')], errors: ['unauthorized', 'password_change_required', 'two_factor_enrolment_required', 'invalid_second_factor', 'too_many_requests', 'forbidden', 'cross_origin_refused', ...body] },
  { method: 'post', path: '/v1/staff/totp/enrol', summary: 'Start setting up an authenticator: secret, otpauth URL and QR code (SVG)', tag: 'Staff', auth: 'staff', ok: [200, s('TotpEnrolment')], errors: ['unauthorized', 'password_change_required', 'two_factor_required', 'forbidden', 'conflict', 'cross_origin_refused'] },
  { method: 'post', path: '/v1/staff/totp/confirm', summary: 'Confirm the authenticator with its first code; returns recovery codes (shown once) and completes the session', tag: 'Staff', auth: 'staff', body: s('SecondFactorRequest'), ok: [200, s('RecoveryCodes')], errors: ['unauthorized', 'password_change_required', 'two_factor_required', 'invalid_second_factor', 'too_many_requests', 'forbidden', 'conflict', 'cross_origin_refused', ...body] },
  { method: 'get', path: '/v1/staff/accounts', summary: "The organisation's staff accounts (admin)", tag: 'Staff', auth: 'admin', ok: [200, s('StaffAccountList')], errors: [...staff, 'forbidden'] },
  { method: 'post', path: '/v1/staff/accounts', summary: 'A new staff account with a one-time password (admin)', tag: 'Staff', auth: 'admin', body: s('StaffAccountRequest'), ok: [201, s('StaffAccountCreated')], errors: [...staff, ...body, 'forbidden', 'conflict'] },
  { method: 'post', path: '/v1/staff/accounts/{username}/totp/reset', summary: "Reset a colleague's second factor (admin); their sessions end", tag: 'Staff', auth: 'admin', ok: [200, s('Ok')], errors: [...staff, 'forbidden', 'not_found'] },
  { method: 'put', path: '/v1/staff/password', summary: 'Change password (required after a one-time password)', tag: 'Staff', auth: 'staff', body: s('PasswordChangeRequest'), ok: [200, s('Ok')], errors: ['unauthorized', 'forbidden', 'two_factor_required', 'invalid_credentials', 'cross_origin_refused', ...body] },
  { method: 'get', path: '/v1/staff/service', summary: "The organisation's name and phone for code cards; with ?origin=, a QR code (SVG) of the login page", tag: 'Staff', auth: 'staff', ok: [200, s('Service')], errors: [...staff, 'validation_failed'] },
  { method: 'get', path: '/v1/staff/org/locale', summary: "The organisation's language (the default for new codes)", tag: 'Staff', auth: 'staff', ok: [200, s('OrgLocale')], errors: staff },
  { method: 'put', path: '/v1/staff/org/locale', summary: "Set the organisation's language for new codes (admin)", tag: 'Staff', auth: 'admin', body: s('OrgLocaleRequest'), ok: [200, s('OrgLocale')], errors: [...staff, ...body, 'forbidden'] },
  { method: 'get', path: '/v1/staff/programs', summary: "Programs with the organisation's licences", tag: 'Staff', auth: 'staff', ok: [200, s('StaffPrograms')], errors: staff },
  { method: 'post', path: '/v1/staff/codes', summary: 'Generate a code (the only time it is shown); with an API key, Idempotency-Key makes retries safe; ?card=html or ?card=pdf adds a printable card', tag: 'Staff', auth: 'staff', scopes: ['codes:create'], body: s('CodeRequest'), ok: [201, s('NewCode')], headers: { 'Idempotent-Replayed': 'true when an earlier request with the same Idempotency-Key and body got this code' }, query: [{ name: 'card', description: 'Add a printable code card in the person\'s language to the answer: html gives `card` (an HTML page), pdf gives `cardPdf` (a PDF, base64-encoded).', enum: ['html', 'pdf'] }], errors: [...staff, ...body, 'forbidden', 'not_found', 'quota_exhausted', 'idempotency_key_reused', 'gone'] },
  { method: 'get', path: '/v1/staff/codes', summary: "The organisation's codes (progress only with consent)", tag: 'Staff', auth: 'staff', scopes: ['codes:read'], ok: [200, s('CodeList')], errors: [...staff, 'forbidden'] },
  { method: 'post', path: '/v1/staff/codes/lookup', summary: "Find a code's ref by typing the code", tag: 'Staff', auth: 'staff', scopes: ['codes:read'], body: s('CodeLookupRequest'), ok: [200, s('CodeRef')], errors: [...staff, ...body, 'forbidden', 'code_typo', 'not_found'] },
  { method: 'get', path: '/v1/staff/codes/{ref}', summary: "A consented code's progress, entries (?since=), scores, check-ins and flags", tag: 'Staff', auth: 'staff', scopes: ['codes:read'], ok: [200, s('CodeDetail')], errors: [...staff, 'forbidden', 'not_found', 'consent_required', 'validation_failed', 'gone'] },
  { method: 'get', path: '/v1/staff/codes/{ref}/fhir', summary: "A consented code's questionnaire responses and scores as a FHIR R4 Bundle (no free text)", tag: 'Staff', auth: 'staff', scopes: ['codes:read'], ok: [200], okTypes: { [fhirJson]: f('FhirBundle') }, errors: [...staff, 'forbidden', 'not_found', 'consent_required', 'gone'] },
  { method: 'post', path: '/v1/staff/codes/{ref}/unlock', summary: 'Open the next part early, with a reason', tag: 'Staff', auth: 'staff', body: s('UnlockRequest'), ok: [200, p('ProgramState')], errors: [...staff, ...body, 'forbidden', 'not_found', 'consent_required', 'conflict', 'gone'] },
  { method: 'post', path: '/v1/staff/codes/{ref}/flags/{id}/handled', summary: 'Mark a flag handled (by whom and when; no note)', tag: 'Staff', auth: 'staff', ok: [200, s('Flag')], errors: [...staff, 'forbidden', 'not_found', 'consent_required', 'gone'] },
  { method: 'post', path: '/v1/staff/codes/{ref}/appointments', summary: 'Record the next follow-up (date, time, kind; no notes)', tag: 'Staff', auth: 'staff', body: s('AppointmentRequest'), ok: [201, p('Appointment')], errors: [...staff, ...body, 'forbidden', 'not_found', 'conflict', 'gone'] },
  { method: 'delete', path: '/v1/staff/codes/{ref}/appointments/{id}', summary: 'Cancel an appointment', tag: 'Staff', auth: 'staff', ok: [204], errors: [...staff, 'forbidden', 'not_found', 'gone'] },
  { method: 'post', path: '/v1/staff/codes/{ref}/stop', summary: 'Stop the program for a code: the person keeps access and is asked for the end evaluation', tag: 'Staff', auth: 'staff', ok: [200, s('Stopped')], errors: [...staff, 'forbidden', 'not_found', 'conflict', 'gone'] },
  { method: 'post', path: '/v1/staff/codes/{ref}/evaluation', summary: "Record the person's end evaluation from the closing call (its choices; no free text)", tag: 'Staff', auth: 'staff', body: p('ResponseRequest'), ok: [201, p('Response')], errors: [...staff, ...body, 'forbidden', 'not_found', 'consent_required', 'conflict', 'gone'] },
  { method: 'post', path: '/v1/staff/codes/{ref}/revoke', summary: 'Revoke a code (its sessions end)', tag: 'Staff', auth: 'staff', ok: [200, s('RevokedCode')], errors: [...staff, 'forbidden', 'not_found', 'gone'] },
  {
    method: 'get', path: '/v1/staff/reports/outcomes', summary: 'Outcomes, drop-out and end evaluation for codes first used in a period, with k-anonymity (staff accounts; CSV with Accept: text/csv)',
    tag: 'Staff', auth: 'staff', ok: [200, s('OutcomeReport')], errors: [...staff, 'forbidden', 'not_found', 'validation_failed'], alsoAs: ['text/csv'],
    query: [
      { name: 'from', required: true, description: 'First day of first logins counted (YYYY-MM-DD, in the service time zone)', schema: { type: 'string', format: 'date' } },
      { name: 'to', required: true, description: 'Last day (inclusive)', schema: { type: 'string', format: 'date' } },
      { name: 'program', description: 'One program id (adds the funnel); all programs when left out', schema: { type: 'string' } },
      { name: 'k', description: 'Smallest count shown (at least 5, the default)', schema: { type: 'integer', minimum: 5 } },
      { name: 'format', description: 'csv for the CSV (as Accept: text/csv does, for a download link), json for JSON', schema: { enum: ['csv', 'json'] } },
    ],
  },
  { method: 'post', path: '/v1/staff/groups', summary: 'Create a group course for one program with a shared schedule and meetings', tag: 'Staff', auth: 'staff', body: s('GroupRequest'), ok: [201, s('Group')], errors: [...staff, ...body, 'forbidden', 'not_found'] },
  { method: 'get', path: '/v1/staff/groups', summary: "The organisation's group courses", tag: 'Staff', auth: 'staff', ok: [200, s('GroupList')], errors: [...staff, 'forbidden'] },
  { method: 'get', path: '/v1/staff/groups/{ref}', summary: "A group: members one by one (progress only with consent) and the consenting members' progress together, with k-anonymity", tag: 'Staff', auth: 'staff', ok: [200, s('GroupDetail')], errors: [...staff, 'forbidden', 'not_found'] },
  { method: 'post', path: '/v1/staff/groups/{ref}/codes', summary: 'Issue codes into a group, one or a sheet at a time (all or none; shown only now)', tag: 'Staff', auth: 'staff', body: s('GroupCodesRequest'), ok: [201, s('GroupCodes')], errors: [...staff, ...body, 'forbidden', 'not_found', 'quota_exhausted'] },
  {
    method: 'get', path: '/v1/staff/audit', summary: "The organisation's audit log, newest first (admin)", tag: 'Staff', auth: 'admin', ok: [200, s('AuditPage')],
    errors: [...staff, 'forbidden', 'validation_failed'],
    query: [
      { name: 'from', description: 'Entries at or after (ISO 8601 date or date-time; a date is midnight UTC)', schema: { type: 'string' } },
      { name: 'to', description: 'Entries before (exclusive)', schema: { type: 'string' } },
      { name: 'account', description: "One staff account's username", schema: { type: 'string' } },
      { name: 'action', description: "One action (code.read), or every action under a prefix ending in '.' (code.)", schema: { type: 'string' } },
      { name: 'before', description: 'Entries older than this id (the previous page\'s next)', schema: { type: 'integer' } },
      { name: 'limit', description: 'Entries per page, 1-200 (default 50)', schema: { type: 'integer', minimum: 1, maximum: 200 } },
    ],
  },
  { method: 'post', path: '/v1/staff/api-keys', summary: 'Create an API key (admin; the key is shown once)', tag: 'Staff', auth: 'admin', body: s('ApiKeyRequest'), ok: [201, s('ApiKey')], errors: [...staff, ...body, 'forbidden'] },
  { method: 'get', path: '/v1/staff/api-keys', summary: "The organisation's API keys (admin)", tag: 'Staff', auth: 'admin', ok: [200, s('ApiKeyList')], errors: [...staff, 'forbidden'] },
  { method: 'delete', path: '/v1/staff/api-keys/{ref}', summary: 'Revoke an API key (admin)', tag: 'Staff', auth: 'admin', ok: [204], errors: [...staff, 'forbidden', 'not_found'] },
  { method: 'get', path: '/v1/staff/api-keys/{ref}/allowances', summary: "An API key's licence allowance per program (admin)", tag: 'Staff', auth: 'admin', ok: [200, s('ApiKeyAllowanceList')], errors: [...staff, 'forbidden', 'not_found'] },
  { method: 'put', path: '/v1/staff/api-keys/{ref}/allowances/{programId}', summary: "Set an API key's licences for a program: a sub-pool of the organisation's (admin)", tag: 'Staff', auth: 'admin', body: s('ApiKeyAllowanceRequest'), ok: [200, s('ApiKeyAllowance')], errors: [...staff, ...body, 'forbidden', 'not_found'] },
  { method: 'get', path: '/v1/staff/api-keys/{ref}/issued', summary: 'The codes an API key issued, newest first (admin)', tag: 'Staff', auth: 'admin', ok: [200, s('ApiKeyIssueLog')], errors: [...staff, 'forbidden', 'not_found'] },
  { method: 'post', path: '/v1/staff/webhooks', summary: 'Register a webhook endpoint (admin; the signing secret is shown once)', tag: 'Staff', auth: 'admin', body: w('WebhookRequest'), ok: [201, w('WebhookCreated')], errors: [...staff, ...body, 'forbidden'] },
  { method: 'get', path: '/v1/staff/webhooks', summary: "The organisation's webhook endpoints (admin)", tag: 'Staff', auth: 'admin', ok: [200, w('WebhookList')], errors: [...staff, 'forbidden'] },
  { method: 'delete', path: '/v1/staff/webhooks/{ref}', summary: 'Delete a webhook endpoint and its delivery log (admin)', tag: 'Staff', auth: 'admin', ok: [204], errors: [...staff, 'forbidden', 'not_found'] },
  { method: 'post', path: '/v1/staff/webhooks/{ref}/test', summary: 'Queue a signed webhook.test delivery to the endpoint (admin)', tag: 'Staff', auth: 'admin', ok: [202, w('WebhookTestSent')], errors: [...staff, 'forbidden', 'not_found'] },
  { method: 'get', path: '/v1/staff/webhooks/{ref}/deliveries', summary: "The endpoint's delivery log: status, attempts, last error, times (admin)", tag: 'Staff', auth: 'admin', ok: [200, w('WebhookDeliveryList')], errors: [...staff, 'forbidden', 'not_found'] },
];
