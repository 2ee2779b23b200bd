// Writes docs/performance.md from bench/results.json and the page's hand-written text (bench/performance.template.md).
// `npm run bench` calls it after measuring; `npm run bench:report` runs it alone. test/unit/performance-page.test.ts
// holds the committed page to this function's output for the committed results, so the two cannot drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './support/section.ts';

export interface BenchResults {
  machine: { cpus: number; cpuModel: string; memoryGB: number; node: string; date: string };
  runs: Partial<Record<string, { date: string; seconds: number }>>;
  results: BenchResult[];
}

const root = join(import.meta.dirname, '..');
export const paths = {
  results: join(root, 'bench', 'results.json'),
  template: join(root, 'bench', 'performance.template.md'),
  page: join(root, 'docs', 'performance.md'),
};

const number = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 3 });
const ratio = (r: BenchResult) => (r.floor ? (r.value / r.floor).toFixed(2) : '');
const met = (r: BenchResult) => (r.pass === undefined ? '' : r.pass ? 'met' : '**missed**');
// A cell must not end the table row early.
const cell = (text: string) => text.replaceAll('|', '\\|');
const withUnit = (value: number, unit: string) => (unit ? `${number(value)} ${unit}` : number(value));

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Every figure of a section: value, floor, ratio, budget and whether it is met. */
function figures(results: BenchResult[]): string {
  return table(
    ['figure', 'measured', 'floor', '× floor', 'budget', 'met', 'note'],
    results.map((r) => [
      r.name,
      withUnit(r.value, r.unit),
      r.floor === undefined ? '' : withUnit(r.floor, r.unit),
      ratio(r),
      r.target ?? '',
      met(r),
      r.note ?? '',
    ]),
  );
}

const BUNDLE = / bundle \(floor: (.+)\)$/;
const INIT = / module init, (median of \d+)$/;

/** The cold-start rows paired by function: its bundle and its init, each against its floor. */
function coldStart(results: BenchResult[]): string {
  const byFunction = new Map<string, { bundle?: BenchResult; floor?: string; init?: BenchResult }>();
  const rest: BenchResult[] = [];
  for (const r of results) {
    const bundle = BUNDLE.exec(r.name);
    const init = INIT.exec(r.name);
    const name = bundle ? r.name.slice(0, bundle.index) : init ? r.name.slice(0, init.index) : undefined;
    if (name === undefined) {
      rest.push(r);
      continue;
    }
    const entry = byFunction.get(name) ?? {};
    if (bundle) Object.assign(entry, { bundle: r, floor: bundle[1] });
    else entry.init = r;
    byFunction.set(name, entry);
  }
  const rows = [...byFunction].map(([name, { bundle, floor, init }]) => [
    `\`${name}\``,
    bundle ? number(bundle.value) : '',
    bundle?.floor === undefined ? '' : number(bundle.floor),
    bundle ? ratio(bundle) : '',
    init ? number(init.value) : '',
    init?.floor === undefined ? '' : number(init.floor),
    init ? ratio(init) : '',
    floor ?? '',
    bundle?.note?.replace(/^above the floor \(KiB\): /, '') ?? '',
  ]);
  const paired = table(
    ['function', 'bundle KiB', 'floor', '×', 'init ms', 'floor', '×', "floor's clients", 'above the floor, KiB by package (metafile)'],
    rows,
  );
  return rest.length ? `${paired}\n\n${figures(rest)}` : paired;
}

/** The figures that have a budget, across every section: the page's summary. Functions' bundles and inits are
 *  one row each, their ratios as a range. */
function summary(results: BenchResult[]): string {
  const groups = new Map<string, BenchResult[]>();
  for (const r of results.filter((r) => r.pass !== undefined)) {
    const kind = BUNDLE.test(r.name) ? 'bundle size, each function' : INIT.test(r.name) ? 'module init, each function' : r.name;
    const key = `${r.section ?? ''}\u0000${kind}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows = [...groups].map(([key, group]) => {
    const [section = '', name = ''] = key.split('\u0000');
    const first = group[0]!;
    if (group.length === 1) {
      return [section, name, withUnit(first.value, first.unit) + (first.floor ? ` (${ratio(first)}× floor)` : ''), first.target ?? '', met(first)];
    }
    const ratios = group.map((r) => (r.floor ? r.value / r.floor : Number.NaN)).sort((a, b) => a - b);
    const passed = group.filter((r) => r.pass).length;
    const range = `${ratios[0]!.toFixed(2)}–${ratios.at(-1)!.toFixed(2)}× floor over ${group.length}`;
    return [section, name, range, first.target ?? '', passed === group.length ? 'met' : `**missed** (${passed} of ${group.length} met)`];
  });
  return table(['section', 'figure', 'measured', 'budget', 'met'], rows);
}

function when(bench: BenchResults, section: string): string {
  const run = bench.runs[section];
  return run ? `Measured ${run.date.slice(0, 16).replace('T', ' ')} UTC (${run.seconds} s).` : 'Not measured yet.';
}

/** The page: the template with each `{{...}}` replaced by what it names. */
export function renderPerformancePage(bench: BenchResults, template: string): string {
  const { machine } = bench;
  const of = (section: string) => bench.results.filter((r) => r.section === section);
  // A section the template does not place yet still shows, at the end, so no measured figure is left off the page.
  const placed = new Set([...template.matchAll(/\{\{figures:([\w-]+)\}\}/g)].map((m) => m[1]));
  const unplaced = [...new Set(bench.results.map((r) => r.section ?? ''))].filter((s) => s && !placed.has(s));
  const rest = unplaced.map((s) => `\n## ${s}\n\n{{when:${s}}}\n\n{{figures:${s}}}\n`).join('');
  return (template + rest).replace(/\{\{(\w+)(?::([\w-]+))?\}\}/g, (whole, kind: string, section?: string) => {
    if (kind === 'machine') return `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGB} GB, Node ${machine.node.replace(/^v/, '')}`;
    if (kind === 'summary') return summary(bench.results);
    if (kind === 'when' && section) return when(bench, section);
    if (kind === 'figures' && section) return section === 'cold-start' ? coldStart(of(section)) : figures(of(section));
    throw new Error(`bench/performance.template.md: unknown placeholder ${whole}`);
  });
}

export function writePerformancePage(): void {
  const bench = JSON.parse(readFileSync(paths.results, 'utf8')) as BenchResults;
  writeFileSync(paths.page, renderPerformancePage(bench, readFileSync(paths.template, 'utf8')));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writePerformancePage();
  console.log('written to docs/performance.md');
}
