// A BKN recommendation walked as a region meets it: straight to BKPP, the recommendation on the BKPP and PPK
// pages, a departure refused without reasons, a late decision closed but not on time, BKN copied on the
// closing notice, Bawaslu's webhooks once per event with the timeline hash of that moment, the source filter,
// and the case file (HTML) with no reporter identity.
import { describe, expect, it } from 'vitest';
import { reportBody } from '../support/api.ts';
import { signedWith, type Hook } from '../support/webhooks.ts';
import { eventually, linkIn, mailTo, outbox, postForm, report, stats, workflowApi } from '../support/workflow.ts';
import { notifyOverdue } from '../../functions/use-cases/sanction/shared/bawaslu-notices.ts';
import { scheduledDigest, sendDailyDigest } from '../../functions/use-cases/digest.ts';
import { dependencies } from '../../functions/composition/root.ts';
import { DEMO_REGIONS } from '../../infra/local/demo-data.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { verifyChain } from '../../functions/domain/timeline-chain.ts';
import { endOfLocalDay, localDate } from '../../functions/domain/time-zones.ts';

const deps = dependencies();
const runner = deps.local!.runner;
const bantul = DEMO_REGIONS.find((d) => d.region.id === '34.02')!;
const SECRET = 'a-webhook-secret-of-bawaslu-bantul-2';
const BKN = { name: 'Kantor Regional I BKN Yogyakarta', email: 'kanreg1@bkn.demo.netra.example' };
const mail = (box: string) => `${box}@${bantul.domain}`;
const reporter = reportBody().reporter as { name: string; contact: string };

const api = workflowApi({ bawaslu: { secret: SECRET, contacts: { bkn: BKN } } });
const { hooks } = api;

const today = () => localDate(new Date(), 'Asia/Jakarta');
const daysFrom = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
// KAMPANYE: the guidance gives SEDANG and BERAT discipline, so following these recommendations needs no notes.
const recommendation = (overrides: Record<string, unknown> = {}) => ({
  kind: 'BKN_RECOMMENDATION', number: 'B-4521/R-BKN/XI/2024', issuedAt: daysFrom(today(), -20),
  recommendedLevel: 'SEDANG', recommendedSanction: 'POTONG_TUKIN_6', ...overrides,
});

async function submit(body: Record<string, unknown>) {
  const response = await api.request('/v1/reports', { method: 'POST', json: body });
  expect(response.status, await response.clone().text()).toBe(202);
  return response.json() as Promise<{ id: string; receiptCode: string }>;
}

const verified = (hook: Hook) => signedWith(SECRET, hook);
const hooksOf = (id: string, event: string) => hooks.filter((h) => h.json.report.id === id && h.json.event === event);

describe('a BKN recommendation', () => {
  it('goes straight to BKPP, shows on the pages, and a late decision closes but not on time; BKN and Bawaslu are told', async () => {
    const before = await stats(api);
    // Due yesterday: whatever the PPK does now is late.
    const source = recommendation({ dueAt: daysFrom(today(), -1) });
    const { id, receiptCode } = await submit(reportBody({ category: 'KAMPANYE', source }));

    const bkppMail = await mailTo(api, mail('bkpsdm'), receiptCode);
    const r1 = await report(api, id);
    expect(r1.source).toEqual(source);
    expect(r1.status).toBe('AWAITING_BKPP_ASSESSMENT');
    expect(r1.timeline.find((e) => e.action === 'OPD_REVIEW_SKIPPED')!.note).toMatch(/sudah diperiksa oleh BKN/);
    const bkppPage = await (await fetch(linkIn(bkppMail))).text();
    expect(bkppPage).toContain('Rekomendasi BKN');
    expect(bkppPage).toContain(source.number);

    // A different sanction without reasons is refused with the form again (400); with reasons it is taken.
    const refused = await postForm(linkIn(bkppMail), { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'POTONG_TUKIN_9' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/berbeda dari rekomendasi/);
    expect((await postForm(linkIn(bkppMail), { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'POTONG_TUKIN_9', notes: 'Pelanggaran kedua kali.' })).status).toBe(200);

    const ppkMail = await mailTo(api, mail('ppk'), receiptCode);
    const ppkPage = await (await fetch(linkIn(ppkMail))).text();
    expect(ppkPage).toContain('Rekomendasi BKN');
    // The form starts from BKN's recommendation.
    expect(ppkPage).toMatch(/<input type="radio" name="sanction" value="POTONG_TUKIN_6" checked>/);
    expect((await postForm(linkIn(ppkMail), { outcome: 'IMPOSE', sanction: 'POTONG_TUKIN_6', decreeNumber: '800/77/2024' })).status).toBe(200);

    const notice = await mailTo(api, mail('bawaslu'), receiptCode, /selesai/);
    expect(notice.to).toEqual([mail('bawaslu'), BKN.email]);
    expect(notice.text).toContain(source.number);

    const closed = await eventually('report.closed', async () => hooksOf(id, 'report.closed')[0]);
    const received = await eventually('report.received', async () => hooksOf(id, 'report.received')[0]);
    await eventually('the execution to succeed', async () => runner.recordOf('34.02', id)?.status === 'SUCCEEDED');
    for (const hook of [received, closed]) {
      expect(verified(hook)).toBe(true);
      expect(hook.body).not.toContain(reporter.name);
      expect(hook.body).not.toContain(reporter.contact);
      expect(hook.json.report.source).toEqual(source);
      // The hash sent is the chain's head when it was sent: an entry of the report's timeline.
      expect(hook.json.timelineHash).toMatch(/^[0-9a-f]{64}$/);
    }
    const final = await eventually('the deliveries recorded', async () => {
      const r = await report(api, id);
      return r.timeline.filter((e: any) => e.action === 'BAWASLU_WEBHOOK_DELIVERED').length === 2 ? r : undefined;
    });
    const hashes = final.timeline.map((e: any) => e.hash);
    expect(hashes).toContain(received.json.timelineHash);
    expect(hashes).toContain(closed.json.timelineHash);
    expect(closed.json.report.status).toBe('SANCTIONED');
    expect(verifyChain(id, final.timeline, final.timelineHash)).toMatchObject({ intact: true });
    expect(hooksOf(id, 'report.received')).toHaveLength(1);
    expect(hooksOf(id, 'report.closed')).toHaveLength(1);

    const after = await stats(api);
    expect(after.followUp.recommendations - before.followUp.recommendations).toBe(1);
    expect(after.followUp.closed - before.followUp.closed).toBe(1);
    expect(after.followUp.closedOnTime - before.followUp.closedOnTime).toBe(0);
  });

  it('gives the PPK the end of dueAt as deadline, and a decision before it counts as on time', async () => {
    const before = await stats(api);
    const dueAt = daysFrom(today(), 10);
    const { id, receiptCode } = await submit(reportBody({ category: 'KAMPANYE', source: recommendation({ kind: 'BAWASLU_RECOMMENDATION', dueAt }) }));
    expect((await postForm(linkIn(await mailTo(api, mail('bkpsdm'), receiptCode)), { outcome: 'RECOMMEND', level: 'SEDANG', sanction: 'POTONG_TUKIN_6' })).status).toBe(200);
    const ppkMail = await mailTo(api, mail('ppk'), receiptCode);
    const r = await report(api, id);
    expect(r.followUpDueAt).toBe(endOfLocalDay(dueAt, 'Asia/Jakarta').toISOString());
    const exp = new URL(linkIn(ppkMail)).searchParams.get('exp');
    expect(Number(exp)).toBe(Math.floor(endOfLocalDay(dueAt, 'Asia/Jakarta').getTime() / 1000));
    expect((await postForm(linkIn(ppkMail), { outcome: 'DISMISS', notes: 'Bukti tidak cukup setelah klarifikasi.' })).status).toBe(200);
    await eventually('the execution to succeed', async () => runner.recordOf('34.02', id)?.status === 'SUCCEEDED');
    const after = await stats(api);
    expect(after.followUp.closed - before.followUp.closed).toBe(1);
    expect(after.followUp.closedOnTime - before.followUp.closedOnTime).toBe(1);
  });

  it('refuses a bad recommendation naming the field, and lists reports by source', async () => {
    const bad = async (source: unknown) => {
      const response = await api.request('/v1/reports', { method: 'POST', json: reportBody({ category: 'KAMPANYE', source }) });
      expect(response.status).toBe(400);
      return ((await response.json()).errors as { path: string }[]).map((e) => e.path);
    };
    expect(await bad(recommendation({ recommendedSanction: 'TEGURAN_LISAN' }))).toContain('source.recommendedSanction');
    expect(await bad(recommendation({ issuedAt: daysFrom(today(), 2) }))).toContain('source.issuedAt');
    expect(await bad({ kind: 'KASN_RECOMMENDATION' })).toContain('source.kind');

    const internal = await submit(reportBody());
    const bawaslu = await submit(reportBody({ category: 'KAMPANYE', source: recommendation({ kind: 'BAWASLU_RECOMMENDATION' }) }));
    const list = async (source: string) => ((await (await api.request(`/v1/reports?source=${source}&limit=100`)).json()).items as { id: string }[]).map((i) => i.id);
    expect(await list('BAWASLU_RECOMMENDATION')).toContain(bawaslu.id);
    expect(await list('BAWASLU_RECOMMENDATION')).not.toContain(internal.id);
    expect(await list('INTERNAL')).toContain(internal.id);
    expect(await list('INTERNAL')).not.toContain(bawaslu.id);
    expect((await api.request('/v1/reports?source=KASN')).status).toBe(400);
    // Other regions see none of it.
    const other = await api.request('/v1/reports?source=BAWASLU_RECOMMENDATION', { key: api.keys['34.01'] });
    expect((await other.json()).items).toEqual([]);
    await eventually('the executions', async () => runner.recordOf('34.02', bawaslu.id) && runner.recordOf('34.02', internal.id));
  });
});

describe('the case file', () => {
  it('is a printable HTML document of the region’s own report, with the chain and no reporter identity', async () => {
    const { id, receiptCode } = await submit(reportBody({ category: 'KAMPANYE', source: recommendation() }));
    await mailTo(api, mail('bkpsdm'), receiptCode);
    const response = await api.request(`/v1/reports/${id}/case-file`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const text = await response.text();
    for (const heading of ['Ringkasan kasus', 'Sumber dan rekomendasi', 'Keputusan', 'Linimasa dan rantai hash', 'Sanksi', 'Dibuat / Produced']) expect(text).toContain(heading);
    expect(text).toContain('BKPSDM Kabupaten Bantul');
    expect(text).toContain('B-4521/R-BKN/XI/2024');
    expect(text).toContain('@page{size:A4');
    const r = await report(api, id);
    for (const e of r.timeline) expect(text).toContain(e.hash);
    expect(text).not.toContain(reporter.name);
    expect(text).not.toContain(reporter.contact);
    expect((await api.request(`/v1/reports/${id}/case-file`, { key: api.keys['34.01'] })).status).toBe(404);
    expect((await api.request(`/v1/reports/${id}/case-file`, { key: null })).status).toBe(401);
    const stored = await deps.dynamo.doc.send(new GetCommand({ TableName: process.env.TABLE_NAME!, Key: keys.report('34.02', id) }));
    expect(stored.Item!.timelineHash).toBe(r.timelineHash);
  });
});

describe('Bawaslu told at every turn', () => {
  it('gets report.overdue once from the overdue notice, signed, with the chain head', async () => {
    const { id, receiptCode } = await submit(reportBody({ category: 'KAMPANYE', source: recommendation() }));
    await mailTo(api, mail('bkpsdm'), receiptCode);
    await Promise.all([notifyOverdue(deps, { regionId: '34.02', reportId: id }), notifyOverdue(deps, { regionId: '34.02', reportId: id })]);
    const hook = await eventually('report.overdue', async () => hooksOf(id, 'report.overdue')[0]);
    expect(verified(hook)).toBe(true);
    await eventually('its record', async () => (await report(api, id)).timeline.some((e: any) => e.event === 'report.overdue' && e.action === 'BAWASLU_WEBHOOK_DELIVERED'));
    await notifyOverdue(deps, { regionId: '34.02', reportId: id });
    // A start by the same name is a no-op: still one notice execution, and once it has ended nothing more of it is
    // on its way to the receiver.
    const notices = runner.list().filter((r) => r.input.reportId === id && r.input.notice === 'report.overdue');
    expect(notices).toHaveLength(1);
    await runner.waitFor(notices[0]!.name, (r) => r.status !== 'RUNNING');
    expect(hooksOf(id, 'report.overdue')).toHaveLength(1);
    expect((await report(api, id)).timeline.map((e: any) => e.hash)).toContain(hook.json.timelineHash);
  });

  it('sends one daily digest per region and day with the day’s received reports, none when there is nothing', async () => {
    const { receiptCode } = await submit(reportBody());
    const digestDeps = deps;
    const first = await sendDailyDigest(digestDeps, '34.02');
    expect(first).toMatchObject({ sent: true, date: today() });
    const digest = (await outbox(api)).filter((m) => m.subject.includes('Ringkasan harian Kabupaten Bantul'));
    expect(digest).toHaveLength(1);
    expect(digest[0]!.to).toEqual([mail('bawaslu')]);
    expect(digest[0]!.text).toContain(receiptCode);
    expect(digest[0]!.text).not.toContain(reporter.name);
    expect(digest[0]!.text).not.toContain(reporter.contact);
    expect(await sendDailyDigest(digestDeps, '34.02')).toMatchObject({ sent: false, reason: 'already-sent' });
    expect(await sendDailyDigest(digestDeps, '34.02', '2024-01-01')).toMatchObject({ sent: false, reason: 'nothing-to-tell' });
    // The schedule: before 07:00 local nothing; after it, yesterday's digest (nothing happened then here).
    const at = (iso: string) => ({ ...digestDeps, clock: { now: () => new Date(iso) } });
    expect(await scheduledDigest(at(`${today()}T06:59:00+07:00`), '34.02')).toBeNull();
    expect(await scheduledDigest(at(`${daysFrom(today(), 1)}T07:01:00+07:00`), '34.02')).toMatchObject({ sent: false, date: today(), reason: 'already-sent' });
  });
});
