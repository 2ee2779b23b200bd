// The layer rules of .dependency-cruiser.cjs (dependencies point inward, no cycles with type-only imports counted,
// no dev dependency in Lambda code) hold for the tree, and they bite: probe files that break them are caught.
// Rules that are not about imports between netra's modules stay here as text checks: only lib/config.ts reads the
// environment, zod is imported as a namespace, and Lambda code imports zod/mini only.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

interface Cruise {
  summary: { violations: { from: string; to: string; rule: { name: string; severity: string } }[] };
}

/** Runs dependency-cruiser as `npm run layers` does, answering the violations it reports. */
async function cruise(paths: string[]): Promise<string[]> {
  const args = [...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'];
  const { stdout } = await run('node_modules/.bin/depcruise', args, { maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout: string }) => error);
  const result = JSON.parse(stdout) as Cruise;
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('layers (dependency-cruiser)', () => {
  it('the tree keeps every rule, with no known violations set aside', async () => {
    expect(await cruise(['functions', 'infra', 'clients'])).toEqual([]);
  });

  it('catches a use case importing a view, a domain module importing lib, a type-only cycle, a dev dependency, a local adapter in a step, an endpoint importing the route table, an adapter importing the composition root or lib, a utility importing lib, a handler choosing local mode itself, the composition root building the migrations', async () => {
    const probes = {
      'functions/use-cases/zz-probe-view.ts': "import { html } from '#views/html';\nexport const probe = html;\n",
      'functions/domain/zz-probe-lib.ts': "import type { Config } from '#lib/config';\nexport type Probe = Config;\n",
      'functions/lib/zz-probe-a.ts': "import type { B } from './zz-probe-b.ts';\nexport type A = { b?: B };\n",
      'functions/lib/zz-probe-b.ts': "import type { A } from './zz-probe-a.ts';\nexport type B = { a?: A };\n",
      'functions/http/zz-probe-dev.ts': "import fc from 'fast-check';\nexport const probe = fc;\n",
      'functions/steps/zz-probe-local.ts': "import { outboxMailer } from '#adapters/outbox/mailer';\nexport const probe = outboxMailer;\n",
      'functions/http/zz-probe-table.ts': "import { routes } from './routes.ts';\nexport const probe = routes;\n",
      'functions/adapters/zz-probe-root.ts': "import { dependencies } from '#composition/root';\nexport const probe = dependencies;\n",
      'functions/adapters/zz-probe-chain.ts': "import { logger } from '#lib/powertools';\nexport const probe = logger;\n",
      'functions/support/zz-probe-up.ts': "import type { Config } from '#lib/config';\nexport type Probe = Config;\n",
      'functions/http/zz-probe-local-mode.ts': "import { localAdapters } from '#composition/local';\nexport const probe = localAdapters;\n",
      'functions/composition/zz-probe-migrations.ts': "import { dynamoReportMigrations } from '#adapters/dynamodb/report-migrations';\nexport const probe = dynamoReportMigrations;\n",
    };
    try {
      for (const [path, source] of Object.entries(probes)) writeFileSync(path, source);
      const found = await cruise(Object.keys(probes));
      expect(found).toEqual(
        expect.arrayContaining([
          'use-cases-reach-ports-only: functions/use-cases/zz-probe-view.ts → functions/views/html.ts',
          'domain-is-pure: functions/domain/zz-probe-lib.ts → functions/lib/config.ts',
          'no-circular: functions/lib/zz-probe-a.ts → functions/lib/zz-probe-b.ts',
          expect.stringMatching(/^functions-no-dev-dependencies: functions\/http\/zz-probe-dev\.ts → node_modules\/fast-check\//),
          'local-adapters-stay-local: functions/steps/zz-probe-local.ts → functions/adapters/outbox/mailer.ts',
          'route-table-outside-functions: functions/http/zz-probe-table.ts → functions/http/routes.ts',
          'adapters-below-the-root: functions/adapters/zz-probe-root.ts → functions/composition/root.ts',
          'adapters-below-the-root: functions/adapters/zz-probe-chain.ts → functions/lib/powertools.ts',
          'support-is-the-floor: functions/support/zz-probe-up.ts → functions/lib/config.ts',
          'local-mode-through-the-root: functions/http/zz-probe-local-mode.ts → functions/composition/local.ts',
          'migrations-stay-in-the-admin-command: functions/composition/zz-probe-migrations.ts → functions/adapters/dynamodb/report-migrations.ts',
        ]),
      );
    } finally {
      for (const path of Object.keys(probes)) rmSync(path, { force: true });
    }
  });
});

describe('text rules', () => {
  it('only lib/config.ts reads process.env inside functions/', () => {
    const readers = files('functions').filter((file) => /process\.env/.test(readFileSync(file, 'utf8')));
    expect(readers.map((file) => relative('.', file))).toEqual(['functions/lib/config.ts']);
  });

  it('zod is imported as a namespace, so the bundler can leave its locales out (454 KB → 85 KB)', () => {
    expect(zodImports("import { z } from 'zod/mini';")).toEqual([{ specifier: 'zod/mini', namespace: false }]);
    for (const file of [...files('functions'), ...files('infra')]) {
      for (const found of zodImports(readFileSync(file, 'utf8'))) expect(found, relative('.', file)).toMatchObject({ namespace: true });
    }
  });

  it("functions/ imports zod/mini only, so no Lambda bundle carries zod's classic API (infra/config.ts runs at synth and keeps zod)", () => {
    expect(zodImports("import type * as z from 'zod';\nconst m = await import('zod/v4');").map((found) => found.specifier)).toEqual(['zod', 'zod/v4']);
    const byFile = files('functions').flatMap((file) => zodImports(readFileSync(file, 'utf8')).map(({ specifier }) => `${relative('.', file)}: ${specifier}`));
    expect(byFile.length).toBeGreaterThan(10);
    expect(byFile.filter((line) => !line.endsWith(': zod/mini'))).toEqual([]);
  });
});

/** Every zod module a source file imports (static, type-only or dynamic), and whether as `* as z`. */
function zodImports(source: string): { specifier: string; namespace: boolean }[] {
  const found = source.matchAll(/\bimport\s*(?:type\s+)?([^'";]*?)\s*from\s*['"](zod(?:\/[^'"]*)?)['"]|\bimport\(\s*['"](zod(?:\/[^'"]*)?)['"]/g);
  return [...found].map(([, clause, specifier, dynamic]) => ({ specifier: (specifier ?? dynamic)!, namespace: dynamic !== undefined || /^\*\s+as\s+\w+$/.test(clause ?? '') }));
}
