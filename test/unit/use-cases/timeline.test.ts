// The hash-chained timeline over the fakes: a chain the use cases wrote verifies, an entry changed afterwards is
// named, and reports stored before chains existed get theirs computed once (and say when).
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { locateHash, migrateRegion, verificationText, verifyReport } from '../../../functions/use-cases/timeline.ts';
import { canonicalJson } from '../../../functions/domain/timeline-chain.ts';
import { caseFile } from '../../../functions/use-cases/case-file.ts';
import { submitDecision } from '../../../functions/use-cases/sanction/decisions.ts';
import type { Fakes } from '../../support/fakes.ts';
import { bantul, REGION, submitted, waitingAt } from '../../support/scenarios.ts';

const rowOf = (fakes: Fakes, id: string) => fakes.reports.rows.get(`${REGION}/${id}`)!;

describe('verifyReport', () => {
  it('a report walked through a decision verifies, every entry in the chain', async () => {
    const fakes = await bantul();
    const { link, report } = await waitingAt(fakes, 'OPD_REVIEW');
    await submitDecision(fakes, link, { outcome: 'FORWARD' });
    const check = await verifyReport(fakes, REGION, report.id);
    expect(check).toMatchObject({ intact: true, entries: rowOf(fakes, report.id).timeline.length, reportId: report.id });
    expect(check.intact && check.entries).toBeGreaterThan(2);
  });

  it('names the first entry changed afterwards', async () => {
    const fakes = await bantul();
    const { link, report } = await waitingAt(fakes, 'OPD_REVIEW');
    await submitDecision(fakes, link, { outcome: 'FORWARD' });
    const timeline = rowOf(fakes, report.id).timeline;
    const forwarded = timeline.findIndex((e) => e.action === 'FORWARDED');
    timeline[forwarded] = { ...timeline[forwarded]!, note: 'diubah diam-diam' };
    const check = await verifyReport(fakes, REGION, report.id);
    expect(check).toMatchObject({ intact: false, index: forwarded, entry: { action: 'FORWARDED' } });
    expect(verificationText(check)).toContain(`entry #${forwarded + 1}`);
    expect((await caseFile(fakes, REGION, report.id)).chain.intact).toBe(false);
  });
});

describe('migrateRegion', () => {
  it('computes the chain of each report that has none, once, and the verification says it was computed after the fact', async () => {
    const fakes = await bantul({ now: '2024-10-05T03:00:00.000Z' });
    const chained = await submitted(fakes);
    const older = await submitted(fakes);
    // As stored before chains existed: entries without hashes, no timelineHash.
    const row = rowOf(fakes, older.id);
    row.timeline = row.timeline.map(({ hash: _, ...entry }) => entry);
    delete row.report.timelineHash;
    expect((await verifyReport(fakes, REGION, older.id)).intact).toBe(false);

    expect(await migrateRegion(fakes, REGION)).toEqual({ reports: 2, migrated: 1, sealed: 0, listKeysAdded: 0, personIndexed: 0, salted: 0 });
    const check = await verifyReport(fakes, REGION, older.id);
    expect(check).toMatchObject({ intact: true, migratedAt: '2024-10-05T03:00:00.000Z' });
    expect(verificationText(check)).toContain('chain computed after the fact');
    expect((await verifyReport(fakes, REGION, chained.id)).migratedAt).toBeUndefined();
    expect(await migrateRegion(fakes, REGION)).toEqual({ reports: 2, migrated: 0, sealed: 0, listKeysAdded: 0, personIndexed: 0, salted: 0 });
  });

  it('salts a chain stored before salting: hashes move, each keeps its former one, the chain verifies and can be erased', async () => {
    const fakes = await bantul({ now: '2024-10-05T03:00:00.000Z' });
    const { link, report } = await waitingAt(fakes, 'OPD_REVIEW');
    await submitDecision(fakes, link, { outcome: 'FORWARD', notes: 'Diteruskan ke BKPSDM.' });
    // As stored before salting: every entry hashed over its values as they are.
    const row = rowOf(fakes, report.id);
    let last = report.id;
    row.timeline = row.timeline.map(({ hash: _, salt: _salt, ...entry }) => {
      const hash = createHash('sha256').update(`${last}${canonicalJson(entry)}`).digest('hex');
      last = hash;
      return { ...entry, hash };
    });
    row.report.timelineHash = last;
    const old = row.timeline.map((e) => e.hash);
    expect((await verifyReport(fakes, REGION, report.id)).intact).toBe(true);

    expect((await migrateRegion(fakes, REGION)).salted).toBe(1);
    const after = rowOf(fakes, report.id).timeline;
    const forwarded = after.findIndex((e) => e.action === 'FORWARDED');
    expect(after[forwarded]).toMatchObject({ salt: expect.any(String), formerHash: old[forwarded] });
    expect(await verifyReport(fakes, REGION, report.id)).toMatchObject({ intact: true });
    // A notice that carried an old hash still finds its entry.
    expect((await locateHash(fakes, REGION, report.id, old[forwarded]!)).entry).toMatchObject({ number: forwarded + 1, verifiesUpTo: true });
    expect((await migrateRegion(fakes, REGION)).salted).toBe(0);
  });
});
