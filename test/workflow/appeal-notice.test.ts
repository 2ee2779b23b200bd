// report.appeal_decided: after BPASN's decision is recorded, Bawaslu (and BKN for its recommendation) get one e-mail
// and one signed webhook carrying the timeline hash of that moment, through the report's notice execution; a
// retried recording does not send them twice. The case file prints the appeal.
import { describe, expect, it } from 'vitest';
import { reportBody } from '../support/api.ts';
import { signedWith } from '../support/webhooks.ts';
import { eventually, linkIn, mailTo, outbox, postForm, report, reportWithStatus, stats, workflowApi } from '../support/workflow.ts';
import { DEMO_REGIONS } from '../../infra/local/demo-data.ts';
import { localDate } from '../../functions/domain/time-zones.ts';
import { notifyBawaslu } from '../../functions/use-cases/sanction/shared/bawaslu-notices.ts';
import { dependencies } from '../../functions/composition/root.ts';

const deps = dependencies();

const bantul = DEMO_REGIONS.find((d) => d.region.id === '34.02')!;
const SECRET = 'a-webhook-secret-of-bawaslu-bantul-9';
const BKN = { name: 'Kantor Regional I BKN Yogyakarta', email: 'kanreg1@bkn.demo.netra.example' };
const mail = (box: string) => `${box}@${bantul.domain}`;
const api = workflowApi({ bawaslu: { secret: SECRET, contacts: { bkn: BKN } } });

const post = (path: string, json: unknown) => api.request(path, { method: 'POST', json });

describe('an appeal decided', () => {
  it('tells Bawaslu and BKN once by e-mail and webhook, with the hash of that moment; BATALKAN dismisses, counted once', async () => {
    const before = await stats(api);
    const source = { kind: 'BKN_RECOMMENDATION', number: 'B-77/R-BKN/XII/2026', issuedAt: localDate(new Date(), 'Asia/Jakarta'), recommendedLevel: 'BERAT', recommendedSanction: 'PEMBERHENTIAN' };
    const submitted = await post('/v1/reports', reportBody({ category: 'KAMPANYE', source }));
    const { id, receiptCode } = await submitted.json();
    expect((await postForm(linkIn(await mailTo(api, mail('bkpsdm'), receiptCode)), { outcome: 'RECOMMEND', level: 'BERAT', sanction: 'PEMBERHENTIAN' })).status).toBe(200);
    expect((await postForm(linkIn(await mailTo(api, mail('ppk'), receiptCode)), { outcome: 'IMPOSE', level: 'BERAT', sanction: 'PEMBERHENTIAN', decreeNumber: '800/9/2026' })).status).toBe(200);
    await reportWithStatus(api, id, 'SANCTIONED');

    expect((await post(`/v1/reports/${id}/decree-delivery`, { deliveredAt: new Date().toISOString() })).status).toBe(200);
    const filed = await (await post(`/v1/reports/${id}/appeals`, { kind: 'BANDING', filedAt: new Date().toISOString(), grounds: 'Saya bukan anggota partai.' })).json();
    const decision = { outcome: 'BATALKAN', decisionNumber: 'BPASN/21/2026', decidedAt: new Date().toISOString() };
    expect((await post(`/v1/reports/${id}/appeals/${filed.appealId}/decision`, decision)).status).toBe(200);

    const hook = await eventually('the report.appeal_decided webhook', async () =>
      api.hooks.find((h) => h.json.report.id === id && h.json.event === 'report.appeal_decided'));
    expect(signedWith(SECRET, hook)).toBe(true);
    expect(hook.json.report).toMatchObject({ status: 'DISMISSED', sanctionHistory: [expect.objectContaining({ sanction: 'PEMBERHENTIAN' })] });
    expect(hook.json.report.reporter).toEqual({ kind: hook.json.report.reporter.kind, sealed: true });
    // The hash of that moment: the chain's head when the webhook was built (its own delivery entry came after).
    const delivered = (timeline: Awaited<ReturnType<typeof report>>['timeline']) =>
      timeline.findIndex((e) => e.action === 'BAWASLU_WEBHOOK_DELIVERED' && e.event === 'report.appeal_decided');
    const read = await eventually('the webhook\'s delivery entry', async () => {
      const r = await report(api, id);
      return delivered(r.timeline) > 0 ? r : undefined;
    });
    expect(hook.json.timelineHash).toBe(read.timeline[delivered(read.timeline) - 1]!.hash);

    const appealMail = (await outbox(api)).filter((m) => m.subject.includes(receiptCode) && m.subject.includes('diputus'));
    expect(appealMail).toHaveLength(1);
    expect(appealMail[0]!.to).toEqual([mail('bawaslu'), BKN.email]);
    expect(appealMail[0]!.text).toContain('Membatalkan hukuman disiplin');
    expect(appealMail[0]!.text).toContain('WIB');

    // A retried recording answers the same; the notice step run again (as a retry or a redrive would) sends nothing twice.
    expect((await post(`/v1/reports/${id}/appeals/${filed.appealId}/decision`, decision)).status).toBe(200);
    await notifyBawaslu(deps, { regionId: '34.02', reportId: id, event: 'report.appeal_decided' });
    expect((await outbox(api)).filter((m) => m.subject.includes(receiptCode) && m.subject.includes('diputus'))).toHaveLength(1);
    const after = await report(api, id);
    expect(after.timeline.filter((e) => e.event === 'report.appeal_decided')).toHaveLength(2); // the e-mail's mark and the webhook's
    expect(api.hooks.filter((h) => h.json.report.id === id && h.json.event === 'report.appeal_decided')).toHaveLength(1);

    const now = await stats(api);
    expect(now.byOutcome.DISMISSED - before.byOutcome.DISMISSED).toBe(1);
    expect(now.byOutcome.SANCTIONED - before.byOutcome.SANCTIONED).toBe(0);
    expect(now.byLevel.BERAT - before.byLevel.BERAT).toBe(0);
    expect(now.appeals.byOutcome.BATALKAN - before.appeals.byOutcome.BATALKAN).toBe(1);
    // followUp keeps its meaning: closed when the PPK first decided.
    expect(now.followUp.closed - before.followUp.closed).toBe(1);

    const caseFile = await (await api.request(`/v1/reports/${id}/case-file`)).text();
    expect(caseFile).toContain('Keberatan dan banding');
    expect(caseFile).toContain('Membatalkan hukuman disiplin');
    expect(caseFile).toContain('Saya bukan anggota partai.');
  });
});
