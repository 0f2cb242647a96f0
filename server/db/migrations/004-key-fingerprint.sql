-- Settings of this installation, by name. `key_fingerprint` names the secret key the
-- database was created with (an HMAC of a fixed label under it, never the key): starting
-- with another key file is refused, because no code would work under it.
CREATE TABLE instance_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
