-- A person's calendar feed: a secret link their own calendar app subscribes to, for
-- appointments and questionnaire reminders with no contact details. Stored hashed.
CREATE TABLE calendar_feeds (
  code_id INTEGER PRIMARY KEY REFERENCES codes(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
