// The objection (KEBERATAN) as the workflow step APPEAL, walked through the local API and its workflow runner as
// people do it: the region files it, the PPK gets a decision link by e-mail, the page shows the decision objected
// to, the grounds and the guidance; a wrong form is re-shown (400) and writes nothing; RINGANKAN moves the sanction
// (the old one kept), Bawaslu hears report.appeal_decided once, the link is used up, the counts are exact, and the
// objection's own execution ends while the report's closing stays as it was.
import { describe, expect, it } from 'vitest';
import { signedWith } from '../support/webhooks.ts';
import { eventually, linkIn, mailTo, outbox, postForm, report, reportWithStatus, stats, submitToBkpp, workflowApi } from '../support/workflow.ts';
import { DEMO_REGIONS } from '../../infra/local/demo-data.ts';
import { dependencies } from '../../functions/composition/root.ts';
import { executionName } from '../../functions/domain/executions.ts';

const deps = dependencies();
const bantul = DEMO_REGIONS.find((d) => d.region.id === '34.02')!;
const SECRET = 'a-webhook-secret-of-bawaslu-bantul-23';
const mail = (box: string) => `${box}@${bantul.domain}`;
const api = workflowApi({ bawaslu: { secret: SECRET } });
const post = (path: string, json: unknown) => api.request(path, { method: 'POST', json });
const GROUNDS = 'Saya hadir di acara itu sebagai warga, tanpa atribut dan tanpa berorasi.';

async function sanctioned() {
  const { id, receiptCode } = await submitToBkpp(api);
  expect((await postForm(linkIn(await mailTo(api, mail('bkpsdm'), receiptCode)), { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'POTONG_TUKIN_9', notes: 'Terbukti hadir.' })).status).toBe(200);
  expect((await postForm(linkIn(await mailTo(api, mail('ppk'), receiptCode)), { outcome: 'IMPOSE', level: 'SEDANG', sanction: 'POTONG_TUKIN_9', decreeNumber: '800/12/2026', notes: 'Terbukti hadir.' })).status).toBe(200);
  await reportWithStatus(api, id, 'SANCTIONED');
  // The report's own execution ends with its closing notice; the objection must not reopen it.
  await eventually('the closing notice', async () => (await report(api, id)).timeline.some((e) => e.action === 'BAWASLU_NOTIFIED'));
  return { id, receiptCode };
}

describe('an objection to the PPK (step APPEAL)', () => {
  it('reaches the PPK by link; RINGANKAN moves the sanction once, Bawaslu is told once, counts stay exact', async () => {
    const { id, receiptCode } = await sanctioned();
    expect((await post(`/v1/reports/${id}/decree-delivery`, { deliveredAt: new Date().toISOString() })).status).toBe(200);
    const before = await stats(api);
    const closingMails = (await outbox(api)).filter((m) => m.subject.includes(receiptCode) && m.to.includes(mail('bawaslu'))).length;

    const filed = await post(`/v1/reports/${id}/appeals`, { kind: 'KEBERATAN', filedAt: new Date().toISOString(), grounds: GROUNDS });
    expect(filed.status).toBe(201);
    const { appealId, decideBy } = await filed.json();

    // The PPK's second request for this report: the objection, with its deadline in the region's zone.
    const request = await mailTo(api, mail('ppk'), receiptCode, /Mohon keputusan/, 1);
    expect(request.subject).toContain('Keberatan kepada PPK');
    expect(request.text).toContain('WIB');
    const link = linkIn(request);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Keputusan semula');
    expect(html).toContain('Pemotongan tunjangan kinerja 25% selama 9 bulan');
    expect(html).toContain('SK 800/12/2026');
    expect(html).toContain(GROUNDS);
    expect(html).toContain('Memperingan hukuman disiplin');
    expect(html).toContain('PTUN');
    // Words, never codes: the codes are only the form's values.
    expect(html.replace(/<[^>]*>/g, '')).not.toMatch(/KUATKAN|RINGANKAN|PERBERAT|BATALKAN|POTONG_TUKIN/);

    // Checked against the sanction: a "lighter" one that is heavier, and no reasons: re-shown, nothing written.
    const wrong = await postForm(link, { outcome: 'RINGANKAN', sanction: 'POTONG_TUKIN_12', decreeNumber: '800/20/2026' });
    expect(wrong.status).toBe(400);
    const again = await wrong.text();
    expect(again).toContain('harus lebih ringan dari Pemotongan tunjangan kinerja 25% selama 9 bulan');
    expect(again.replace(/<[^>]*>/g, '')).not.toMatch(/POTONG_TUKIN/);
    expect(again).toContain('alasan wajib diisi');
    expect((await report(api, id)).appeals![0]).toMatchObject({ status: 'OPEN' });

    const decided = await postForm(link, { outcome: 'RINGANKAN', sanction: 'POTONG_TUKIN_6', decreeNumber: '800/20/2026', notes: 'Kehadiran pasif; diperingan.' });
    expect(decided.status).toBe(200);
    expect(await decided.text()).toContain('Bawaslu diberi tahu');

    const after = await eventually('Bawaslu told of the objection\'s decision', async () => {
      const r = await report(api, id);
      return r.timeline.some((e) => e.action === 'BAWASLU_WEBHOOK_DELIVERED' && e.event === 'report.appeal_decided') ? r : undefined;
    });
    expect(after.status).toBe('SANCTIONED');
    expect(after.sanction).toMatchObject({ sanction: 'POTONG_TUKIN_6', level: 'SEDANG', decreeNumber: '800/20/2026', byAppeal: appealId });
    expect(after.sanctionHistory).toEqual([expect.objectContaining({ sanction: 'POTONG_TUKIN_9', decreeNumber: '800/12/2026' })]);
    expect(after.appeals![0]).toMatchObject({ id: appealId, status: 'DECIDED', decideBy, decision: { outcome: 'RINGANKAN', sanction: 'POTONG_TUKIN_6', decisionNumber: '800/20/2026', by: { role: 'PPK' } } });
    const entries = (action: string) => after.timeline.filter((e) => e.action === action);
    expect(entries('APPEAL_FILED')).toHaveLength(1);
    expect(entries('APPEAL_DECIDED')).toEqual([expect.objectContaining({ actor: 'PPK', note: expect.stringContaining('Memperingan hukuman disiplin') })]);
    // Nothing that closed reopened: one closing notice, one closing webhook, the status never left SANCTIONED.
    expect(after.timeline.filter((e) => e.action === 'BAWASLU_WEBHOOK_DELIVERED' && e.event === 'report.closed')).toHaveLength(1);
    expect(after.timeline.some((e) => e.status && e.status !== 'SANCTIONED' && e.action.startsWith('APPEAL'))).toBe(false);

    const hooks = api.hooks.filter((h) => h.json.report.id === id && h.json.event === 'report.appeal_decided');
    expect(hooks).toHaveLength(1);
    expect(signedWith(SECRET, hooks[0]!)).toBe(true);
    const told = (await outbox(api)).filter((m) => m.subject.includes(receiptCode) && m.subject.includes('diputus'));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('Memperingan hukuman disiplin');
    expect((await outbox(api)).filter((m) => m.subject.includes(receiptCode) && m.to.includes(mail('bawaslu'))).length - closingMails).toBe(1);

    // The link is used up: its page says what was decided.
    const used = await fetch(link);
    expect(used.status).toBe(409);
    expect(await used.text()).toContain('Memperingan hukuman disiplin');

    const now = await stats(api);
    expect(now.appeals.filed - before.appeals.filed).toBe(1);
    expect(now.appeals.decided - before.appeals.decided).toBe(1);
    expect(now.appeals.open - before.appeals.open).toBe(0);
    expect(now.appeals.byOutcome.RINGANKAN - before.appeals.byOutcome.RINGANKAN).toBe(1);
    expect(now.byOutcome.SANCTIONED - before.byOutcome.SANCTIONED).toBe(0);
    expect(now.byLevel.SEDANG - before.byLevel.SEDANG).toBe(0);

    // The objection's own execution ended after its notice; the report's own (run 0) is as it was.
    await eventually('the objection\'s execution to end', async () => deps.local!.runner.read(executionName('34.02', id, 0, appealId))?.status === 'SUCCEEDED');
    expect(deps.local!.runner.read(executionName('34.02', id, 0))?.status).toBe('SUCCEEDED');
  });

  it('BATALKAN annuls: the report is DISMISSED with the sanction in history, counted once', async () => {
    const { id, receiptCode } = await sanctioned();
    const before = await stats(api);
    expect((await post(`/v1/reports/${id}/appeals`, { kind: 'KEBERATAN', filedAt: new Date().toISOString(), grounds: GROUNDS })).status).toBe(201);
    const link = linkIn(await mailTo(api, mail('ppk'), receiptCode, /Mohon keputusan/, 1));
    const done = await postForm(link, { outcome: 'BATALKAN', decreeNumber: '800/21/2026', notes: 'Tidak terbukti hadir sebagai peserta kampanye.' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Sanksi dibatalkan');
    const after = await reportWithStatus(api, id, 'DISMISSED');
    expect(after.sanction).toBeUndefined();
    expect(after.sanctionHistory).toEqual([expect.objectContaining({ sanction: 'POTONG_TUKIN_9' })]);
    await eventually('report.appeal_decided', async () => api.hooks.find((h) => h.json.report.id === id && h.json.event === 'report.appeal_decided'));
    const now = await stats(api);
    expect([now.byOutcome.SANCTIONED - before.byOutcome.SANCTIONED, now.byOutcome.DISMISSED - before.byOutcome.DISMISSED]).toEqual([-1, 1]);
    expect(now.byLevel.SEDANG - before.byLevel.SEDANG).toBe(-1);
    expect(now.appeals.byOutcome.BATALKAN - before.appeals.byOutcome.BATALKAN).toBe(1);
  });
});
