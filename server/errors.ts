/**
 * Every error the API can answer, by its stable code. The codes are a public contract:
 * docs/api.md has the same table (a test keeps them in step). Errors are data:
 * routes throw `apiError(code)` and the global error handler renders
 * `{ "error": { "code", "message", ...details } }` with the status below.
 */
import { errorMessage } from './locale/error-messages.ts';
import type { PersonLocale } from './locale/languages.ts';

export const errorCodes = {
  malformed_json: { status: 400, message: 'The request body is not valid JSON.' },
  code_typo: { status: 400, message: 'The code has a typo: check the characters and try again.' },
  bad_request: { status: 400, message: 'The request is not valid.' },
  unauthorized: { status: 401, message: 'Log in first: the token or session is missing, expired or revoked.' },
  invalid_code: { status: 401, message: 'The code is not valid.' },
  invalid_credentials: { status: 401, message: 'Wrong organisation, username or password.' },
  invalid_second_factor: { status: 401, message: 'The one-time code or recovery code is not valid.' },
  forbidden: { status: 403, message: 'This account or key may not do this.' },
  password_change_required: { status: 403, message: 'Change the one-time password first (PUT /v1/staff/password).' },
  two_factor_enrolment_required: { status: 403, message: 'Set up two-factor login first (POST /v1/staff/totp/enrol, then /v1/staff/totp/confirm).' },
  two_factor_required: { status: 403, message: 'Complete the login with a one-time code (POST /v1/staff/sessions/current/totp).' },
  consent_required: { status: 403, message: 'The person has not consented to share their progress with the service.' },
  cross_origin_refused: { status: 403, message: "A change made with the portal's cookie must come from the portal's own pages." },
  not_found: { status: 404, message: 'Not found.' },
  requirements_missing: { status: 409, message: 'The part is not complete yet.' },
  quota_exhausted: { status: 409, message: 'The organisation has no licences left for this program.' },
  entry_exists: { status: 409, message: 'This exercise takes one entry: edit the existing one instead.' },
  conflict: { status: 409, message: 'The request conflicts with the current state.' },
  idempotency_key_reused: { status: 409, message: 'This Idempotency-Key was used with a different request body within the last 24 hours.' },
  gone: { status: 410, message: 'The person erased this code and everything stored for it.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send the body as JSON with Content-Type: application/json.' },
  validation_failed: { status: 422, message: 'Some values are not valid.' },
  section_locked: { status: 423, message: 'This part is not open yet.' },
  challenge_required: { status: 429, message: 'Solve the proof-of-work challenge in error.challenge and send the request again with the solution as altcha.' },
  too_many_requests: { status: 429, message: 'Too many attempts. Wait a little and try again.' },
  internal_error: { status: 500, message: 'Something went wrong on the server.' },
  storage_unavailable: { status: 503, message: 'The data store cannot save right now; nothing was changed. Try again later.' },
  not_ready: { status: 503, message: 'The server cannot reach its database right now.' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** An API error on its way to the error handler. `details` are merged into the error body. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? errorCodes[code].message);
    this.routeMessage = message;
  }

  /** The message the route gave instead of the code's own (English; translated by server/locale/error-messages.ts). */
  readonly routeMessage: string | undefined;

  get status(): number {
    return errorCodes[this.code].status;
  }
}

/**
 * Creates an ApiError to throw.
 *
 * @example
 *   throw apiError('section_locked', undefined, { sectionId });
 */
export function apiError(code: ErrorCode, message?: string, details?: Record<string, unknown>, headers?: Record<string, string>): ApiError {
  return new ApiError(code, message, details, headers);
}

/**
 * The JSON body of an error with its message in `locale` (English when absent).
 *
 * @example
 *   localizedErrorBody('nb', 'section_locked') // { error: { code: 'section_locked', message: 'Denne delen er ikke åpen ennå.' } }
 */
export function localizedErrorBody(locale: PersonLocale, code: ErrorCode, routeMessage?: string, details: Record<string, unknown> = {}) {
  return { error: { code, message: errorMessage(locale, code, errorCodes[code].message, routeMessage), ...details } };
}

/** The JSON body of an error. */
export function errorBody(code: ErrorCode, message?: string, details: Record<string, unknown> = {}) {
  return { error: { code, message: message ?? errorCodes[code].message, ...details } };
}
