// `npm run bench [-- section ...]`: runs the benchmark sections, prints one table, writes bench/results.json and
// docs/performance.md from it.
// A section is a module in bench/sections/ listed in sections/index.ts; it returns its figures as rows.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { writePerformancePage } from './report.ts';
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
const runs: Record<string, { date: string; seconds: number }> = {};
let failed = false;
for (const section of chosen) {
  console.log(`== ${section.name}: ${section.description}`);
  const started = Date.now();
  try {
    const rows = await section.run({ tmpDir, log: (line) => console.log(`   ${line}`) });
    results.push(...rows.map((row) => ({ ...row, section: section.name })));
    runs[section.name] = { date: new Date(started).toISOString(), seconds: Math.round((Date.now() - started) / 1000) };
  } catch (error) {
    failed = true;
    console.error(`   section failed: ${(error as Error).stack ?? error}`);
  }
  console.log(`   (${Math.round((Date.now() - started) / 1000)} s)\n`);
}

const number = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 6 });
const table = results.map((r) => ({
  section: r.section,
  figure: r.name,
  value: `${number(r.value)} ${r.unit}`,
  floor: r.floor === undefined ? '' : `${number(r.floor)} ${r.unit}`,
  '×floor': r.floor ? (r.value / r.floor).toFixed(2) : '',
  target: r.target ?? '',
  met: r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
  note: r.note ?? '',
}));
const widths = Object.keys(table[0] ?? {}).map((key) => Math.max(key.length, ...table.map((row) => String(row[key as keyof typeof row]).length)));
const line = (cells: (string | undefined)[]) => cells.map((cell, i) => (cell ?? '').padEnd(widths[i]!)).join('  ');
if (table.length) {
  console.log(line(Object.keys(table[0]!)));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(Object.values(row)));
}
// Sections not run this time keep their last figures, so `npm run bench -- <section>` updates only its own.
const file = join(import.meta.dirname, 'results.json');
const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
const ran = new Set(chosen.map((section) => section.name));
const kept = ((previous.results ?? []) as BenchResult[]).filter((r) => r.section && !ran.has(r.section) && sections.some((s) => s.name === r.section));
const order = (r: BenchResult) => sections.findIndex((s) => s.name === r.section);
const merged = [...kept, ...results].sort((a, b) => order(a) - order(b));
writeFileSync(file, `${JSON.stringify({ machine, runs: { ...previous.runs, ...runs }, results: merged }, null, 2)}\n`);
writePerformancePage();
console.log('\nwritten to bench/results.json and docs/performance.md');
if (failed || results.some((r) => r.pass === false)) process.exitCode = 1;
