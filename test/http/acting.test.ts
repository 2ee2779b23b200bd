// Acting officials and the BKPP conflict of interest, through the directory API, the workflow and the outbox.
import { describe, expect, it } from 'vitest';
import { reportBody } from '../support/api.ts';
import { linkIn, mailTo, outbox, report, reportWithStatus, submitReport, workflowApi } from '../support/workflow.ts';
import { DEMO_REGIONS } from '../../infra/local/demo-data.ts';
import { localDate } from '../../functions/domain/time-zones.ts';

const api = workflowApi();

const bantul = DEMO_REGIONS.find((r) => r.region.id === '34.02')!;
const day = (offset: number) => localDate(new Date(Date.now() + offset * 86400_000), 'Asia/Jakarta');
const plt = { name: 'Dra. Wening Astuti', title: 'Plt. Kepala Dinas Pendidikan', email: 'plt.disdik@bantul.demo.netra.example', from: day(-1), until: day(1) };

const submit = (overrides: Record<string, unknown> = {}) => submitReport(api, overrides);

describe('an OPD head with an acting official', () => {
  it('while the period covers today, the request goes to the acting official, greeted by title', async () => {
    const put = await api.request('/v1/directory/opds/disdik', { method: 'PUT', json: { ...bantul.opds.disdik, head: { ...bantul.opds.disdik!.head!, acting: plt } } });
    expect(put.status).toBe(200);
    const { id, receiptCode } = await submit();
    const mail = await mailTo(api, plt.email, receiptCode);
    expect(mail.text).toContain('Yth. Plt. Kepala Dinas Pendidikan, Dra. Wening Astuti,');
    expect((await outbox(api)).some((m) => m.subject.includes(receiptCode) && m.to.includes(bantul.opds.disdik!.head!.email))).toBe(false);
    const page = await (await fetch(linkIn(mail))).text();
    expect(page).toContain('Yth. <strong>Plt. Kepala Dinas Pendidikan, Dra. Wening Astuti</strong>');
    expect((await report(api, id)).timeline.at(-1)!.note).toContain('Plt. Kepala Dinas Pendidikan');
    const directory = await (await api.request('/v1/directory')).json();
    expect(directory.opds.find((o: any) => o.opdId === 'disdik').head.acting).toEqual(plt);
  });

  it('outside the period, the permanent head is asked', async () => {
    await api.request('/v1/directory/opds/disdik', { method: 'PUT', json: { ...bantul.opds.disdik, head: { ...bantul.opds.disdik!.head!, acting: { ...plt, from: day(-10), until: day(-2) } } } });
    const { receiptCode } = await submit();
    await mailTo(api, bantul.opds.disdik!.head!.email, receiptCode);
    expect((await outbox(api)).some((m) => m.subject.includes(receiptCode) && m.to.includes(plt.email))).toBe(false);
  });

  it('refuses a period that ends before it starts, naming the field, and keeps the old record', async () => {
    const before = await (await api.request('/v1/directory')).json();
    const response = await api.request('/v1/directory/opds/disdik', { method: 'PUT', json: { ...bantul.opds.disdik, head: { ...bantul.opds.disdik!.head!, acting: { ...plt, from: day(1), until: day(-1) } } } });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: any) => e.path)).toEqual(['head.acting.until']);
    const contacts = await api.request('/v1/directory/contacts', { method: 'PUT', json: { ...bantul.contacts, ppk: { ...bantul.contacts.ppk, acting: { ...plt, title: 'Plh. Bupati', from: day(1), until: day(-1) } } } });
    expect(contacts.status).toBe(400);
    expect((await contacts.json()).errors.map((e: any) => e.path)).toEqual(['ppk.acting.until']);
    expect(await (await api.request('/v1/directory')).json()).toEqual(before);
  });
});

describe('a report about the BKPP holder', () => {
  it('goes to the Sekda for the BKPP step, with the reason on the timeline', async () => {
    const nip = '198001012005011001';
    const put = await api.request('/v1/directory/contacts', { method: 'PUT', json: { ...bantul.contacts, bkpp: { ...bantul.contacts.bkpp, nip } } });
    expect(put.status).toBe(200);
    // dpupr has no head: the report goes straight to the BKPP step.
    const { id, receiptCode } = await submit({ employee: { ...reportBody().employee, nip, opdId: 'dpupr' } });
    const mail = await mailTo(api, bantul.contacts.sekda!.email, receiptCode);
    expect(mail.subject).toContain('Penilaian BKPSDM');
    const r = await reportWithStatus(api, id, 'AWAITING_BKPP_ASSESSMENT');
    const conflict = r.timeline.find((e: any) => e.action === 'APPROVER_CONFLICT_OF_INTEREST');
    expect(conflict!.note).toContain('Sekretaris Daerah');
    expect((await outbox(api)).some((m) => m.subject.includes(receiptCode) && m.to.includes(bantul.contacts.bkpp.email))).toBe(false);
    await api.request('/v1/directory/contacts', { method: 'PUT', json: bantul.contacts });
  });
});
