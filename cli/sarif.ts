/**
 * Diagnostics as SARIF 2.1.0 (the Static Analysis Results Interchange Format), which
 * code-review tools turn into annotations on the changed lines. One run, the tool
 * `mestring` with every rule id of engine/rules.ts.
 */
import type { VFile } from 'vfile';
import { rules } from '../engine/index.ts';

const ruleIds = Object.keys(rules) as (keyof typeof rules)[];

/** The SARIF log of `files`' messages; paths are as in the messages (relative to where validate ran). */
export function diagnosticsSarif(files: readonly VFile[], version: string) {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mestring',
            version,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: rules[id] } })),
          },
        },
        results: files.flatMap((file) =>
          file.messages.map((m) => {
            const end = m.place && 'end' in m.place ? m.place.end : undefined;
            const region = m.line
              ? { startLine: m.line, ...(m.column ? { startColumn: m.column } : {}), ...(end?.line ? { endLine: end.line, ...(end.column ? { endColumn: end.column } : {}) } : {}) }
              : undefined;
            const index = m.ruleId ? ruleIds.indexOf(m.ruleId as keyof typeof rules) : -1;
            return {
              ruleId: m.ruleId ?? 'unknown',
              ...(index >= 0 ? { ruleIndex: index } : {}),
              level: m.fatal ? 'error' : m.fatal === false ? 'warning' : 'note',
              message: { text: m.reason },
              locations: [{ physicalLocation: { artifactLocation: { uri: String(file.path).split('\\').join('/') }, ...(region ? { region } : {}) } }],
            };
          }),
        ),
      },
    ],
  };
}
