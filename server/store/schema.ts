/**
 * The tables of the store, as Kysely sees them: the one description of every column,
 * shared by the SQLite and PostgreSQL implementations. Timestamps are ISO 8601 text in
 * UTC and JSON is text on both databases, so both give the API byte-identical answers.
 * Nothing here can identify a person: codes are HMACs, tokens are hashes, and no table
 * has a column for a name, contact or address.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface OrgsTable {
  id: Generated<number>; slug: string; name: string; safety_json: string | null; created_at: string;
  /** The language new codes get unless the professional picks another (nb, nn or en). */
  locale: Generated<string>;
  /** Days without activity after which the end evaluation is asked for. */
  inactivity_days: Generated<number>;
}
export interface LicencesTable { org_id: number; program_id: string; total: Generated<number>; used: Generated<number> }
export interface StaffTable {
  id: Generated<number>; org_id: number; username: string; role: 'admin' | 'professional'; password_hash: string;
  must_change_password: Generated<number>; created_at: string;
  totp_secret: string | null; totp_pending: string | null; totp_confirmed_at: string | null; totp_last_step: number | null;
}
export interface StaffSessionsTable { token_hash: string; staff_id: number; created_at: string; expires_at: string; second_factor_at: string | null }
export interface StaffRecoveryCodesTable { id: Generated<number>; staff_id: number; code_hmac: string; created_at: string; used_at: string | null }
export interface ApiKeysTable {
  id: Generated<number>; ref: string; org_id: number; name: string; key_hash: string; scopes: string;
  created_by: number | null; created_at: string; revoked_at: string | null;
}
export interface CodesTable {
  id: Generated<number>; ref: string; code_hmac: string; hint: string; org_id: number; program_id: string;
  created_by_staff: number | null; created_by_key: number | null; created_at: string; revoked_at: string | null; erased_at: string | null;
  /** The person's language (nb, nn or en): the edition of the program and the language of messages. */
  locale: Generated<string>;
  /** The first login with the code: reports count cohorts by it, and it sends code.activated. */
  first_login_at: string | null;
  /** The group course the code was issued into, if any. */
  group_id: number | null;
  /** When a professional stopped the program for this code (the person is then asked for the evaluation). */
  stopped_at: string | null;
}
export interface GroupsTable {
  id: Generated<number>; ref: string; org_id: number; program_id: string; name: string; start_date: string;
  schedule_json: string; meetings_json: string; created_by: number | null; created_at: string;
}
export interface PersonSessionsTable { token_hash: string; code_id: number; created_at: string; expires_at: string }
export interface ConsentsTable { id: Generated<number>; code_id: number; share: number; at: string }
export interface SectionStatesTable {
  code_id: number; section_id: string; opened_at: string; opened_by: 'progress' | 'staff'; opened_by_staff: number | null;
  opened_reason: string | null; completed_at: string | null; program_version: string;
}
export interface EntriesTable {
  id: Generated<number>; ref: string; code_id: number; exercise_id: string; section_id: string; values_json: string;
  program_version: string; created_at: string; updated_at: string;
}
export interface ResponsesTable {
  id: Generated<number>; ref: string; code_id: number; instrument_id: string; answers_json: string; score_json: string;
  program_version: string; created_at: string;
}
export interface CheckinsTable { id: Generated<number>; ref: string; code_id: number; ratings_json: string; program_version: string; created_at: string }
export interface AppointmentsTable {
  id: Generated<number>; ref: string; code_id: number; at: string; kind: 'phone' | 'video' | 'in_person'; created_by: number | null; created_at: string;
}
export interface AuditLogTable {
  id: Generated<number>; org_id: number; staff_id: number | null; api_key_id: number | null; code_ref: string | null; action: string; at: string;
}
export interface CalendarFeedsTable { code_id: number; token_hash: string; created_at: string }
export interface FlagAcksTable { code_id: number; flag_id: string; staff_id: number; at: string }
export interface InstanceSettingsTable { name: string; value: string }
export interface ThrottleCountersTable { counter: string; window_ms: number; window_start: number; count: number }
export interface ApiKeyAllowancesTable { api_key_id: number; program_id: string; total: Generated<number>; used: Generated<number> }
export interface ApiKeyIssuesTable {
  id: Generated<number>; api_key_id: number; program_id: string; code_ref: string | null; idempotency_key: string | null;
  body_hash: string | null; code_sealed: string | null; created_at: string;
}
export interface SpentChallengesTable { id: string; expires_at: number }
export interface WebhookEndpointsTable {
  id: Generated<number>; ref: string; org_id: number; url: string; events: string; secret_sealed: string; created_by: number | null; created_at: string;
}
export interface WebhookDeliveriesTable {
  id: Generated<number>; msg_id: string; endpoint_id: number; type: string; code_id: number | null; dedup_key: string | null; payload: string;
  status: 'pending' | 'delivered' | 'failed' | 'dropped'; attempts: Generated<number>; next_attempt_at: string;
  lease_until: string | null; lease_owner: string | null; last_error: string | null; last_status: number | null;
  last_attempt_at: string | null; delivered_at: string | null; created_at: string;
}

/** Every table, by name. */
export interface Database {
  orgs: OrgsTable;
  licences: LicencesTable;
  staff: StaffTable;
  staff_sessions: StaffSessionsTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  api_keys: ApiKeysTable;
  groups: GroupsTable;
  codes: CodesTable;
  person_sessions: PersonSessionsTable;
  consents: ConsentsTable;
  section_states: SectionStatesTable;
  entries: EntriesTable;
  responses: ResponsesTable;
  checkins: CheckinsTable;
  appointments: AppointmentsTable;
  audit_log: AuditLogTable;
  calendar_feeds: CalendarFeedsTable;
  flag_acks: FlagAcksTable;
  instance_settings: InstanceSettingsTable;
  throttle_counters: ThrottleCountersTable;
  spent_challenges: SpentChallengesTable;
  api_key_allowances: ApiKeyAllowancesTable;
  api_key_issues: ApiKeyIssuesTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

/**
 * The tables in an order that respects foreign keys (parents first): the order `db copy`
 * fills them in, and the reverse of the order they can be emptied in.
 */
export const tableOrder = [
  'orgs', 'licences', 'staff', 'staff_sessions', 'staff_recovery_codes', 'api_keys', 'groups', 'codes', 'person_sessions',
  'consents', 'section_states', 'entries', 'responses', 'checkins', 'appointments', 'audit_log', 'calendar_feeds', 'flag_acks', 'instance_settings',
  'webhook_endpoints', 'webhook_deliveries', 'api_key_allowances', 'api_key_issues',
] as const satisfies readonly (keyof Database)[];

export type OrgRow = Selectable<OrgsTable>;
export type StaffRow = Selectable<StaffTable>;
export type NewCode = Insertable<CodesTable>;
