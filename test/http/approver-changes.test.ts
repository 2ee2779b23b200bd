// Approver changes on waiting steps: a directory PUT and an acting period that starts hand the step over; the old
// link stops (410, naming the role only), the new holder's link decides and resumes the workflow; lost e-mails
// are sent again; nothing changes when the holder is the same.
import { describe, expect, it, vi } from 'vitest';
import { linkIn, mailTo, outbox, postForm, report, reportWithStatus, submitReport, submitToBkpp, workflowApi } from '../support/workflow.ts';
import { dependencies } from '../../functions/composition/root.ts';
import { applyApproverChanges } from '../../functions/use-cases/sanction/shared/approver-changes.ts';
import { sendReminder } from '../../functions/use-cases/sanction/deadlines.ts';
import { DEMO_REGIONS } from '../../infra/local/demo-data.ts';
import { localDate } from '../../functions/domain/time-zones.ts';

const deps = dependencies();
const api = workflowApi();

const bantul = DEMO_REGIONS.find((r) => r.region.id === '34.02')!;
const NEW_BKPP = 'kepala.bkpsdm.baru@bantul.demo.netra.example';
const day = (offset: number) => localDate(new Date(Date.now() + offset * 86400_000), 'Asia/Jakarta');
const changes = (timeline: any[]) => timeline.filter((e) => e.action === 'APPROVER_CHANGED');

const submit = () => submitReport(api);
const atBkpp = () => submitToBkpp(api);

describe('changing BKPP in the directory while a report waits there', () => {
  it('voids the old link (410, the role only), mails the new address, and the new link decides and resumes', async () => {
    const { id, receiptCode } = await atBkpp();
    const oldLink = linkIn(await mailTo(api, bantul.contacts.bkpp.email, receiptCode));
    await reportWithStatus(api, id, 'AWAITING_BKPP_ASSESSMENT');

    const put = await api.request('/v1/directory/contacts', { method: 'PUT', json: { ...bantul.contacts, bkpp: { name: 'Kepala BKPSDM Baru', email: NEW_BKPP } } });
    expect(put.status).toBe(200);
    const newLink = linkIn(await mailTo(api, NEW_BKPP, receiptCode));
    expect(newLink).not.toBe(oldLink);

    const old = await fetch(oldLink);
    expect(old.status).toBe(410);
    const page = await old.text();
    expect(page).toContain('diserahkan kepada pejabat BKPP');
    expect(page).toMatch(/<h1[^>]*>Keputusan diserahkan kepada pejabat lain/);
    expect(page).not.toContain(NEW_BKPP);
    expect(page).not.toContain('Kepala BKPSDM Baru');
    expect((await postForm(oldLink, { outcome: 'DISMISS', notes: 'terlambat' })).status).toBe(410);

    const r = await report(api, id);
    expect(changes(r.timeline)).toHaveLength(1);
    expect(r.status).toBe('AWAITING_BKPP_ASSESSMENT');

    expect((await postForm(newLink, { outcome: 'RECOMMEND', level: 'BERAT', sanction: 'PEMBERHENTIAN' })).status).toBe(200);
    // The workflow resumed from the new record: the PPK is asked.
    await reportWithStatus(api, id, 'AWAITING_PPK_DECISION');
    await mailTo(api, bantul.contacts.ppk.email, receiptCode);
    expect((await report(api, id)).decisions[0]!.by.name).toBe('Kepala BKPSDM Baru');
  });

  it('changes nothing when the PUT names the same holder', async () => {
    const { id, receiptCode } = await atBkpp();
    await mailTo(api, NEW_BKPP, receiptCode);
    await reportWithStatus(api, id, 'AWAITING_BKPP_ASSESSMENT');
    const sent = (await outbox(api)).length;
    expect((await api.request('/v1/directory/contacts', { method: 'PUT', json: { ...bantul.contacts, bkpp: { name: 'Kepala BKPSDM Baru', email: NEW_BKPP } } })).status).toBe(200);
    expect(changes((await report(api, id)).timeline)).toEqual([]);
    expect((await outbox(api)).length).toBe(sent);
  });
});

describe('an acting period that starts while a report waits for the OPD head', () => {
  const plt = { name: 'Dra. Wening Astuti', title: 'Plt. Kepala Dinas Pendidikan', email: 'plt.disdik@bantul.demo.netra.example', from: day(1), until: day(5) };

  it('is applied by applyApproverChanges on its first day: the acting official is asked, once, and the old link stops', async () => {
    const put = await api.request('/v1/directory/opds/disdik', { method: 'PUT', json: { ...bantul.opds.disdik, head: { ...bantul.opds.disdik!.head!, acting: plt } } });
    expect(put.status).toBe(200);
    const { id, receiptCode } = await submit();
    const oldLink = linkIn(await mailTo(api, bantul.opds.disdik!.head!.email, receiptCode));
    await reportWithStatus(api, id, 'AWAITING_OPD_REVIEW');

    // Today the permanent head holds the role: nothing to do.
    expect((await applyApproverChanges(deps, '34.02')).changed).toBe(0);

    // Tomorrow (in Bantul's zone) the acting official does. The mailer fails once, after the hand-over is stored.
    const tomorrow = { ...deps, clock: { now: () => new Date(Date.now() + 86400_000) } };
    const send = vi.spyOn(deps.mailer, 'send').mockRejectedValueOnce(new Error('SES unreachable'));
    const first = await applyApproverChanges(tomorrow, '34.02');
    expect(first.failed).toBe(1);
    send.mockRestore();
    expect((await fetch(oldLink)).status).toBe(410);
    // The next run sends the lost e-mail, and hands nothing over again.
    await applyApproverChanges(tomorrow, '34.02');
    const mail = await mailTo(api, plt.email, receiptCode);
    expect(mail.text).toContain('Yth. Plt. Kepala Dinas Pendidikan, Dra. Wening Astuti,');
    await applyApproverChanges(tomorrow, '34.02');
    expect((await outbox(api)).filter((m) => m.to.includes(plt.email) && m.subject.includes(receiptCode))).toHaveLength(1);
    expect(changes((await report(api, id)).timeline)).toHaveLength(1);
    expect(await (await fetch(oldLink)).text()).toContain('diserahkan kepada Kepala OPD');

    expect((await postForm(linkIn(mail), { outcome: 'FORWARD', notes: 'Diteruskan oleh Plt.' })).status).toBe(200);
    await reportWithStatus(api, id, 'AWAITING_BKPP_ASSESSMENT');
    await api.request('/v1/directory/opds/disdik', { method: 'PUT', json: bantul.opds.disdik });
  });
});

describe('a reminder on a day someone else holds the role', () => {
  it('goes to the holder of that day, as a hand-over with a new link', async () => {
    const plh = { name: 'Ir. Bambang', title: 'Plh. Kepala BKPSDM', email: 'plh.bkpsdm@bantul.demo.netra.example', from: day(3), until: day(4) };
    expect((await api.request('/v1/directory/contacts', { method: 'PUT', json: { ...bantul.contacts, bkpp: { ...bantul.contacts.bkpp, acting: plh } } })).status).toBe(200);
    const { id, receiptCode } = await atBkpp();
    await mailTo(api, bantul.contacts.bkpp.email, receiptCode);
    await reportWithStatus(api, id, 'AWAITING_BKPP_ASSESSMENT');
    const { pendingDecision } = (await deps.reports.get('34.02', id))!.report;
    const inThreeDays = { ...deps, clock: { now: () => new Date(Date.now() + 3 * 86400_000) } };
    expect(await sendReminder(inThreeDays, { regionId: '34.02', reportId: id, step: 'BKPP_ASSESSMENT', decisionKey: pendingDecision! })).toMatchObject({ reminded: true });
    const mail = await mailTo(api, plh.email, receiptCode);
    expect(mail.text).toContain('Yth. Plh. Kepala BKPSDM, Ir. Bambang,');
    expect(changes((await report(api, id)).timeline)).toHaveLength(1);
    await api.request('/v1/directory/contacts', { method: 'PUT', json: bantul.contacts });
  });
});
