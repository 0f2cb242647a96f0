/**
 * The PostgreSQL run of `npm test`: the server and security suites again, on a throwaway
 * cluster that the tests start themselves (tests/support/postgres-setup.ts). When
 * PostgreSQL is not installed it says so plainly and passes, so a developer without it
 * still gets the SQLite run; CI sets MESTRING_REQUIRE_POSTGRES=1, and then a missing
 * PostgreSQL fails the run.
 */
import { spawnSync } from 'node:child_process';
import { postgresBinaries } from '../tests/support/postgres-cluster.ts';

const bin = postgresBinaries();
if (!bin) {
  const message = 'PostgreSQL is not installed, so the PostgreSQL run of the server and security tests was NOT done (install Debian\'s postgresql package; CI always runs it).';
  if (process.env.MESTRING_REQUIRE_POSTGRES === '1') {
    console.error(`${message}\nMESTRING_REQUIRE_POSTGRES=1: failing.`);
    process.exit(1);
  }
  console.warn(`\n*** ${message} ***\n`);
  process.exit(0);
}
console.log(`PostgreSQL run: server and security tests on a throwaway cluster (${bin})`);
const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'postgres', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
