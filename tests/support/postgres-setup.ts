/**
 * vitest globalSetup of the PostgreSQL run: starts one throwaway cluster for the whole run
 * and hands its URL to the test workers in MESTRING_TEST_PG_URL.
 */
import { startCluster } from './postgres-cluster.ts';

export default async function setup(): Promise<() => void> {
  const cluster = await startCluster();
  process.env.MESTRING_TEST_PG_URL = cluster.url;
  return () => cluster.stop();
}
