/** Settings of this installation (instance_settings). SQL lives only here. */
import type { Db } from '../db/open-database.ts';

/**
 * Prepared statements for installation settings.
 *
 * @example
 *   settingsStore(db).keyFingerprint()
 */
export function settingsStore(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM instance_settings WHERE name = ?');
  const set = db.prepare('INSERT INTO instance_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
  return {
    /** The fingerprint of the secret key the database belongs to, once recorded. */
    keyFingerprint: () => get.get('key_fingerprint')?.value,
    setKeyFingerprint: (fingerprint: string) => void set.run('key_fingerprint', fingerprint),
  };
}
export type SettingsStore = ReturnType<typeof settingsStore>;
