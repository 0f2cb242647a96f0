/** `mestring validate`: compile packs and report every diagnostic, compile nothing to disk. */
import { readFileSync } from 'node:fs';
import { reporter } from 'vfile-reporter';
import type { VFile } from 'vfile';
import { compileTree, readingWordsPerMinute, type PartStats } from '../../engine/index.ts';
import { hasErrors, hasWarnings } from '../../engine/diagnostics.ts';
import { UsageError, type Command } from '../command.ts';
import { diagnosticsSarif } from '../sarif.ts';
import { fromRoot } from '../../engine/project-root.ts';

const packageVersion = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;

/** The diagnostics of `files` as plain JSON objects (for editors and CI), with end positions where a message covers a range. */
export function diagnosticsJson(files: readonly VFile[]) {
  return files.flatMap((file) =>
    file.messages.map((m) => {
      const end = m.place && 'end' in m.place ? m.place.end : undefined;
      return {
        file: file.path,
        line: m.line ?? null,
        column: m.column ?? null,
        endLine: end?.line ?? null,
        endColumn: end?.column ?? null,
        severity: m.fatal ? 'error' : 'warning',
        ruleId: m.ruleId ?? null,
        message: m.reason,
      };
    }),
  );
}

/** The reading measures as a text table: one block per program and locale. */
export function statsTable(stats: readonly PartStats[]): string {
  const groups = new Map<string, PartStats[]>();
  for (const s of stats) {
    const key = `${s.program} (${s.locale})`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out: string[] = [];
  for (const [title, parts] of groups) {
    const english = parts.some((p) => p.fleschReadingEase !== null);
    const measure = english ? 'Flesch' : 'LIX';
    const rows = parts.map((p) => [p.file.split('/').pop() ?? p.file, String(p.words), String(p.minutes), String((english ? p.fleschReadingEase : p.lix) ?? '-'), String(p.longestSentence)]);
    const total = parts.reduce((sum, p) => sum + p.words, 0);
    rows.push(['total', String(total), String(parts.reduce((sum, p) => sum + p.minutes, 0)), '', '']);
    const header = ['part', 'words', 'minutes', measure, 'longest sentence'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (r: string[]) => `  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}`.trimEnd();
    out.push(title, line(header), ...rows.map(line), '');
  }
  return out.join('\n');
}

export const validate: Command = {
  name: 'validate',
  help: `Usage: mestring validate [paths...] [--strict] [--format text|json|sarif] [--stats]

Checks program packs, their translations (locales/<locale>/) and questionnaire
definitions and prints every diagnostic. A path is a programs folder (default:
programs), one program folder (programs/sovn) or an instruments folder
(programs/instruments).

Options:
  --strict          fail on warnings too
  --format <fmt>    text (default); json: an array of {file, line, column, endLine,
                    endColumn, severity, ruleId, message} (end null for a point);
                    sarif: SARIF 2.1.0 for code-review annotations
  --stats           also print per part and locale: words, estimated reading minutes
                    (${readingWordsPerMinute} words a minute), LIX (nb, nn and other non-English) or Flesch
                    reading ease (en), and the longest sentence in words; with
                    --format json the output is {"diagnostics": [...], "stats": [...]}
  -h, --help        show this help

Exit code: 0 no errors, 1 errors found (or warnings with --strict), 2 bad usage.`,
  options: { strict: { type: 'boolean' }, format: { type: 'string' }, stats: { type: 'boolean' } },
  run({ values, positionals }) {
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format '${format}', expected text, json or sarif`);
    const { files, programs, stats } = compileTree(positionals.length ? positionals : ['programs']);
    if (format === 'sarif') {
      console.log(JSON.stringify(diagnosticsSarif(files, packageVersion), null, 2));
    } else if (format === 'json') {
      const diagnostics = diagnosticsJson(files);
      console.log(JSON.stringify(values.stats ? { diagnostics, stats } : diagnostics, null, 2));
    } else {
      const report = reporter(files, { quiet: true });
      if (report) console.error(report);
      if (values.stats) console.log(statsTable(stats));
      const instruments = files.filter((f) => String(f.path).includes('instruments')).length;
      console.log(`${programs.length} program(s) and ${instruments} instrument file(s) checked`);
    }
    const failed = hasErrors(files) || (Boolean(values.strict) && hasWarnings(files));
    return failed ? 1 : 0;
  },
};
