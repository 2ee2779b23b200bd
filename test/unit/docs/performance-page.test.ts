// docs/performance.md is what `npm run bench` writes from the committed bench/results.json: the two cannot drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BenchResults, paths, renderPerformancePage } from '../../../bench/report.ts';

const results = JSON.parse(readFileSync(paths.results, 'utf8')) as BenchResults;
const template = readFileSync(paths.template, 'utf8');

describe('docs/performance.md', () => {
  it('is the page bench/report.ts writes from the committed results (run `npm run bench:report`)', () => {
    expect(readFileSync(paths.page, 'utf8')).toBe(renderPerformancePage(results, template));
  });

  it('shows each figure of the results, and a changed figure changes the page', () => {
    const page = renderPerformancePage(results, template);
    const cost = results.results.find((r) => r.section === 'report-cost' && r.pass !== undefined && r.unit === 'USD')!;
    expect(page).toContain(`${cost.value} USD`);
    const changed = { ...results, results: results.results.map((r) => (r === cost ? { ...r, value: 1.234, pass: false } : r)) };
    expect(renderPerformancePage(changed, template)).toContain('1.234 USD');
    expect(renderPerformancePage(changed, template)).not.toBe(page);
  });

  it('refuses a placeholder it does not know', () => {
    expect(() => renderPerformancePage(results, '{{nonsense}}')).toThrow(/unknown placeholder/);
  });
});
