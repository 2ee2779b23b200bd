// The reporter's identity over the fakes (the real envelope, its master key in memory): sealed at intake and never
// stored in plain, opened only with the PPK told and the timeline written, and what a fault of the key, the mailer
// or the directory leaves behind; a report's access log by region.
import { describe, expect, it } from 'vitest';
import { submitReport } from '../../../functions/use-cases/reports.ts';
import { accessLogOf, unsealReporter } from '../../../functions/use-cases/personal-data.ts';
import { ConflictError, NotFoundError, SealBrokenError, UnavailableError } from '../../../functions/domain/errors.ts';
import { fails } from '../../support/fakes.ts';
import { BANTUL, bantul, REGION, reportBody, submitted } from '../../support/scenarios.ts';

const NAME = 'Siti Rahma';
const CONTACT = '0812-0000-0000';
const REASON = 'Diperlukan sebagai saksi dalam pemeriksaan BKPSDM.';
const unseal = (fakes: Awaited<ReturnType<typeof bantul>>, reportId: string, keyId = 'key-1') =>
  unsealReporter(fakes, { regionId: REGION, keyId, reportId, reason: REASON });

describe('sealing at intake', () => {
  it('stores the identity sealed only: no name or contact anywhere in the stored report', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes, { reporter: { kind: 'PUBLIC', name: NAME, contact: CONTACT } });
    const stored = fakes.reports.rows.get(`${REGION}/${report.id}`)!;
    expect(stored.report.reporter).toEqual({ kind: 'PUBLIC', sealed: true });
    expect(stored.report.reporterSealed).toMatchObject({ v: 1, keyId: expect.stringMatching(/^local:/) });
    expect(JSON.stringify(stored)).not.toContain(NAME);
    expect(JSON.stringify(stored)).not.toContain(CONTACT);
  });

  it('a report that names no one has nothing sealed, and the key is not asked', async () => {
    const fakes = await bantul();
    fakes.seal.before.seal.always(fails('the key must not be asked'));
    const report = await submitted(fakes, { reporter: { kind: 'SATGAS' } });
    expect(fakes.reports.rows.get(`${REGION}/${report.id}`)!.report).not.toHaveProperty('reporterSealed');
  });

  it('the key out of reach at intake: the error, and nothing stored, counted or started', async () => {
    const fakes = await bantul();
    fakes.seal.before.seal.always(fails(new UnavailableError('KMS unreachable')));
    await expect(submitted(fakes)).rejects.toBeInstanceOf(UnavailableError);
    expect(fakes.reports.rows.size).toBe(0);
    expect(await fakes.reportQueries.counters(REGION, 'pilkada-2024')).toEqual({});
    expect(fakes.workflow.started).toEqual([]);
  });

  it('a retry under the same Idempotency-Key whose reporter differs is the same request (the hash leaves the identity out)', async () => {
    const fakes = await bantul();
    const first = await submitReport(fakes, { regionId: REGION, body: reportBody(), idempotencyKey: 'k-1' });
    const again = await submitReport(fakes, { regionId: REGION, body: reportBody({ reporter: { kind: 'PUBLIC', name: 'Orang Lain' } }), idempotencyKey: 'k-1' });
    expect(again.id).toBe(first.id);
    expect((await unseal(fakes, first.id)).reporter.name).toBe(NAME);
  });
});

describe('unsealReporter', () => {
  it('answers the identity, writes REPORTER_UNSEALED (the key, the reason) and e-mails the PPK without the identity', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes);
    const answer = await unseal(fakes, report.id, 'key-abc');
    expect(answer).toEqual({ reporter: { kind: 'PUBLIC', name: NAME, contact: CONTACT }, keyId: 'key-abc', unsealedAt: fakes.clock.now().toISOString() });
    const { timeline, report: stored } = (await fakes.reports.get(REGION, report.id))!;
    expect(timeline.at(-1)).toMatchObject({ action: 'REPORTER_UNSEALED', actor: 'REGION', keyId: 'key-abc', note: REASON });
    expect(stored.timelineHash).toBe(timeline.at(-1)!.hash);
    expect(stored.status).toBe('RECEIVED');
    const [mail] = fakes.mailer.to(BANTUL.contacts.ppk.email);
    expect(mail!.subject).toContain(report.receiptCode);
    expect(mail!.text).toContain('key-abc');
    expect(mail!.text).toContain('BKPSDM Kabupaten Bantul');
    for (const part of [mail!.subject, mail!.text, mail!.html]) {
      expect(part).not.toContain(NAME);
      expect(part).not.toContain(CONTACT);
    }
  });

  it('a sealed value copied onto another report does not open there (409), and nothing is written or sent', async () => {
    const fakes = await bantul();
    const a = await submitted(fakes);
    const b = await submitted(fakes, { reporter: { kind: 'PUBLIC', name: 'Pelapor B' } });
    fakes.reports.rows.get(`${REGION}/${b.id}`)!.report.reporterSealed = structuredClone(fakes.reports.rows.get(`${REGION}/${a.id}`)!.report.reporterSealed);
    const error = await unseal(fakes, b.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SealBrokenError);
    expect(error).toBeInstanceOf(ConflictError);
    expect((await fakes.reports.get(REGION, b.id))!.timeline).toHaveLength(1);
    expect(fakes.mailer.sent).toEqual([]);
  });

  it('the key out of reach: the error, no entry, no e-mail', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes);
    fakes.seal.before.unseal.always(fails(new UnavailableError('KMS unreachable')));
    await expect(unseal(fakes, report.id)).rejects.toBeInstanceOf(UnavailableError);
    expect((await fakes.reports.get(REGION, report.id))!.timeline).toHaveLength(1);
    expect(fakes.mailer.sent).toEqual([]);
  });

  it('the PPK cannot be e-mailed: the error, and no entry (no identity goes out unrecorded)', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes);
    fakes.mailer.before.send.always(fails(new UnavailableError('SES unreachable')));
    await expect(unseal(fakes, report.id)).rejects.toBeInstanceOf(UnavailableError);
    expect((await fakes.reports.get(REGION, report.id))!.timeline).toHaveLength(1);
  });

  it('the timeline write fails after the e-mail: the error, so the identity is not answered', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes);
    fakes.reports.before.transition.always(fails(new UnavailableError('DynamoDB unreachable')));
    await expect(unseal(fakes, report.id)).rejects.toBeInstanceOf(UnavailableError);
  });

  it('a step that moves the report meanwhile: the entry goes on from its new status', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes);
    fakes.mailer.before.send.once(async () => {
      await fakes.reports.transition({ report, from: 'RECEIVED', to: 'AWAITING_OPD_REVIEW', at: fakes.clock.now().toISOString(), timeline: [{ at: fakes.clock.now().toISOString(), actor: 'SYSTEM', action: 'REVIEW_STARTED' }] });
    });
    await unseal(fakes, report.id);
    const { timeline, report: stored } = (await fakes.reports.get(REGION, report.id))!;
    expect(timeline.map((e) => e.action)).toEqual(['SUBMITTED', 'REVIEW_STARTED', 'REPORTER_UNSEALED']);
    expect(stored.status).toBe('AWAITING_OPD_REVIEW');
  });

  it('a region without a PPK contact cannot unseal (409), and nothing is written', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes);
    const { ppk: _ppk, ...rest } = BANTUL.contacts;
    await fakes.directory.putContacts(REGION, rest as typeof BANTUL.contacts, fakes.clock.now().toISOString());
    await expect(unseal(fakes, report.id)).rejects.toBeInstanceOf(ConflictError);
    expect((await fakes.reports.get(REGION, report.id))!.timeline).toHaveLength(1);
  });

  it('another region\'s report is 404', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes);
    await expect(unsealReporter(fakes, { regionId: '34.01', keyId: 'k', reportId: report.id, reason: REASON })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('accessLogOf', () => {
  it('pages a report\'s entries newest first; another region\'s report is 404', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes);
    for (const at of ['2024-10-01T00:00:00.000Z', '2024-10-02T00:00:00.000Z', '2024-10-03T00:00:00.000Z']) {
      await fakes.accessLog.record(REGION, { at, keyId: 'k', route: 'GET /v1/reports/{id}', reportId: report.id });
    }
    const first = await accessLogOf(fakes, REGION, report.id, { limit: 2 });
    expect(first.items.map((e) => e.at)).toEqual(['2024-10-03T00:00:00.000Z', '2024-10-02T00:00:00.000Z']);
    const second = await accessLogOf(fakes, REGION, report.id, { limit: 2, cursor: first.nextCursor! });
    expect(second).toEqual({ items: [expect.objectContaining({ at: '2024-10-01T00:00:00.000Z' })], nextCursor: null });
    await expect(accessLogOf(fakes, '34.01', report.id, { limit: 2 })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('report migrate over the fakes', () => {
  it('seals a report stored before sealing, once', async () => {
    const { migrateRegion } = await import('../../../functions/use-cases/timeline.ts');
    const fakes = await bantul();
    const report = await submitted(fakes);
    const row = fakes.reports.rows.get(`${REGION}/${report.id}`)!.report;
    delete row.reporterSealed;
    row.reporter = { kind: 'PUBLIC', name: NAME, contact: CONTACT };
    expect((await migrateRegion(fakes, REGION)).sealed).toBe(1);
    expect(JSON.stringify(fakes.reports.rows.get(`${REGION}/${report.id}`))).not.toContain(NAME);
    expect((await migrateRegion(fakes, REGION)).sealed).toBe(0);
    expect((await unseal(fakes, report.id)).reporter).toEqual({ kind: 'PUBLIC', name: NAME, contact: CONTACT });
  });

  it('the key out of reach during migrate: the error, and the report keeps its plain identity to seal on the next run', async () => {
    const { migrateRegion } = await import('../../../functions/use-cases/timeline.ts');
    const fakes = await bantul();
    const report = await submitted(fakes);
    const row = fakes.reports.rows.get(`${REGION}/${report.id}`)!.report;
    delete row.reporterSealed;
    row.reporter = { kind: 'PUBLIC', name: NAME };
    fakes.seal.before.seal.once(fails(new UnavailableError('KMS unreachable')));
    await expect(migrateRegion(fakes, REGION)).rejects.toBeInstanceOf(UnavailableError);
    expect(fakes.reports.rows.get(`${REGION}/${report.id}`)!.report.reporter.name).toBe(NAME);
    expect((await migrateRegion(fakes, REGION)).sealed).toBe(1);
  });
});
