// A lint the type checker cannot do: a record filled by key (`x[key] ??=`, or a `Record<string, …>` that starts as
// `{}`) is a null-prototype dictionary (functions/domain/own.ts) or a Map, unless its keys are the code's own. A
// caller's id as a key of a plain object reads Object.prototype's `toString` or sets `__proto__`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Records whose keys never come from a caller, each with where its keys come from. */
const CODE_KEYS: Record<string, string> = {
  'functions/use-cases/vulnerability-map.ts summed': 'cell names built from stage, category and level codes the schemas checked',
  'functions/scheduled/daily-digest.ts results': "region ids from the regions store, the job's own log",
  'functions/composition/root.ts made': 'adapter names in the code',
  'functions/lib/openapi.ts paths': 'route paths in the code',
  'functions/adapters/dynamodb/report-queries.ts counters': 'counter attribute names the code writes',
  'infra/local/seed.ts keys': 'the demo regions',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** `name[…] ??=` and `const name: Record<string, …> = {}`, by the record's name (its last property, for `a.b[k]`). */
function recordsFilledByKey(file: string, text: string): { record: string; line: number; dictionary: boolean }[] {
  const found: { record: string; line: number; dictionary: boolean }[] = [];
  const lines = text.split('\n');
  const isDictionary = (name: string) => new RegExp(`\\b${name}\\s*(?::[^=\\n]*)?[=:]\\s*(dictionary\\b|Object\\.create\\(null\\)|new Map\\b)`).test(text);
  lines.forEach((source, i) => {
    for (const match of source.matchAll(/([\w$.]+)\[[^\]]+\]\s*\?\?=/g)) {
      const record = match[1]!.split('.').at(-1)!;
      found.push({ record, line: i + 1, dictionary: isDictionary(record) });
    }
    const declared = /\b(?:const|let)\s+(\w+)\s*:\s*Record<string,[^=]*>\s*=\s*\{\s*\}/.exec(source);
    if (declared) found.push({ record: declared[1]!, line: i + 1, dictionary: false });
  });
  return found.map((f) => ({ ...f, record: `${file} ${f.record}` }));
}

describe('records keyed by a caller\'s value', () => {
  it('are dictionaries or Maps in functions/ and the local stack, but for those whose keys are the code\'s own', () => {
    const offenders: string[] = [];
    const allowed = new Set<string>();
    for (const file of [...sources('functions'), ...sources('infra/local')]) {
      for (const { record, line, dictionary } of recordsFilledByKey(file, readFileSync(file, 'utf8'))) {
        if (dictionary) continue;
        if (Object.hasOwn(CODE_KEYS, record)) allowed.add(record);
        else offenders.push(`${record} (line ${line})`);
      }
    }
    expect(offenders).toEqual([]);
    // Every exception still exists, so the list cannot outlive the code it excuses.
    expect([...allowed].sort()).toEqual(Object.keys(CODE_KEYS).sort());
  });

  it('the lint itself finds a plain record filled by a caller\'s key, and passes a dictionary', () => {
    const plain = recordsFilledByKey('x.ts', 'const byOpd: Record<string, number> = {};\n(byOpd[row.opdId] ??= 0);\nresult.opds[id] ??= {};');
    expect(plain.map((f) => [f.record, f.dictionary])).toEqual([['x.ts byOpd', false], ['x.ts byOpd', false], ['x.ts opds', false]]);
    const safe = recordsFilledByKey('y.ts', 'const result = { opds: dictionary() };\n(result.opds[id] ??= {});\nconst m = dictionary<number>();\nm[k] ??= 1;');
    expect(safe.every((f) => f.dictionary)).toBe(true);
  });
});
