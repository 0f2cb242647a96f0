/** What every route module receives from createApp: stores, programs, clock, secrets. */
import type { CompiledProgram } from '../schemas/types.ts';
import type { Stores } from './store/index.ts';
import type { Clock } from './clock.ts';
import type { Secrets } from './config.ts';
import type { Context } from 'hono';
import type { GuessGate } from './throttle/guess-gate.ts';
import type { ScoreFn } from './scoring.ts';
import { apiError } from './errors.ts';

export interface RouteDeps {
  stores: Stores;
  programs: ReadonlyMap<string, CompiledProgram>;
  clock: Clock;
  secrets: Secrets;
  /** The gates in front of code logins and staff password logins (proof-of-work under pressure). */
  gates: { person: GuessGate; staff: GuessGate };
  /** The client address, for throttling only: never stored or logged. */
  addressOf: AddressOf;
  score: ScoreFn;
  /** Folder of the program packs, for assets. */
  programsDir: string;
  /** The person's calendar for "once a day" (Europe/Oslo). */
  timeZone: string;
  secureCookies: boolean;
  /** MESTRING_PUBLIC_URL: where people and partners reach this server (code cards, the OpenAPI document). */
  publicUrl?: string | undefined;
}

/**
 * The program's questionnaire or form `id`, or undefined. Looked up as an own property:
 * `__proto__`, `constructor` and other prototype names are not questionnaires.
 */
export function instrumentOf(program: CompiledProgram, id: string): CompiledProgram['instruments'][string] | undefined {
  return Object.hasOwn(program.instruments, id) ? program.instruments[id] : undefined;
}

/** Reads the client address of a request (injectable for tests). */
export type AddressOf = (c: Context) => string | undefined;

/** The loaded program `id`, or 404. */
export function programOr404(deps: RouteDeps, id: string): CompiledProgram {
  const program = deps.programs.get(id);
  if (!program) throw apiError('not_found', 'No such program.', { programId: id });
  return program;
}
