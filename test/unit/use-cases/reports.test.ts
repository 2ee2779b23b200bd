// Report intake and queries over the fakes: what is stored and counted, the region's today, idempotent retries
// (the same request, another request under the same key), and a workflow start that fails after the report is stored.
import { describe, expect, it } from 'vitest';
import { getReport, submitReport, trackReport } from '../../../functions/use-cases/reports.ts';
import { IdempotencyKeyReusedError, InputError, NotFoundError, UnavailableError } from '../../../functions/domain/errors.ts';
import type { SubmitReportBody } from '../../../functions/domain/report.schema.ts';
import { fails, type Fakes } from '../../support/fakes.ts';
import { bantul, REGION, reportBody, submitted } from '../../support/scenarios.ts';

const counters = (fakes: Fakes) => fakes.reportQueries.counters(REGION, 'pilkada-2024');
const fieldsOf = (error: unknown) => (error as InputError).errors.map((e) => e.path);

describe('submitReport', () => {
  it('stores the report RECEIVED with its first entry, counts it, and starts run 0 of its workflow', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes, { stage: 'KAMPANYE' });
    expect(report).toMatchObject({ regionId: REGION, status: 'RECEIVED', stage: 'KAMPANYE', decisions: [], createdAt: fakes.clock.now().toISOString() });
    expect(report.id).toMatch(/^[0-9A-Z]{26}$/);
    const found = (await fakes.reports.get(REGION, report.id))!;
    expect(found.timeline).toEqual([{ at: report.createdAt, actor: 'REPORTER', action: 'SUBMITTED', status: 'RECEIVED', hash: found.report.timelineHash }]);
    expect(await counters(fakes)).toEqual({ total: 1, status_RECEIVED: 1, category_MEDIA_SOSIAL: 1, stage_KAMPANYE: 1 });
    expect(fakes.workflow.started).toEqual([{ regionId: REGION, reportId: report.id, run: 0 }]);
  });

  it('derives the stage from the incident date when none is given, and says so on the timeline', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes, { incidentDate: '2024-10-02' });
    expect(report.stage).toBe('KAMPANYE');
    const [entry] = (await fakes.reports.get(REGION, report.id))!.timeline;
    expect(entry!.note).toContain('ditentukan dari tanggal kejadian');
  });

  it('judges "in the future" by the region\'s date: its today passes before UTC reaches it, its tomorrow does not', async () => {
    // 20:00 UTC on 2 October is 03:00 on 3 October in Bantul (WIB).
    const fakes = await bantul({ now: '2024-10-02T20:00:00.000Z' });
    await expect(submitted(fakes, { incidentDate: '2024-10-03' })).resolves.toMatchObject({ incidentDate: '2024-10-03' });
    const error = await submitted(fakes, { incidentDate: '2024-10-04' }).catch((e: unknown) => e);
    expect(fieldsOf(error)).toEqual(['incidentDate']);
    expect((await counters(fakes)).total).toBe(1);
  });

  it('refuses an OPD the directory lacks, naming employee.opdId, and stores and starts nothing', async () => {
    const fakes = await bantul();
    const error = await submitted(fakes, { employee: { ...reportBody().employee, opdId: 'dinas-fiktif' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(fieldsOf(error)).toEqual(['employee.opdId']);
    expect(fakes.reports.rows.size).toBe(0);
    expect(await counters(fakes)).toEqual({});
    expect(fakes.workflow.started).toEqual([]);
  });

  describe('with an Idempotency-Key', () => {
    it('a retry of the same request answers the same report, stores and counts it once, and leaves a running workflow alone', async () => {
      const fakes = await bantul();
      const first = await submitted(fakes, {}, 'key-1');
      fakes.clock.advance(5_000);
      const again = await submitted(fakes, {}, 'key-1');
      expect(again).toEqual(first);
      expect(fakes.reports.rows.size).toBe(1);
      expect((await counters(fakes)).total).toBe(1);
      expect(fakes.workflow.started).toHaveLength(1);
      expect((await fakes.reports.get(REGION, first.id))!.timeline.map((e) => e.action)).toEqual(['SUBMITTED']);
    });

    it('the same key with another body is refused (422) and the stored report is untouched', async () => {
      const fakes = await bantul();
      const first = await submitted(fakes, {}, 'key-2');
      await expect(submitted(fakes, { description: 'Isi lain sama sekali.' }, 'key-2')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect((await fakes.reports.get(REGION, first.id))!.report.description).toBe(reportBody().description);
    });

    it('the same key in another region is another report', async () => {
      const fakes = await bantul();
      const bantulReport = await submitted(fakes, {}, 'key-3');
      await fakes.regions.put({ id: '34.01', name: 'Kabupaten Kulon Progo', agencyName: 'BKPP' });
      await fakes.directory.putOpd('34.01', 'disdik', { name: 'Dinas Pendidikan' }, fakes.clock.now().toISOString());
      const other = await submitReport(fakes, { regionId: '34.01', body: reportBody(), idempotencyKey: 'key-3' });
      expect(other.id).not.toBe(bantulReport.id);
    });

    it('a start that fails answers 503 with the report kept; the retry finds it and starts its workflow, noted as a repair', async () => {
      const fakes = await bantul();
      fakes.workflow.before.start.once(fails(new UnavailableError('the sanction workflow could not be started')));
      await expect(submitted(fakes, {}, 'key-4')).rejects.toBeInstanceOf(UnavailableError);
      const [row] = [...fakes.reports.rows.values()];
      expect(row!.report.status).toBe('RECEIVED');
      expect(fakes.workflow.started).toEqual([]);

      const retried = await submitted(fakes, {}, 'key-4');
      expect(retried.id).toBe(row!.report.id);
      expect(fakes.workflow.started).toEqual([{ regionId: REGION, reportId: retried.id, run: 0 }]);
      const timeline = (await fakes.reports.get(REGION, retried.id))!.timeline;
      expect(timeline.map((e) => e.action)).toEqual(['SUBMITTED', 'WORKFLOW_REPAIRED']);
      expect(timeline[1]!.note).toContain('NONE');
      expect((await counters(fakes)).total).toBe(1);
    });
  });

  describe('a recommendation from BKN or Bawaslu', () => {
    const source = (overrides: Record<string, unknown> = {}) =>
      ({ kind: 'BKN_RECOMMENDATION', number: 'B-4521/R-BKN/XI/2024', issuedAt: '2024-09-20', dueAt: '2024-10-10', ...overrides }) as SubmitReportBody['source'];

    it('is due at the end of its due date in the region\'s zone, and counted as a recommendation', async () => {
      const fakes = await bantul();
      const report = await submitted(fakes, { source: source() });
      // 24:00 WIB on 10 October is 17:00 UTC.
      expect(report.followUpDueAt).toBe('2024-10-10T16:59:59.999Z');
      expect((await counters(fakes)).followUp_recommendations).toBe(1);
      const internal = await submitted(fakes);
      expect(internal.followUpDueAt).toBeUndefined();
      expect((await counters(fakes)).followUp_recommendations).toBe(1);
    });

    it('issued after the region\'s today is refused, naming source.issuedAt, and stores nothing', async () => {
      const fakes = await bantul({ now: '2024-10-02T20:00:00.000Z' }); // 3 October in Bantul
      await expect(submitted(fakes, { source: source({ issuedAt: '2024-10-03', dueAt: undefined }) })).resolves.toBeDefined();
      const error = await submitted(fakes, { source: source({ issuedAt: '2024-10-04', dueAt: undefined }) }).catch((e: unknown) => e);
      expect(fieldsOf(error)).toEqual(['source.issuedAt']);
      expect(fakes.reports.rows.size).toBe(1);
    });
  });

  it('without a key, each submission is its own report', async () => {
    const fakes = await bantul();
    const a = await submitted(fakes);
    const b = await submitted(fakes);
    expect(a.id).not.toBe(b.id);
    expect((await counters(fakes)).total).toBe(2);
  });
});

describe('getReport', () => {
  it('answers the report with its timeline, without the workflow\'s bookkeeping, the reporter sealed', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes);
    fakes.reports.rows.get(`${REGION}/${report.id}`)!.report.pendingDecision = 'a-record-key';
    const answer = await getReport(fakes, REGION, report.id);
    expect(answer.timeline).toHaveLength(1);
    expect(answer).not.toHaveProperty('pendingDecision');
    expect(answer).not.toHaveProperty('reporterSealed');
    expect(answer.reporter).toEqual({ kind: reportBody().reporter.kind, sealed: true });
  });

  it('answers a report stored before sealing (not yet migrated) sealed too', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes);
    const row = fakes.reports.rows.get(`${REGION}/${report.id}`)!.report;
    delete row.reporterSealed;
    row.reporter = { kind: 'PUBLIC', name: 'Siti Rahma', contact: '0812' };
    const answer = await getReport(fakes, REGION, report.id);
    expect(JSON.stringify(answer)).not.toContain('Siti Rahma');
    expect(answer.reporter).toEqual({ kind: 'PUBLIC', sealed: true });
  });

  it('a report stored before sources existed reads as INTERNAL', async () => {
    const fakes = await bantul();
    const older = await submitted(fakes); // the demo body names no source
    expect((await fakes.reports.get(REGION, older.id))!.report.source).toBeUndefined();
    expect((await getReport(fakes, REGION, older.id)).source).toEqual({ kind: 'INTERNAL' });
  });

  it('another region\'s report is not found', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes);
    await expect(getReport(fakes, '34.01', report.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('trackReport', () => {
  it('takes the code as people type it (case, spaces) and answers status and last change only', async () => {
    const fakes = await bantul();
    const report = await submitted(fakes);
    expect(await trackReport(fakes, `  ${report.receiptCode.toLowerCase()} `)).toEqual({ receiptCode: report.receiptCode, status: 'RECEIVED', lastUpdate: report.updatedAt });
  });

  it('an unknown or malformed code is not found', async () => {
    const fakes = await bantul();
    await expect(trackReport(fakes, 'NTR-0000-0000-0000')).rejects.toBeInstanceOf(NotFoundError);
    await expect(trackReport(fakes, 'not a code')).rejects.toBeInstanceOf(NotFoundError);
  });
});
