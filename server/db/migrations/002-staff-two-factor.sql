-- Staff two-factor login (TOTP, RFC 6238). The shared secret is stored sealed under a key
-- derived from the secret key file, recovery codes as HMACs: the database alone can
-- neither produce a valid code nor reveal a recovery code.

ALTER TABLE staff ADD COLUMN totp_secret TEXT;
-- Set by enrolment, moved to totp_secret when the first code confirms it.
ALTER TABLE staff ADD COLUMN totp_pending TEXT;
ALTER TABLE staff ADD COLUMN totp_confirmed_at TEXT;
-- The last time step accepted: a code is never accepted twice.
ALTER TABLE staff ADD COLUMN totp_last_step INTEGER;

-- A session is limited until the second factor completes it.
ALTER TABLE staff_sessions ADD COLUMN second_factor_at TEXT;

CREATE TABLE staff_recovery_codes (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  code_hmac TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_at TEXT,
  UNIQUE (staff_id, code_hmac)
);
