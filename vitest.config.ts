import { defineConfig } from 'vitest/config';

// Two projects: the use cases over in-memory fakes need no DynamoDB Local (seconds); every other test file gets
// its own table in one DynamoDB Local started for the run.
const FAKES = 'test/unit/use-cases/**/*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'fakes', include: [FAKES] } },
      {
        extends: true,
        test: {
          name: 'stack',
          include: ['test/**/*.test.ts'],
          exclude: [FAKES],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/env.ts'],
        },
      },
    ],
  },
});
