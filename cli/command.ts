/**
 * The shape of a CLI command. Each command lives in cli/commands/<name>.ts and is
 * listed in cli/commands/index.ts (with its one-line summary); main.ts handles --help for all of them.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  name: string;
  /** The full help text, shown by `mestring <name> --help`. */
  help: string;
  options?: ParseArgsConfig['options'];
  /** Runs the command; returns the process exit code. */
  run(args: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] }): Promise<number> | number;
}

/** A usage error: main prints the message and the command's help, and exits 2. */
export class UsageError extends Error {}

/** Parses `argv` for `command`, turning parse errors into UsageError. */
export function parseCommandArgs(command: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
