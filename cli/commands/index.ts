/**
 * Every CLI command, in the order `mestring --help` lists them. Each command's module
 * is imported only when that command runs: `mestring --help` and `--version` load none
 * of them (the server, the engine and their dependencies stay unloaded).
 */
import type { Command } from '../command.ts';

/** A command as the overview lists it, with the import of its implementation. */
export interface CommandEntry {
  name: string;
  /** One line for `mestring --help`. */
  summary: string;
  load(): Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'validate', summary: 'Check program packs and instruments; print every problem with file:line:column', load: async () => (await import('./validate.ts')).validate },
  { name: 'build', summary: 'Compile program packs into JSON for the server and record their published ids', load: async () => (await import('./build.ts')).build },
  { name: 'preview', summary: 'Preview one program in the browser as a person sees it, with its diagnostics', load: async () => (await import('./preview.ts')).preview },
  { name: 'translation', summary: 'Stamp a translation with the hash of its source after checking it', load: async () => (await import('./translation.ts')).translation },
  { name: 'score', summary: 'Score answers to a questionnaire (total, band, subscales, risk flags)', load: async () => (await import('./score.ts')).score },
  { name: 'outcome', summary: 'Classify change from PHQ-9 + GAD-7 at start and end (recovery, reliable change)', load: async () => (await import('./outcome.ts')).outcome },
  { name: 'overlay', summary: 'Check an official wording overlay folder against the instruments', load: async () => (await import('./overlay.ts')).overlay },
  { name: 'serve', summary: 'Start the HTTP API', load: async () => (await import('./serve.ts')).serveCommand },
  { name: 'org', summary: 'Create organisations, add program licences, set help contacts and language', load: async () => (await import('./org.ts')).orgCommand },
  { name: 'key', summary: 'API keys: licence allowances per program and the codes each key issued', load: async () => (await import('./key.ts')).keyCommand },
  { name: 'staff', summary: 'Create staff accounts', load: async () => (await import('./staff.ts')).staffCommand },
  { name: 'backup', summary: 'Back up the database while it serves', load: async () => (await import('./backup.ts')).backupCommand },
  { name: 'db', summary: 'Move the data from SQLite to PostgreSQL', load: async () => (await import('./db.ts')).dbCommand },
];
