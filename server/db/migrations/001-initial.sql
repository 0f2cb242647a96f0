-- The first schema. Nothing here can identify a person: codes are stored as HMACs,
-- tokens as sha256, and no table has a column for a name, contact or address.

CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  safety_json TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE licences (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  program_id TEXT NOT NULL,
  total INTEGER NOT NULL DEFAULT 0,
  used INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, program_id),
  CHECK (used <= total)
);

CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  username TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'professional')),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  UNIQUE (org_id, username)
);

CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  created_by INTEGER REFERENCES staff(id),
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE codes (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  code_hmac TEXT NOT NULL UNIQUE,
  hint TEXT NOT NULL,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  program_id TEXT NOT NULL,
  created_by_staff INTEGER REFERENCES staff(id),
  created_by_key INTEGER REFERENCES api_keys(id),
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  erased_at TEXT
);
CREATE INDEX codes_org ON codes(org_id);

CREATE TABLE person_sessions (
  token_hash TEXT PRIMARY KEY,
  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- Consent as a history: the current consent is the latest row.
CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  share INTEGER NOT NULL CHECK (share IN (0, 1)),
  at TEXT NOT NULL
);
CREATE INDEX consents_code ON consents(code_id, id);

-- Parts never lock again once open: opening and completion are stored by section id.
CREATE TABLE section_states (
  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  section_id TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL CHECK (opened_by IN ('progress', 'staff')),
  opened_by_staff INTEGER REFERENCES staff(id),
  opened_reason TEXT,
  completed_at TEXT,
  program_version TEXT NOT NULL,
  PRIMARY KEY (code_id, section_id)
);

CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  section_id TEXT NOT NULL,
  values_json TEXT NOT NULL,
  program_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX entries_code ON entries(code_id, exercise_id);

CREATE TABLE responses (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  instrument_id TEXT NOT NULL,
  answers_json TEXT NOT NULL,
  score_json TEXT NOT NULL,
  program_version TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX responses_code ON responses(code_id, instrument_id);

CREATE TABLE checkins (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  ratings_json TEXT NOT NULL,
  program_version TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX checkins_code ON checkins(code_id);

-- Date, time and kind only: no notes about the person.
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('phone', 'video', 'in_person')),
  created_by INTEGER REFERENCES staff(id),
  created_at TEXT NOT NULL
);

-- Who read or changed which code's data, and when. Keeps the ref, not the data.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  staff_id INTEGER REFERENCES staff(id),
  api_key_id INTEGER REFERENCES api_keys(id),
  code_ref TEXT,
  action TEXT NOT NULL,
  at TEXT NOT NULL
);
