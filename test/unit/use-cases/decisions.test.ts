// Decision links over the fakes: what each kind of dead link answers, what a decision writes, and the races
// between reading a link and recording its decision (a second click, the deadline, a newer link, the overdue mark),
// and a step decided before its wait began.
import { describe, expect, it } from 'vitest';
import { openDecision, submitDecision } from '../../../functions/use-cases/sanction/decisions.ts';
import { awaitDecision, requestDecision } from '../../../functions/use-cases/sanction/decision-requests.ts';
import { markOverdue } from '../../../functions/use-cases/sanction/shared/overdue.ts';
import { DecisionLinkError, InputError, type LinkEnd } from '../../../functions/domain/errors.ts';
import { endStory } from '../../../functions/views/end-stories.ts';
import { decisionIdFor, decisionKey, newNonce, signLink } from '../../../functions/domain/decision-links.ts';
import { OUTSIDE_GUIDANCE_COUNTER } from '../../../functions/domain/stats.schema.ts';
import type { DecisionRecord } from '../../../functions/domain/decision-record.ts';
import { fails, type Fakes } from '../../support/fakes.ts';
import { BANTUL, bantul, linkIn, REGION, submitted, waitingAt, type Waiting } from '../../support/scenarios.ts';

/** What a call that must fail with a DecisionLinkError answered. */
async function refusal(call: Promise<unknown>): Promise<{ status: number; end: DecisionLinkError['end'] }> {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DecisionLinkError);
  return { status: (error as DecisionLinkError).status, end: (error as DecisionLinkError).end };
}

const stored = async (fakes: Fakes, id: string) => (await fakes.reports.get(REGION, id))!;
const counters = (fakes: Fakes) => fakes.reportQueries.counters(REGION, 'pilkada-2024');

/** A second live link for the same step, made the report's pending one (a repeated request). */
async function newerLink(fakes: Fakes, waiting: Waiting): Promise<DecisionRecord> {
  const secret = await fakes.links.secret();
  const nonce = newNonce();
  const record: DecisionRecord = { ...waiting.record, key: decisionKey(decisionIdFor(secret, nonce)), nonce, taskToken: undefined };
  await fakes.reports.transition({
    report: waiting.report, from: waiting.report.status, at: fakes.clock.now().toISOString(), timeline: [],
    record: { create: record, replaces: waiting.record.key },
  });
  return record;
}

/** The OPD deadline as the workflow records it: the link expires in the transaction that forwards the report. */
async function opdDeadlinePassed(fakes: Fakes, waiting: Waiting) {
  fakes.clock.set(new Date(new Date(waiting.record.expiresAt).getTime() + 1000));
  const at = fakes.clock.now().toISOString();
  await fakes.reports.transition({
    report: waiting.report, from: 'AWAITING_OPD_REVIEW', to: 'AWAITING_BKPP_ASSESSMENT', at, record: { key: waiting.record.key, to: 'EXPIRED' },
    timeline: [{ at, actor: 'SYSTEM', action: 'OPD_REVIEW_TIMED_OUT', status: 'AWAITING_BKPP_ASSESSMENT' }],
  });
}

describe('openDecision', () => {
  it('answers the case of a live link and writes nothing', async () => {
    const fakes = await bantul();
    const { link, report } = await waitingAt(fakes, 'OPD_REVIEW');
    const writes = fakes.reports.applied.length;
    const opened = await openDecision(fakes, link);
    expect(opened.report.id).toBe(report.id);
    expect(opened.record.step).toBe('OPD_REVIEW');
    expect(opened.facts.employee.opd).toBe('Dinas Pendidikan');
    expect(fakes.reports.applied).toHaveLength(writes);
    expect((await fakes.decisions.get(opened.record.key))!.status).toBe('PENDING');
  });

  it('403 for a signature that is not ours, and for a signed link whose expiry is not the record\'s', async () => {
    const fakes = await bantul();
    const { link, record } = await waitingAt(fakes, 'OPD_REVIEW');
    expect(await refusal(openDecision(fakes, { ...link, sig: 'A'.repeat(22) }))).toEqual({ status: 403, end: { reason: 'invalid' } });
    // Correctly signed, but for a later expiry than the one issued: a link cannot be stretched.
    const later = signLink(await fakes.links.secret(), link.decisionId, new Date(new Date(record.expiresAt).getTime() + 86400_000).toISOString());
    expect(await refusal(openDecision(fakes, { decisionId: link.decisionId, ...later }))).toEqual({ status: 403, end: { reason: 'invalid' } });
  });

  it('404 for a well-signed id that has no record', async () => {
    const fakes = await bantul();
    const decisionId = decisionIdFor(await fakes.links.secret(), newNonce());
    const signed = signLink(await fakes.links.secret(), decisionId, '2030-01-01T00:00:00.000Z');
    expect(await refusal(openDecision(fakes, { decisionId, ...signed }))).toEqual({ status: 404, end: { reason: 'unknown' } });
  });

  it('410 expired once the link\'s time is up while the report still waits at its step', async () => {
    const fakes = await bantul();
    const { link, record } = await waitingAt(fakes, 'OPD_REVIEW');
    fakes.clock.set(record.expiresAt);
    expect(await refusal(openDecision(fakes, link))).toEqual({ status: 410, end: { reason: 'expired' } });
  });

  it('410 moved-on "via deadline" for the head\'s link after the OPD deadline forwarded the report, with the region\'s agency', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'OPD_REVIEW');
    await opdDeadlinePassed(fakes, waiting);
    expect(await refusal(openDecision(fakes, waiting.link))).toEqual({
      status: 410,
      end: { reason: 'moved-on', status: 'AWAITING_BKPP_ASSESSMENT', agency: 'BKPSDM', agencyFull: 'BKPSDM Kabupaten Bantul', via: 'deadline' },
    });
  });

  it('409 moved-on "via other" for an unexpired link of a step the report has left', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'OPD_REVIEW');
    // Moved on without this link (e.g. by an operator's repair), the link still within its time.
    await fakes.reports.transition({ report: waiting.report, from: 'AWAITING_OPD_REVIEW', to: 'AWAITING_BKPP_ASSESSMENT', at: fakes.clock.now().toISOString(), timeline: [] });
    const { status, end } = await refusal(openDecision(fakes, waiting.link));
    expect(status).toBe(409);
    expect(end).toMatchObject({ reason: 'moved-on', via: 'other' });
  });

  it('410 replaced when a newer link of the same step is the live one', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'OPD_REVIEW');
    const newer = await newerLink(fakes, waiting);
    expect(await refusal(openDecision(fakes, waiting.link))).toEqual({ status: 410, end: { reason: 'replaced' } });
    expect((await stored(fakes, waiting.report.id)).report.pendingDecision).toBe(newer.key);
  });

  it('410 handed-on naming the role the step went to, never the person', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    const secret = await fakes.links.secret();
    const nonce = newNonce();
    const sekda = { role: 'SEKDA' as const, name: 'Sekretaris Daerah', email: 'sekda@bantul.example' };
    await fakes.reports.transition({
      report: waiting.report, from: 'AWAITING_BKPP_ASSESSMENT', at: fakes.clock.now().toISOString(), timeline: [],
      record: { handOver: { key: waiting.record.key, to: { ...waiting.record, key: decisionKey(decisionIdFor(secret, nonce)), nonce, approver: sekda, handedFrom: waiting.record.key } } },
    });
    expect(await refusal(openDecision(fakes, waiting.link))).toEqual({ status: 410, end: { reason: 'handed-on', role: { id: 'Sekretaris Daerah', en: 'the regional secretary (Sekda)' } } });
  });
});

describe('a step decided before its wait began', () => {
  it('a retried RequestDecision finds the decision taken on a link it e-mailed, and its wait resumes with it at once', async () => {
    const fakes = await bantul();
    // The request moved the report and made the link, then failed (its e-mail, say) and is retried; meanwhile the
    // link (or a hand-over's) was decided: the report is at BKPP and no wait ever held the OPD step's token.
    const sent = fakes.mailer.sent.length;
    const report = await submitted(fakes);
    const answer = await requestDecision(fakes, { regionId: REGION, reportId: report.id, step: 'OPD_REVIEW' });
    await submitDecision(fakes, linkIn(fakes.mailer.sent.slice(sent).find((m) => m.text.includes('/decisions/'))!), { outcome: 'FORWARD' });
    expect((await stored(fakes, report.id)).report.status).toBe('AWAITING_BKPP_ASSESSMENT');

    const again = await requestDecision(fakes, { regionId: REGION, reportId: report.id, step: 'OPD_REVIEW' });
    expect(again).toMatchObject({ continue: false, decisionKey: answer.decisionKey });
    expect(again.remindSeconds).toBeGreaterThanOrEqual(1);
    fakes.workflow.wait('token-after');
    expect(await awaitDecision(fakes, { taskToken: 'token-after', decisionKey: again.decisionKey })).toEqual({ waiting: false });
    expect(fakes.workflow.resumed).toEqual([{ taskToken: 'token-after', output: { outcome: 'FORWARD', step: 'OPD_REVIEW' } }]);
    // The next step's request then asks BKPP, once.
    await requestDecision(fakes, { regionId: REGION, reportId: report.id, step: 'BKPP_ASSESSMENT' });
    expect(fakes.mailer.to(BANTUL.contacts.bkpp.email)).toHaveLength(1);
  });

  it('a step the report left without a decision on it is still an error (retried, then recorded as failed)', async () => {
    const fakes = await bantul();
    const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
    await expect(requestDecision(fakes, { regionId: REGION, reportId: waiting.report.id, step: 'OPD_REVIEW' })).rejects.toThrow(/not ready for OPD_REVIEW/);
  });
});

describe('submitDecision', () => {
  it('FORWARD: consumes the link with the decision, moves the report and its counters, notes who decided, resumes the wait', async () => {
    const fakes = await bantul();
    const { link, report, record } = await waitingAt(fakes, 'OPD_REVIEW');
    const before = await counters(fakes);
    const result = await submitDecision(fakes, link, { outcome: 'FORWARD', notes: 'cukup bukti' });
    expect(result.report.status).toBe('AWAITING_BKPP_ASSESSMENT');
    const after = await stored(fakes, report.id);
    expect(after.report.status).toBe('AWAITING_BKPP_ASSESSMENT');
    expect(after.report.decisions).toEqual([expect.objectContaining({ step: 'OPD_REVIEW', outcome: 'FORWARD', notes: 'cukup bukti', by: { name: BANTUL.opds.disdik!.head!.name, role: 'OPD_HEAD' } })]);
    expect(after.timeline.at(-1)).toMatchObject({ actor: 'OPD_HEAD', by: BANTUL.opds.disdik!.head!.name, action: 'FORWARDED', status: 'AWAITING_BKPP_ASSESSMENT' });
    const used = (await fakes.decisions.get(record.key))!;
    expect(used.status).toBe('USED');
    expect(used.decision?.outcome).toBe('FORWARD');
    expect(await counters(fakes)).toMatchObject({ status_AWAITING_OPD_REVIEW: before.status_AWAITING_OPD_REVIEW! - 1, status_AWAITING_BKPP_ASSESSMENT: 1 });
    expect(fakes.workflow.resumed).toEqual([{ taskToken: record.taskToken, output: { outcome: 'FORWARD', step: 'OPD_REVIEW' } }]);
    // The link is spent: a second click says so.
    const again = await refusal(submitDecision(fakes, link, { outcome: 'FORWARD' }));
    expect(again).toMatchObject({ status: 409, end: { reason: 'used', decided: { by: BANTUL.opds.disdik!.head!.name, what: { id: expect.stringContaining('Teruskan ke BKPSDM') } } } });
    // Who decided what and when, in the words of the page (never the notes, which may name people).
    expect(endStory((again as { end: LinkEnd }).end).text.id).toMatch(new RegExp(`tercatat pada \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} WIB oleh ${BANTUL.opds.disdik!.head!.name}: Telaah Kepala OPD: Teruskan ke BKPSDM`));
    expect(endStory((again as { end: LinkEnd }).end).text.id).not.toContain('cukup bukti');
    // The report goes on, so the page says it does.
    expect(endStory((again as { end: LinkEnd }).end).next.id).toContain('Laporan berjalan ke tahap berikutnya');
  });

  it('IMPOSE at the PPK closes the report with its sanction and counts the outcome and the level', async () => {
    const fakes = await bantul();
    const { link, report } = await waitingAt(fakes, 'PPK_DECISION');
    await submitDecision(fakes, link, { outcome: 'IMPOSE', level: 'BERAT', sanction: 'PEMBERHENTIAN', decreeNumber: '800/7/2024' });
    const after = await stored(fakes, report.id);
    expect(after.report.status).toBe('SANCTIONED');
    expect(after.report.sanction).toEqual({ level: 'BERAT', sanction: 'PEMBERHENTIAN', decreeNumber: '800/7/2024' });
    expect(await counters(fakes)).toMatchObject({ status_SANCTIONED: 1, status_AWAITING_PPK_DECISION: 0, outcome_SANCTIONED: 1, level_BERAT: 1 });
    // The PPK opening the spent link again: the report is closed, so the page promises no next step.
    const again = await refusal(openDecision(fakes, link));
    expect(again).toMatchObject({ status: 409, end: { reason: 'used', closed: true } });
    const next = endStory((again as { end: LinkEnd }).end).next;
    expect(next.id).toContain('Penanganan laporan sudah selesai');
    expect(next.en).not.toContain('next step');
  });

  it('a wrong field is an InputError and writes nothing: the link stays live', async () => {
    const fakes = await bantul();
    const { link, record } = await waitingAt(fakes, 'OPD_REVIEW');
    const writes = fakes.reports.applied.length;
    const error = await submitDecision(fakes, link, { outcome: 'RECOMMEND' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).errors.map((e) => e.path)).toEqual(['outcome']);
    expect(fakes.reports.applied).toHaveLength(writes);
    expect((await fakes.decisions.get(record.key))!.status).toBe('PENDING');
  });

  describe('against the guidance catalogue', () => {
    it('a level on no path of the report\'s acts needs notes; without them nothing is written', async () => {
      const fakes = await bantul();
      const { link, record } = await waitingAt(fakes, 'BKPP_ASSESSMENT', { category: 'MEDIA_SOSIAL' });
      const error = await submitDecision(fakes, link, { outcome: 'RECOMMEND', level: 'RINGAN', sanction: 'TEGURAN_LISAN' }).catch((e: unknown) => e);
      expect((error as InputError).errors.map((e) => e.path)).toEqual(['notes']);
      expect((await fakes.decisions.get(record.key))!.status).toBe('PENDING');
      expect((await counters(fakes))[OUTSIDE_GUIDANCE_COUNTER]).toBeUndefined();
    });

    it('with notes it is recorded as not followed and counted; a level on a path is recorded as followed and not counted', async () => {
      const fakes = await bantul();
      const outside = await waitingAt(fakes, 'BKPP_ASSESSMENT', { category: 'MEDIA_SOSIAL' });
      const a = await submitDecision(fakes, outside.link, { outcome: 'RECOMMEND', level: 'RINGAN', sanction: 'TEGURAN_LISAN', notes: 'pertama kali, menyesal' });
      expect(a.decision.guidance).toMatchObject({ followed: false, acts: expect.arrayContaining(['MEDSOS_BAGIKAN_KAMPANYE']) });
      expect((await counters(fakes))[OUTSIDE_GUIDANCE_COUNTER]).toBe(1);
      const on = await waitingAt(fakes, 'BKPP_ASSESSMENT', { category: 'MEDIA_SOSIAL' });
      const b = await submitDecision(fakes, on.link, { outcome: 'RECOMMEND', level: 'BERAT', sanction: 'PEMBERHENTIAN' });
      expect(b.decision.guidance?.followed).toBe(true);
      expect((await counters(fakes))[OUTSIDE_GUIDANCE_COUNTER]).toBe(1);
    });
  });

  describe('a recommendation from BKN', () => {
    // KAMPANYE: the guidance has SEDANG and BERAT on its paths, so only the recommendation asks for notes here.
    const recommended = (extra: Record<string, unknown> = {}) => ({
      category: 'KAMPANYE' as const,
      source: { kind: 'BKN_RECOMMENDATION' as const, number: 'B-1/R-BKN/2024', issuedAt: '2024-09-20', ...extra },
    });

    it('a decision that departs from the recommended level needs notes; nothing is written without them', async () => {
      const fakes = await bantul();
      const { link, record } = await waitingAt(fakes, 'BKPP_ASSESSMENT', recommended({ recommendedLevel: 'BERAT', recommendedSanction: 'PEMBERHENTIAN' }));
      const error = await submitDecision(fakes, link, { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'POTONG_TUKIN_12' }).catch((e: unknown) => e);
      expect((error as InputError).errors.map((e) => e.path)).toEqual(['notes']);
      expect((await fakes.decisions.get(record.key))!.status).toBe('PENDING');
      await submitDecision(fakes, link, { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'POTONG_TUKIN_12', notes: 'pelanggaran pertama' });
      // Following it needs none.
      const other = await waitingAt(fakes, 'BKPP_ASSESSMENT', recommended({ recommendedLevel: 'BERAT', recommendedSanction: 'PEMBERHENTIAN' }));
      await expect(submitDecision(fakes, other.link, { outcome: 'RECOMMEND', level: 'BERAT', sanction: 'PEMBERHENTIAN' })).resolves.toBeDefined();
    });

    it('closed before the PPK was asked and never overdue: counted closed and on time', async () => {
      const fakes = await bantul();
      const { link } = await waitingAt(fakes, 'BKPP_ASSESSMENT', recommended());
      await submitDecision(fakes, link, { outcome: 'DISMISS', notes: 'tidak terbukti' });
      expect(await counters(fakes)).toMatchObject({ followUp_recommendations: 1, followUp_closed: 1, followUp_closedOnTime: 1 });
    });

    it('overdue when the close raced the mark: recomputed, so it is closed late and no longer overdue', async () => {
      const fakes = await bantul();
      const { link, report } = await waitingAt(fakes, 'BKPP_ASSESSMENT', recommended());
      fakes.reports.before.transition.once(() => markOverdue(fakes, report, 'BKPP_ASSESSMENT', fakes.clock.now().toISOString()));
      await submitDecision(fakes, link, { outcome: 'DISMISS', notes: 'tidak terbukti' });
      const after = await counters(fakes);
      expect(after).toMatchObject({ followUp_closed: 1, followUp_overdue: 0, overdue: 0 });
      expect(after.followUp_closedOnTime).toBeUndefined();
      expect(fakes.workflow.noticesOf(report.id)).toContain('report.overdue');
    });
  });

  describe('resuming the workflow', () => {
    it('uses the token a wait left on the record it was handed over from', async () => {
      const fakes = await bantul();
      const waiting = await waitingAt(fakes, 'BKPP_ASSESSMENT');
      const secret = await fakes.links.secret();
      const nonce = newNonce();
      const next: DecisionRecord = { ...waiting.record, key: decisionKey(decisionIdFor(secret, nonce)), nonce, handedFrom: waiting.record.key, taskToken: undefined };
      await fakes.reports.transition({ report: waiting.report, from: 'AWAITING_BKPP_ASSESSMENT', at: fakes.clock.now().toISOString(), timeline: [], record: { handOver: { key: waiting.record.key, to: next } } });
      const link = { decisionId: decisionIdFor(secret, nonce), ...signLink(secret, decisionIdFor(secret, nonce), next.expiresAt) };
      await submitDecision(fakes, link, { outcome: 'DISMISS', notes: 'tidak terbukti' });
      expect(fakes.workflow.resumed).toEqual([{ taskToken: waiting.record.taskToken, output: { outcome: 'DISMISS', step: 'BKPP_ASSESSMENT' } }]);
    });

    it('a stale token is noted and the decision stands; a workflow that cannot be reached is warned about and the decision stands', async () => {
      const fakes = await bantul();
      const stale = await waitingAt(fakes, 'OPD_REVIEW');
      await fakes.workflow.sendTaskSuccess(stale.record.taskToken!, {}); // the wait moved on
      await submitDecision(fakes, stale.link, { outcome: 'FORWARD' });
      expect(fakes.log.lines.at(-1)).toMatchObject({ level: 'info', message: expect.stringContaining('resumes from the record') });

      const down = await waitingAt(fakes, 'OPD_REVIEW');
      fakes.workflow.before.sendTaskSuccess.once(fails('Step Functions is unreachable'));
      await expect(submitDecision(fakes, down.link, { outcome: 'FORWARD' })).resolves.toMatchObject({ decision: { outcome: 'FORWARD' } });
      expect(fakes.log.warnings().at(-1)).toContain('could not be resumed now');
      expect((await stored(fakes, down.report.id)).report.status).toBe('AWAITING_BKPP_ASSESSMENT');
    });
  });

  describe('races between reading the link and recording the decision', () => {
    it('a second click that wins: this one answers 409 used, and the report holds one decision', async () => {
      const fakes = await bantul();
      const { link, report } = await waitingAt(fakes, 'OPD_REVIEW');
      fakes.reports.before.transition.once(() => submitDecision(fakes, link, { outcome: 'DISMISS', notes: 'klik lain' }));
      expect(await refusal(submitDecision(fakes, link, { outcome: 'FORWARD' }))).toMatchObject({ status: 409, end: { reason: 'used', decided: { what: { en: expect.stringContaining('Dismiss') } } } });
      const after = await stored(fakes, report.id);
      expect(after.report.decisions.map((d) => d.outcome)).toEqual(['DISMISS']);
      expect(after.report.status).toBe('DISMISSED');
      expect((await counters(fakes)).outcome_DISMISSED).toBe(1);
    });

    it('the OPD deadline that wins: the click answers what happened (moved on at the deadline), nothing of it written', async () => {
      const fakes = await bantul();
      const waiting = await waitingAt(fakes, 'OPD_REVIEW');
      fakes.reports.before.transition.once(() => opdDeadlinePassed(fakes, waiting));
      const { status, end } = await refusal(submitDecision(fakes, waiting.link, { outcome: 'DISMISS', notes: 'terlambat' }));
      expect(status).toBe(410);
      expect(end).toMatchObject({ reason: 'moved-on', via: 'deadline' });
      const after = await stored(fakes, waiting.report.id);
      expect(after.report.decisions).toEqual([]);
      expect(after.report.status).toBe('AWAITING_BKPP_ASSESSMENT');
    });

    it('a newer link made meanwhile: the old one answers 410 replaced and decides nothing', async () => {
      const fakes = await bantul();
      const waiting = await waitingAt(fakes, 'OPD_REVIEW');
      fakes.reports.before.transition.once(() => newerLink(fakes, waiting));
      expect(await refusal(submitDecision(fakes, waiting.link, { outcome: 'FORWARD' }))).toEqual({ status: 410, end: { reason: 'replaced' } });
      expect((await stored(fakes, waiting.report.id)).report.status).toBe('AWAITING_OPD_REVIEW');
      expect((await fakes.decisions.get(waiting.record.key))!.status).toBe('PENDING');
    });

    it('a close racing the overdue mark: decided again with the mark known, so the overdue count goes up once and back once', async () => {
      const fakes = await bantul();
      const { link, report } = await waitingAt(fakes, 'PPK_DECISION');
      fakes.reports.before.transition.once(async () => {
        expect(await markOverdue(fakes, (await stored(fakes, report.id)).report, 'PPK_DECISION', fakes.clock.now().toISOString())).toBe(true);
      });
      await submitDecision(fakes, link, { outcome: 'DISMISS', notes: 'tidak terbukti' });
      const after = await stored(fakes, report.id);
      expect(after.report.status).toBe('DISMISSED');
      expect(after.timeline.map((e) => e.action).slice(-2)).toEqual(['REPORT_OVERDUE', 'DISMISSED']);
      expect(await counters(fakes)).toMatchObject({ overdue: 0, outcome_DISMISSED: 1, status_DISMISSED: 1, status_AWAITING_PPK_DECISION: 0 });
    });

    it('closing a report already overdue takes the overdue count back', async () => {
      const fakes = await bantul();
      const { link, report } = await waitingAt(fakes, 'PPK_DECISION');
      await markOverdue(fakes, report, 'PPK_DECISION', fakes.clock.now().toISOString());
      expect((await counters(fakes)).overdue).toBe(1);
      await submitDecision(fakes, link, { outcome: 'IMPOSE', level: 'BERAT', sanction: 'PEMBERHENTIAN', decreeNumber: '800/9/2024' });
      expect((await counters(fakes)).overdue).toBe(0);
    });
  });
});

