// The retention purge over the fakes: a closed report past its period loses its personal data (names, NIP kept as
// a keyed hash, description, location, evidence, reporter, notes), its chain still verifies and says how many
// entries were erased, counters stay; an open one, a recent one, one with an open appeal and a dry run erase nothing.
import { describe, expect, it } from 'vitest';
import { dueForErasure, runRetention } from '../../../functions/use-cases/retention.ts';
import { verificationText, verifyReport } from '../../../functions/use-cases/timeline.ts';
import { submitDecision } from '../../../functions/use-cases/decisions.ts';
import { personRecord } from '../../../functions/use-cases/people.ts';
import { ERASED } from '../../../functions/domain/personal-data.ts';
import { NotFoundError } from '../../../functions/domain/errors.ts';
import type { Fakes } from '../../support/fakes.ts';
import { bantul, REGION, waitingAt } from '../../support/scenarios.ts';

const NAME = 'Siti Rahma';
const NOTES = 'Tidak terbukti; keterangan saksi Ahmad Fauzi.';
const rowOf = (fakes: Fakes, id: string) => fakes.reports.rows.get(`${REGION}/${id}`)!;
const FIVE_YEARS_ON = new Date('2030-01-01T00:00:00.000Z');

async function dismissed(fakes: Fakes) {
  const { link, report } = await waitingAt(fakes, 'BKPP_ASSESSMENT', { reporter: { kind: 'PUBLIC', name: NAME, contact: '0812' } });
  await submitDecision(fakes, link, { outcome: 'DISMISS', notes: NOTES });
  return report;
}

describe('runRetention', () => {
  it('erases a closed report past its period; the chain verifies, counting the erased entries; counters stay', async () => {
    const fakes = await bantul({ now: '2024-10-05T03:00:00.000Z' });
    const report = await dismissed(fakes);
    const open = await waitingAt(fakes, 'OPD_REVIEW');
    const before = await fakes.reportQueries.counters(REGION, 'pilkada-2024');
    const nip = rowOf(fakes, report.id).report.employee.nip!;

    const result = await runRetention(fakes, REGION, { asOf: FIVE_YEARS_ON });
    expect(result.reports).toEqual({ erased: 1, ids: [report.id] });
    const { report: erased, timeline } = rowOf(fakes, report.id);
    expect(erased).toMatchObject({ description: ERASED, location: ERASED, evidenceUrls: [], reporter: { kind: 'PUBLIC' }, personalDataErasedAt: expect.any(String) });
    expect(erased.employee).toMatchObject({ name: ERASED, nipHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(erased.employee).not.toHaveProperty('nip');
    expect(erased).not.toHaveProperty('reporterSealed');
    const text = JSON.stringify(rowOf(fakes, report.id));
    for (const personal of [NAME, NOTES, nip, 'Budi Santoso']) expect(text, personal).not.toContain(personal);
    // Every salt went with its values (the erasure's own entry, which names no one, has one of its own).
    expect(timeline.slice(0, -1).filter((e) => e.salt)).toEqual([]);
    expect(timeline.at(-1)).toMatchObject({ action: 'PERSONAL_DATA_ERASED', actor: 'SYSTEM' });
    expect(erased.category).toBe(report.category); // codes and dates stay
    expect(erased.decisions[0]).toMatchObject({ step: 'BKPP_ASSESSMENT', outcome: 'DISMISS' });

    const check = await verifyReport(fakes, REGION, report.id);
    expect(check).toMatchObject({ intact: true, erased: timeline.filter((e) => e.erased).length });
    expect(check.intact && check.erased).toBeGreaterThan(0);
    expect(verificationText(check)).toMatch(/chain intact, \d+ entries, \d+ of them with personal data erased/);
    expect(await fakes.reportQueries.counters(REGION, 'pilkada-2024')).toEqual(before);
    // The open report is untouched, the person's record no longer finds the erased one.
    expect(rowOf(fakes, open.report.id).report.personalDataErasedAt).toBeUndefined();
    await expect(personRecord(fakes, REGION, nip).then((r) => r.reports.map((x) => x.id))).resolves.toEqual([open.report.id]);

    // Run again (a retried schedule): nothing is erased twice, no second entry.
    expect((await runRetention(fakes, REGION, { asOf: FIVE_YEARS_ON })).reports.erased).toBe(0);
    expect(rowOf(fakes, report.id).timeline.filter((e) => e.action === 'PERSONAL_DATA_ERASED')).toHaveLength(1);
  });

  it('erases a report stored before chains existed, chaining it first (the purge runs no migration)', async () => {
    const fakes = await bantul({ now: '2024-10-05T03:00:00.000Z' });
    const report = await dismissed(fakes);
    // As an earlier version stored it: no timelineHash, entries without hashes.
    const row = rowOf(fakes, report.id);
    delete row.report.timelineHash;
    row.timeline = row.timeline.map(({ hash: _, salt: __, ...entry }) => entry);

    expect((await runRetention(fakes, REGION, { asOf: FIVE_YEARS_ON })).reports).toEqual({ erased: 1, ids: [report.id] });
    expect(JSON.stringify(rowOf(fakes, report.id))).not.toContain(NAME);
    expect(await verifyReport(fakes, REGION, report.id)).toMatchObject({ intact: true, migratedAt: fakes.clock.now().toISOString() });
  });

  it('a dry run names what it would erase and erases nothing; before the period ends nothing is due', async () => {
    const fakes = await bantul({ now: '2024-10-05T03:00:00.000Z' });
    const report = await dismissed(fakes);
    expect((await runRetention(fakes, REGION, { asOf: new Date('2029-10-01T00:00:00Z') })).reports.erased).toBe(0);
    const dry = await runRetention(fakes, REGION, { asOf: FIVE_YEARS_ON, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, reports: { erased: 1, ids: [report.id] } });
    expect(rowOf(fakes, report.id).report.personalDataErasedAt).toBeUndefined();
    await expect(personRecord(fakes, '34.01', '198001012005011001')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a region\'s own period is honoured, and an open appeal holds the report back', () => {
    const base = { status: 'SANCTIONED', updatedAt: '2024-10-05T03:00:00.000Z', decisions: [], employee: {} } as never;
    expect(dueForErasure(base, 'P1Y', new Date('2025-10-05T03:00:00.000Z'))).toBe(true);
    expect(dueForErasure(base, 'P1Y', new Date('2025-10-05T02:59:59.999Z'))).toBe(false);
    expect(dueForErasure({ ...(base as object), appeals: [{ status: 'OPEN' }] } as never, 'P1Y', FIVE_YEARS_ON)).toBe(false);
    expect(dueForErasure({ ...(base as object), status: 'AWAITING_PPK_DECISION' } as never, 'P1Y', FIVE_YEARS_ON)).toBe(false);
  });
});
