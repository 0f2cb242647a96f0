/**
 * `mestring <command>`: dispatches to cli/commands/*. Exit codes: 0 ok, 1 the
 * command found problems (e.g. validation errors), 2 bad usage or bad input.
 */
import { commands } from './commands/index.ts';
import { parseCommandArgs, UsageError } from './command.ts';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: mestring <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'mestring <command> --help' for a command's options.",
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`mestring: unknown command '${name}'\n\n${overview()}`);
    return 2;
  }
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
