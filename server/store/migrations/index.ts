/**
 * Every migration, numbered, in order. Each is written once with Kysely's schema builder
 * and runs on both dialects; the number is the name's prefix and the history is one table
 * (`schema_history`). Add a migration by adding a file `NNN-what.ts` and a line here.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../executor.ts';
import * as m001 from './001-initial.ts';
import * as m002 from './002-staff-two-factor.ts';
import * as m003 from './003-calendar-feeds.ts';
import * as m004 from './004-instance-settings.ts';
import * as m005 from './005-throttle-state.ts';
import * as m010 from './010-code-first-login.ts';
import * as m011 from './011-flag-acknowledgements.ts';
import * as m012 from './012-groups.ts';
import * as m013 from './013-end-evaluation.ts';
import * as m020 from './020-api-key-issuance.ts';
import * as m030 from './030-locales.ts';
import * as m040 from './040-code-indexes.ts';
import * as m050 from './050-webhooks.ts';
import * as m051 from './051-one-first-login.ts';
import * as m052 from './052-no-rows-for-erased-codes.ts';
import * as m053 from './053-session-expiry-indexes.ts';

type Up = (db: Kysely<any>, dialect: Dialect) => Promise<void>;
const all: [string, Up][] = [
  ['001-initial', m001.up],
  ['002-staff-two-factor', m002.up],
  ['003-calendar-feeds', m003.up],
  ['004-instance-settings', m004.up],
  ['005-throttle-state', m005.up],
  ['010-code-first-login', m010.up],
  ['011-flag-acknowledgements', m011.up],
  ['012-groups', m012.up],
  ['013-end-evaluation', m013.up],
  ['020-api-key-issuance', m020.up],
  ['030-locales', m030.up],
  ['040-code-indexes', m040.up],
  ['050-webhooks', m050.up],
  ['051-one-first-login', m051.up],
  ['052-no-rows-for-erased-codes', m052.up],
  ['053-session-expiry-indexes', m053.up],
];

/** The migrations for `dialect`, by name. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return Object.fromEntries(all.map(([name, up]) => [name, { up: (db: Kysely<any>) => up(db, dialect) }]));
}
