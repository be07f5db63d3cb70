import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['backend/**/*.test.ts', 'test/**/*.test.ts', 'addin/**/*.test.{ts,tsx}', 'teams-app/**/*.test.{ts,tsx}', 'web-shared/**/*.test.{ts,tsx}', 'manifest/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/bench/**'],
    // Generous: the end-to-end suites drive Chromium against a real server on two shared cores.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Two cores: more workers only add contention for SQLite files and PostgreSQL.
    maxWorkers: 2,
  },
});
