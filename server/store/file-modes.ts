/**
 * The data folder and its files (the SQLite database, and the secret key on either backend) hold everything a person wrote and the key to every
 * code: they should be readable by the service user only (files 0600, folders 0700).
 * Start-up says so when they are not; it does not change them (an operator may have
 * reasons, such as a backup group).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * A warning for each data file or folder that others may read or write.
 *
 * @example
 *   for (const line of fileModeWarnings('./data/mestring.db', './data/secret.key')) say(line);
 */
export function fileModeWarnings(dbPath: string | undefined, secretFile: string): string[] {
  const folders = [...new Set([...(dbPath ? [dirname(resolve(dbPath))] : []), dirname(resolve(secretFile))])];
  const files = [...(dbPath ? [dbPath, `${dbPath}-wal`, `${dbPath}-shm`] : []), secretFile];
  const warnings: string[] = [];
  for (const path of [...folders, ...files]) {
    if (!existsSync(path)) continue;
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) {
      const wanted = folders.includes(path) ? '0700' : '0600';
      warnings.push(`warning: ${path} is mode ${mode.toString(8).padStart(4, '0')}: others can read it; make it ${wanted} (chmod ${wanted.slice(1)} ${path})`);
    }
  }
  return warnings;
}
