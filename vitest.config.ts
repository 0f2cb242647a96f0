import { defineConfig } from 'vitest/config';

/**
 * Two runs of the suite. `sqlite`: everything, on SQLite files in temp folders. `postgres`:
 * the server and security suites again on a throwaway PostgreSQL cluster that
 * tests/support/postgres-setup.ts starts (scripts/test-postgres.ts runs it when PostgreSQL
 * is installed). Files named *.sqlite.test.ts test what only SQLite has; *.postgres.test.ts
 * what only PostgreSQL has.
 */
const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'sqlite', include: ['tests/**/*.test.ts'], exclude: ['tests/**/*.postgres.test.ts'] } },
      {
        test: {
          ...shared,
          name: 'postgres',
          include: ['tests/server/**/*.test.ts', 'tests/security/**/*.test.ts'],
          exclude: ['tests/**/*.sqlite.test.ts'],
          env: { MESTRING_TEST_BACKEND: 'postgres' },
          globalSetup: ['tests/support/postgres-setup.ts'],
        },
      },
    ],
  },
});
