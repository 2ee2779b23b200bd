// The sanction module's index (functions/use-cases/sanction/index.ts) is its table of contents: it lists exactly the
// use cases the handlers, steps and scheduled jobs import from the module, each from the file they import it from.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** `name → file` for every `import { … } from '#use-cases/sanction/<file>'` of a source (type-only imports left out). */
function importsFromSanction(source: string): string[] {
  const found = source.matchAll(/\bimport\s*(type\s+)?\{([^}]*)\}\s*from\s*'#use-cases\/sanction\/([^']+)'/g);
  return [...found].filter(([, type]) => !type).flatMap(([, , names, file]) => namesOf(names!).map((name) => `${name} ← ${file}.ts`));
}

/** `name → file` for every `export { … } from './<file>'` of the index. */
function exportsOfIndex(source: string): string[] {
  const found = source.matchAll(/\bexport\s*\{([^}]*)\}\s*from\s*'\.\/([^']+)'/g);
  return [...found].flatMap(([, names, file]) => namesOf(names!).map((name) => `${name} ← ${file}`));
}

const namesOf = (list: string) => list.split(',').map((name) => name.trim()).filter((name) => name && !name.startsWith('type '));

describe('the sanction module\'s index', () => {
  it('reads imports and exports, one line or several', () => {
    expect(importsFromSanction("import { a,\n  b } from '#use-cases/sanction/x';\nimport type { T } from '#use-cases/sanction/y';")).toEqual(['a ← x.ts', 'b ← x.ts']);
    expect(exportsOfIndex("export { a, b } from './x.ts';\nexport { c } from './shared/y.ts';")).toEqual(['a ← x.ts', 'b ← x.ts', 'c ← shared/y.ts']);
  });

  it('lists exactly what the handlers, steps and jobs import from the module', () => {
    const handlers = ['functions/http', 'functions/steps', 'functions/scheduled']
      .flatMap((dir) => readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.startsWith('zz-probe-')).map((file) => join(dir, file)));
    const imported = new Set(handlers.flatMap((file) => importsFromSanction(readFileSync(file, 'utf8'))));
    const listed = exportsOfIndex(readFileSync('functions/use-cases/sanction/index.ts', 'utf8'));
    expect(imported.size).toBeGreaterThan(15);
    expect(listed.toSorted()).toEqual([...imported].toSorted());
  });
});
