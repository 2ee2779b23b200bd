import { defineConfig } from 'vitest/config';

// One project a layer. `unit` (domain, use cases over the fakes, pure lib) needs no Java and no DynamoDB Local:
// `npm run test:unit`. Every other project shares one DynamoDB Local, started for the run by the first project
// that needs it (test/support/global-setup.ts), and gives each test file its own table (test/support/env.ts).
// `slow` is the local stack as a child process and the faults that freeze or kill it: `npm run test:slow`.
const withDynamo = { globalSetup: ['test/support/global-setup.ts'], setupFiles: ['test/support/env.ts'] };
const layer = (name: string, include: string[]) => ({ extends: true, test: { name, include, ...withDynamo } });

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], setupFiles: ['test/support/unit-env.ts'] } },
      layer('integration', ['test/integration/**/*.test.ts']),
      layer('http', ['test/http/**/*.test.ts']),
      layer('workflow', ['test/workflow/**/*.test.ts']),
      layer('infra', ['test/infra/**/*.test.ts']),
      layer('slow', ['test/e2e/**/*.test.ts', 'test/faults/**/*.test.ts']),
    ],
  },
});
