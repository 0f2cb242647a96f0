/**
 * `mestring <command>`: dispatches to cli/commands/*. Exit codes: 0 ok, 1 the
 * command found problems (e.g. validation errors), 2 bad usage or bad input.
 * Only the command that runs is loaded, so `--help` and `--version` answer at once.
 */
import { readFileSync } from 'node:fs';
import { commands } from './commands/index.ts';
import { parseCommandArgs, UsageError } from './command.ts';
import { fromRoot } from '../engine/project-root.ts';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: mestring <command> [options]',
    '       mestring --version',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'mestring <command> --help' for a command's options.",
  ].join('\n');
}

/** The version in package.json. */
export function version(): string {
  return (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(version());
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    console.error(`mestring: unknown command '${name}'\n\n${overview()}`);
    return 2;
  }
  const command = await entry.load();
  try {
    const parsed = parseCommandArgs(command, rest);
    if (parsed.values.help) {
      console.log(command.help);
      return 0;
    }
    return await command.run(parsed as never);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`mestring ${command.name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    console.error(`mestring ${command.name}: ${(error as Error).message}`);
    return 1;
  }
}
