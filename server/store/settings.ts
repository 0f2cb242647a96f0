/** Settings of this installation (instance_settings), by name. */
import type { Executor } from './executor.ts';

/**
 * Installation settings.
 *
 * @example
 *   await settingsStore(x).keyFingerprint()
 */
export function settingsStore(x: Executor) {
  return {
    /** The fingerprint of the secret key the database belongs to, once recorded. */
    async keyFingerprint(): Promise<string | undefined> {
      return (await x.db.selectFrom('instance_settings').select('value').where('name', '=', 'key_fingerprint').executeTakeFirst())?.value;
    },
    setKeyFingerprint: (fingerprint: string) =>
      x.write(async (db) => {
        await db.insertInto('instance_settings').values({ name: 'key_fingerprint', value: fingerprint })
          .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))).execute();
      }),
  };
}
export type SettingsStore = ReturnType<typeof settingsStore>;
