// `npm run bench [-- section ...]`: runs the benchmark sections, prints one table, writes bench/results.json.
// A section is a module in bench/sections/ listed in sections/index.ts; it returns its figures as rows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { sections } from './sections/index.ts';
import type { BenchResult } from './support/section.ts';

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const chosen = wanted.length ? sections.filter((section) => wanted.includes(section.name)) : sections;
if (!chosen.length) {
  console.error(`No such section. Sections: ${sections.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const tmpDir = join(import.meta.dirname, 'tmp');
mkdirSync(tmpDir, { recursive: true });
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
};
console.log(`netra benchmarks on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGB} GB, Node ${machine.node}\n`);

const results: BenchResult[] = [];
let failed = false;
for (const section of chosen) {
  console.log(`== ${section.name}: ${section.description}`);
  const started = Date.now();
  try {
    const rows = await section.run({ tmpDir, log: (line) => console.log(`   ${line}`) });
    results.push(...rows.map((row) => ({ ...row, section: section.name })));
  } catch (error) {
    failed = true;
    console.error(`   section failed: ${(error as Error).stack ?? error}`);
  }
  console.log(`   (${Math.round((Date.now() - started) / 1000)} s)\n`);
}

const table = results.map((r) => ({
  section: r.section,
  figure: r.name,
  value: `${r.value.toLocaleString('en-US')} ${r.unit}`,
  target: r.target ?? '',
  met: r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
}));
const widths = Object.keys(table[0] ?? {}).map((key) => Math.max(key.length, ...table.map((row) => String(row[key as keyof typeof row]).length)));
const line = (cells: (string | undefined)[]) => cells.map((cell, i) => (cell ?? '').padEnd(widths[i]!)).join('  ');
if (table.length) {
  console.log(line(Object.keys(table[0]!)));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(Object.values(row)));
}
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify({ machine, results }, null, 2)}\n`);
console.log('\nwritten to bench/results.json');
if (failed || results.some((r) => r.pass === false)) process.exitCode = 1;
