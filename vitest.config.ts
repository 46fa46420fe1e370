import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The compiled bot (npm start builds it) is never a test.
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests spawn real processes and SQLite files; two cores on CI. Many of them wait on real
    // platform pacing (one message a second per chat), so three workers keep two cores busy.
    pool: 'forks',
    maxWorkers: 3,
  },
});
