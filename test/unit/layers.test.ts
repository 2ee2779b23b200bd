// The layer rule: dependencies point inward. Rules and use cases import no AWS SDK and no adapters;
// only lib/config.ts reads the environment; production code never imports tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}
function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*import[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"`]([^'"`]+)['"`]/g)].map((m) => (m[1] ?? m[2])!);
}

describe('layers', () => {
  it.each([
    ['functions/domain', [/^@aws-sdk\//, /^#adapters\//, /^#lib\//, /^#use-cases\//, /^@aws-lambda-powertools\//, /^@middy\//]],
    ['functions/use-cases', [/^@aws-sdk\//, /^#adapters\//, /^#lib\//, /^@middy\//, /adapters\//]],
  ] as const)('%s imports nothing from outer layers', (dir, forbidden) => {
    for (const file of files(dir)) {
      for (const spec of imports(file)) {
        expect(forbidden.some((pattern) => pattern.test(spec)), `${relative('.', file)} imports ${spec}`).toBe(false);
      }
    }
  });

  it('only lib/config.ts reads process.env inside functions/', () => {
    const readers = files('functions').filter((file) => /process\.env/.test(readFileSync(file, 'utf8')));
    expect(readers.map((file) => relative('.', file))).toEqual(['functions/lib/config.ts']);
  });

  it('zod is imported as a namespace, so the bundler can leave its locales out (454 KB → 85 KB)', () => {
    for (const file of [...files('functions'), ...files('infra')]) {
      expect(readFileSync(file, 'utf8'), relative('.', file)).not.toMatch(/import\s*\{\s*z\s*\}\s*from\s*['"]zod['"]/);
    }
  });

  it('production code never imports test code', () => {
    for (const file of [...files('functions'), ...files('infra')]) {
      for (const spec of imports(file)) expect(spec, relative('.', file)).not.toMatch(/(^|\/)test\//);
    }
  });
});
