// The two rules that let esbuild leave out of a function's bundle the netra code it never runs (ADR 0119): only
// the modules package.json lists under "sideEffects" are kept for their side effects alone, and every schema a
// domain module builds at its top level is marked pure, so a bundle builds only the schemas its function uses.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { sideEffects: string[]; imports: Record<string, unknown> };

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Where a bare import points: `./zod-messages.ts` from its importer, `#domain/zod-messages` through package.json. */
function resolved(importer: string, specifier: string): string {
  if (specifier.startsWith('.')) return relative(ROOT, join(ROOT, importer, '..', specifier));
  const [prefix, rest] = [specifier.slice(0, specifier.indexOf('/') + 1), specifier.slice(specifier.indexOf('/') + 1)];
  const target = pkg.imports[`${prefix}*`];
  if (typeof target !== 'string') throw new Error(`${importer}: cannot resolve ${specifier}`);
  return target.replace('./', '').replace('*', rest);
}

/** Top-level `const Name = z...` lines of a module, with or without the pure mark. */
const schemaLines = (code: string) => code.split('\n').filter((line) => /^(export )?const [A-Za-z_$][\w$]* = (\/\* @__PURE__ \*\/ )?z\b/.test(line));

describe('what a bundle may leave out', () => {
  it('keeps every module imported for its side effects alone: each is listed under "sideEffects"', () => {
    const bare = sources('functions').flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^import ['"]([^'"]+)['"];/gm)].map((m) => resolved(file, m[1]!)),
    );
    // zod's error map (bilingual messages) is the one such module today; a new one must be listed to stay.
    expect(bare).toContain('functions/domain/zod-messages.ts');
    const listed = pkg.sideEffects.map((path) => path.replace(/^\.\//, ''));
    expect([...new Set(bare)].filter((file) => !listed.includes(file))).toEqual([]);
  });

  it('marks every schema a domain module builds at its top level as pure, so an unused one is not built', () => {
    const files = [...sources('functions/domain'), 'functions/lib/request-shapes.ts'];
    const unmarked = files.flatMap((file) =>
      schemaLines(readFileSync(join(ROOT, file), 'utf8')).filter((line) => !line.includes('/* @__PURE__ */')).map((line) => `${file}: ${line}`),
    );
    expect(unmarked).toEqual([]);
    // The rule has something to hold: the report's schemas are among those marked.
    expect(schemaLines(readFileSync(join(ROOT, 'functions/domain/report.schema.ts'), 'utf8')).length).toBeGreaterThan(5);
  });
});
