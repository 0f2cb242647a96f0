/** `mestring validate`: compile packs and report every diagnostic, compile nothing to disk. */
import { reporter } from 'vfile-reporter';
import type { VFile } from 'vfile';
import { compileTree } from '../../engine/index.ts';
import { hasErrors, hasWarnings } from '../../engine/diagnostics.ts';
import { UsageError, type Command } from '../command.ts';

/** The diagnostics of `files` as plain JSON objects (for editors and CI). */
export function diagnosticsJson(files: readonly VFile[]) {
  return files.flatMap((file) =>
    file.messages.map((m) => ({
      file: file.path,
      line: m.line ?? null,
      column: m.column ?? null,
      severity: m.fatal ? 'error' : 'warning',
      ruleId: m.ruleId ?? null,
      message: m.reason,
    })),
  );
}

export const validate: Command = {
  name: 'validate',
  summary: 'Check program packs and instruments; print every problem with file:line:column',
  help: `Usage: mestring validate [paths...] [--strict] [--format text|json]

Checks program packs and questionnaire definitions and prints every diagnostic.
A path is a programs folder (default: programs), one program folder
(programs/sovn) or an instruments folder (programs/instruments).

Options:
  --strict          fail on warnings too
  --format <fmt>    text (default) or json (an array of diagnostics)
  -h, --help        show this help

Exit code: 0 no errors, 1 errors found (or warnings with --strict), 2 bad usage.`,
  options: { strict: { type: 'boolean' }, format: { type: 'string' } },
  run({ values, positionals }) {
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}', expected text or json`);
    const { files, programs } = compileTree(positionals.length ? positionals : ['programs']);
    if (format === 'json') {
      console.log(JSON.stringify(diagnosticsJson(files), null, 2));
    } else {
      const report = reporter(files, { quiet: true });
      if (report) console.error(report);
      const instruments = files.filter((f) => String(f.path).includes('instruments')).length;
      console.log(`${programs.length} program(s) and ${instruments} instrument file(s) checked`);
    }
    const failed = hasErrors(files) || (Boolean(values.strict) && hasWarnings(files));
    return failed ? 1 : 0;
  },
};
