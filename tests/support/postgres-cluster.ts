/**
 * A throwaway PostgreSQL cluster for the tests: initdb into a temp folder, started with
 * pg_ctl on a free port, listening on 127.0.0.1 only, trust authentication (nothing but
 * this machine can reach it), stopped and deleted at the end. Debian puts the server
 * binaries under /usr/lib/postgresql/<version>/bin; initdb refuses to run as root, so as
 * root the cluster runs as the `postgres` system user the package creates.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The folder with initdb and pg_ctl of the newest installed PostgreSQL, if any. */
export function postgresBinaries(): string | undefined {
  if (process.env.MESTRING_PG_BIN) return process.env.MESTRING_PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : undefined;
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  /** `postgres://mestring@127.0.0.1:<port>/mestring` */
  url: string;
  stop(): void;
}

/**
 * Starts a cluster; throws when PostgreSQL is not installed.
 *
 * @example
 *   const cluster = await startCluster(); ...; cluster.stop();
 */
export async function startCluster(): Promise<Cluster> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb)');
  const dir = mkdtempSync(join(tmpdir(), 'mestring-pg-'));
  const data = join(dir, 'data');
  const asRoot = userInfo().uid === 0;
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : join(bin, cmd), asRoot ? ['-u', 'postgres', '--', join(bin, cmd), ...args] : args, { stdio: 'pipe', cwd: dir });
  if (asRoot) {
    chmodSync(dir, 0o700);
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  }
  run('initdb', ['-D', data, '-U', 'mestring', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=300 -c fsync=on -c shared_buffers=64MB`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'mestring', 'mestring']);
  let stopped = false;
  return {
    url: `postgres://mestring@127.0.0.1:${port}/mestring`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
