// A bundle's source map trimmed to netra's own code: own frames still map to their source lines, library code
// maps to nothing (rather than to the own code before it), and the map keeps only what it needs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { ownSourceMap, type SourceMapV3 } from '../../infra/constructs/own-source-map.ts';

it('keeps the mappings into own code, and only those', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netra-map-'));
  mkdirSync(join(dir, 'node_modules', 'lib'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'lib', 'index.js'), 'export function library(x) {\n  return "in-the-library:" + x.length;\n}\n');
  writeFileSync(join(dir, 'own.js'), 'import { library } from "lib";\n\nexport function handler(event) {\n  return "in-own-code:" + library(event);\n}\n');
  const result = await build({
    entryPoints: [join(dir, 'own.js')], bundle: true, format: 'esm', platform: 'node', minify: true, sourcemap: 'external',
    sourcesContent: false, write: false, outdir: join(dir, 'out'),
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const full = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map'))!.text) as SourceMapV3;
  const trimmed = ownSourceMap(full);

  const at = (marker: string) => {
    const offset = code.indexOf(marker);
    const line = code.slice(0, offset).split('\n').length - 1;
    return { line, column: offset - (code.lastIndexOf('\n', offset - 1) + 1) };
  };
  const entry = (map: SourceMapV3, marker: string) => {
    const { line, column } = at(marker);
    return new SourceMap(map as never).findEntry(line, column) as { originalSource?: string; originalLine?: number };
  };
  expect(entry(full, 'in-the-library')).toMatchObject({ originalSource: expect.stringContaining('node_modules/lib/index.js'), originalLine: 1 });
  expect(entry(full, 'in-own-code')).toMatchObject({ originalSource: expect.stringContaining('own.js'), originalLine: 3 });

  expect(entry(trimmed, 'in-own-code')).toMatchObject({ originalSource: expect.stringContaining('own.js'), originalLine: 3 });
  expect(entry(trimmed, 'in-the-library').originalSource).toBeUndefined();
  expect(trimmed.sources).toEqual([expect.stringContaining('own.js')]);
  expect(trimmed.mappings.length).toBeLessThan(full.mappings.length);
});

it('rewrites a map file in place when run as a command (as NetraFunction runs it after bundling)', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'netra-map-')), 'index.mjs.map');
  writeFileSync(file, JSON.stringify({ version: 3, sources: ['../node_modules/x/a.js', '../functions/own.ts'], names: [], mappings: 'AAAA,CCAA' }));
  const script = join(import.meta.dirname, '..', '..', 'infra', 'constructs', 'own-source-map.ts');
  const run = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 3, sources: ['../functions/own.ts'], names: [], mappings: 'A,CAAA' });
});
