/**
 * How long the outcome report takes for a service with many codes: a SQLite file in a
 * temp folder with `--codes` codes (each with consent, two PHQ-9 and two GAD-7 answers
 * and two completed parts), then the report over all of them, a few times. Prints the
 * median and the slowest time.
 *
 *   npx tsx bench/report-outcomes.ts [--codes 2000] [--runs 5]
 */
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { compileTree } from '../engine/index.ts';
import { openStore } from '../server/store/open-store.ts';
import { addLicences, createOrg, issueCodes } from '../server/admin.ts';
import { deriveSecrets } from '../server/config.ts';
import { outcomesOf } from '../server/reports/outcomes.ts';
import { scoreResponse } from '../engine/scoring/score-response.ts';

const { values } = parseArgs({ options: { codes: { type: 'string', default: '2000' }, runs: { type: 'string', default: '5' } } });
const n = Math.min(20_000, Number(values.codes));
const runs = Math.min(20, Number(values.runs));

const dir = mkdtempSync(join(tmpdir(), 'mestring-bench-report-'));
const stores = await openStore({ path: join(dir, 'bench.db') });
try {
  const { programs } = compileTree(['programs']);
  const program = programs.find((p) => p.id === 'depresjon')!;
  const byId = new Map(programs.map((p) => [p.id, p]));
  const org = await createOrg(stores, 'bench', 'Bench', new Date());
  await addLicences(stores, 'bench', program.id, n);
  const secrets = deriveSecrets(randomBytes(32));
  const answers = (v: number, items: number) => Object.fromEntries(Array.from({ length: items }, (_, i) => [`q${i + 1}`, v]));
  const at = '2025-03-03T10:00:00.000Z';
  for (let done = 0; done < n; done += 200) {
    const issued = await issueCodes(stores, secrets.codeKey, org.id, program.id, Math.min(200, n - done), {}, new Date(at));
    await stores.transaction(async (tx) => {
      for (const [i, c] of issued.entries()) {
        const code = (await tx.codes.byRef(org.id, c.ref))!;
        await tx.codes.addSession(`h${done + i}`, code.id, at, at);
        await tx.codes.setConsent(code.id, true, at);
        for (const [id, items, v] of [['phq9', 9, 2], ['gad7', 7, 2], ['phq9', 9, (done + i) % 3], ['gad7', 7, (done + i) % 3]] as const) {
          const score = scoreResponse(program.instruments[id]!, answers(v, items));
          await tx.progress.addResponse(code.id, { ref: `r${done + i}-${id}-${v}-${Math.random()}`, instrumentId: id, answers: answers(v, items), score, version: program.version, now: at });
        }
        for (const s of program.sections.slice(0, 2)) {
          await tx.progress.open(code.id, s.id, at, program.version, null);
          await tx.progress.complete(code.id, s.id, at);
        }
      }
    });
  }
  const times: number[] = [];
  let report;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    report = await outcomesOf(stores, byId, org.id, { from: '2025-01-01', to: '2025-12-31', program, k: 5, timeZone: 'Europe/Oslo' });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`codes ${n}, runs ${runs}: median ${times[Math.floor(runs / 2)]!.toFixed(0)} ms, slowest ${times.at(-1)!.toFixed(0)} ms`);
  console.log(`finished ${report!.finished}, reliable recovery ${report!.reliableRecovery.count} (${report!.reliableRecovery.rate})`);
} finally {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
}
