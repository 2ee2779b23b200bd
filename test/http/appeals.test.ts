// Appeals through the local HTTP server, the real handlers, the workflow runner and DynamoDB Local: a report the PPK
// sanctioned gets its decree delivered, an objection or appeal filed, BPASN's outcome recorded; bad input of every
// new body is a 4xx problem+json naming the field and writes nothing.
import { describe, expect, it } from 'vitest';
import { linkIn, mailTo, postForm, report, reportWithStatus, stats, submitToBkpp, workflowApi } from '../support/workflow.ts';
import { workingDeadline } from '../../functions/domain/working-days.ts';

const api = workflowApi();
const BKPP = 'bkpsdm@bantul.demo.netra.example';
const PPK = 'ppk@bantul.demo.netra.example';

/** A report the PPK closed with this sanction, through the real decision links. */
async function sanctioned(level: string, sanction: string) {
  const { id, receiptCode } = await submitToBkpp(api);
  expect((await postForm(linkIn(await mailTo(api, BKPP, receiptCode)), { outcome: 'RECOMMEND', level, sanction, notes: 'Terbukti.' })).status).toBe(200);
  expect((await postForm(linkIn(await mailTo(api, PPK, receiptCode)), { outcome: 'IMPOSE', level, sanction, decreeNumber: '800/5/2026', notes: 'Terbukti.' })).status).toBe(200);
  return (await reportWithStatus(api, id, 'SANCTIONED')).id;
}

const post = (path: string, json: unknown) => api.request(path, { method: 'POST', json });
const problem = async (response: Response) => ({ status: response.status, type: response.headers.get('content-type'), body: await response.json() });

describe('POST /v1/reports/{id}/decree-delivery', () => {
  it('records delivery: appealBy 14 working days on the region\'s calendar, effectiveAt, a DECREE_DELIVERED entry', async () => {
    const id = await sanctioned('SEDANG', 'POTONG_TUKIN_9');
    const deliveredAt = new Date().toISOString();
    const response = await post(`/v1/reports/${id}/decree-delivery`, { deliveredAt });
    expect(response.status).toBe(200);
    const sanction = await response.json();
    expect(sanction).toMatchObject({ sanction: 'POTONG_TUKIN_9', decreeNumber: '800/5/2026', deliveredAt, appealBy: workingDeadline(deliveredAt, 14, 'Asia/Jakarta').at });
    const read = await report(api, id);
    expect(read.sanction).toEqual(sanction);
    // Bawaslu's notice of the sanction runs in its own execution and may land after this entry.
    expect(read.timeline).toContainEqual(expect.objectContaining({ action: 'DECREE_DELIVERED', status: 'SANCTIONED' }));
    expect(read).not.toHaveProperty('appealsVersion');
    expect((await post(`/v1/reports/${id}/decree-delivery`, { deliveredAt })).status).toBe(409);
  });

  it('bad input: 400 naming the field, and nothing written', async () => {
    const id = await sanctioned('SEDANG', 'POTONG_TUKIN_9');
    for (const [body, path] of [
      [{}, 'deliveredAt'], [{ deliveredAt: '2026-12-01' }, 'deliveredAt'], [{ deliveredAt: 'kemarin' }, 'deliveredAt'],
      [{ deliveredAt: '2999-01-01T00:00:00+07:00' }, 'deliveredAt'], [{ deliveredAt: '2020-01-01T00:00:00+07:00' }, 'deliveredAt'],
      [{ deliveredAt: new Date().toISOString(), extra: 1 }, ''],
    ] as const) {
      const answer = await problem(await post(`/v1/reports/${id}/decree-delivery`, body));
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path);
    }
    expect((await report(api, id)).sanction!.deliveredAt).toBeUndefined();
    expect((await post('/v1/reports/01J0000000000000000000000Z/decree-delivery', { deliveredAt: new Date().toISOString() })).status).toBe(404);
    expect((await post(`/v1/reports/${id}/decree-delivery`, { deliveredAt: new Date().toISOString() })).status).toBe(200);
  });
});

describe('a 409 that names a status', () => {
  it('says it in the words the pages use (the region\'s agency), never its code', async () => {
    const { id } = await submitToBkpp(api);
    await reportWithStatus(api, id, 'AWAITING_BKPP_ASSESSMENT');
    const early = await problem(await post(`/v1/reports/${id}/decree-delivery`, { deliveredAt: new Date().toISOString() }));
    expect(early.status).toBe(409);
    expect(early.type).toContain('application/problem+json');
    expect(early.body.detail).toBe('Status laporan: Menunggu penilaian BKPSDM; tidak ada sanksi yang berlaku / The report\'s status: Awaiting the BKPSDM assessment; no sanction is in force');

    const sanctionedId = await sanctioned('BERAT', 'PEMBERHENTIAN');
    const filed = await (await post(`/v1/reports/${sanctionedId}/appeals`, { kind: 'BANDING', filedAt: new Date().toISOString(), grounds: 'Saya hanya hadir pasif.' })).json();
    const decision = { outcome: 'KUATKAN', decisionNumber: 'BPASN/9/2026', decidedAt: new Date().toISOString() };
    expect((await post(`/v1/reports/${sanctionedId}/appeals/${filed.appealId}/decision`, decision)).status).toBe(200);
    const again = await problem(await post(`/v1/reports/${sanctionedId}/appeals/${filed.appealId}/decision`, { ...decision, outcome: 'BATALKAN' }));
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('Status banding ini: Diputus / This appeal\'s status: decided');
  });
});

describe('POST /v1/reports/{id}/appeals', () => {
  const body = (kind: string, filedAt = new Date().toISOString()) => ({ kind, filedAt, grounds: 'Saya hanya hadir pasif tanpa atribut.' });

  it('an objection in time: 201 OPEN with decideBy, on the report and its timeline, counted; a second one is 409', async () => {
    const before = (await stats(api)).appeals;
    const id = await sanctioned('SEDANG', 'POTONG_TUKIN_9');
    const response = await post(`/v1/reports/${id}/appeals`, body('KEBERATAN'));
    expect(response.status).toBe(201);
    const filed = await response.json();
    expect(filed).toEqual({ appealId: expect.stringMatching(/^[0-9A-Z]{26}$/), status: 'OPEN', decideBy: expect.any(String) });
    const read = await report(api, id);
    expect(read.appeals).toEqual([expect.objectContaining({ id: filed.appealId, kind: 'KEBERATAN', status: 'OPEN' })]);
    expect(read.timeline).toContainEqual(expect.objectContaining({ action: 'APPEAL_FILED' }));
    expect((await stats(api)).appeals).toMatchObject({ filed: before.filed + 1, open: before.open + 1 });
    expect((await post(`/v1/reports/${id}/appeals`, body('KEBERATAN'))).status).toBe(409);
  });

  it('422 naming the rule for a moral sanction and for the wrong route', async () => {
    const moral = await sanctioned('MORAL', 'MORAL_TERBUKA');
    const refused = await problem(await post(`/v1/reports/${moral}/appeals`, body('KEBERATAN')));
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ path: 'kind', message: expect.stringContaining('PP 42/2004') });
    const dismissal = await sanctioned('BERAT', 'PEMBERHENTIAN');
    expect((await problem(await post(`/v1/reports/${dismissal}/appeals`, body('KEBERATAN')))).body.errors[0].message).toContain('BPASN');
    expect((await report(api, dismissal)).appeals).toBeUndefined();
  });

  it('a BANDING against dismissal is recorded and decided by the region: RINGANKAN moves the sanction, history kept', async () => {
    const id = await sanctioned('BERAT', 'PEMBERHENTIAN');
    const filed = await (await post(`/v1/reports/${id}/appeals`, body('BANDING'))).json();
    expect(filed.status).toBe('OPEN');
    const decision = { outcome: 'RINGANKAN', decisionNumber: 'BPASN/3/2026', decidedAt: new Date().toISOString(), sanction: 'PEMBEBASAN_JABATAN_12' };
    const response = await post(`/v1/reports/${id}/appeals/${filed.appealId}/decision`, decision);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'DECIDED', reportStatus: 'SANCTIONED', sanction: { sanction: 'PEMBEBASAN_JABATAN_12' } });
    const read = await report(api, id);
    expect(read.sanction).toMatchObject({ sanction: 'PEMBEBASAN_JABATAN_12', byAppeal: filed.appealId });
    expect(read.sanctionHistory).toEqual([expect.objectContaining({ sanction: 'PEMBERHENTIAN', decreeNumber: '800/5/2026' })]);
    expect(read.timeline).toContainEqual(expect.objectContaining({ action: 'APPEAL_DECIDED', actor: 'BPASN' }));
    // The same recording again (a retry) answers the same and moves nothing; another outcome is 409.
    expect((await post(`/v1/reports/${id}/appeals/${filed.appealId}/decision`, decision)).status).toBe(200);
    expect((await post(`/v1/reports/${id}/appeals/${filed.appealId}/decision`, { ...decision, outcome: 'KUATKAN', sanction: undefined })).status).toBe(409);
    expect((await report(api, id)).sanctionHistory).toHaveLength(1);
  });

  it('bad input of the filing and the decision: 400 naming the field, nothing written', async () => {
    const id = await sanctioned('BERAT', 'PEMBERHENTIAN');
    for (const [sent, path] of [
      [{ ...body('BANDING'), kind: 'KASASI' }, 'kind'], [{ ...body('BANDING'), grounds: '  ' }, 'grounds'],
      [{ ...body('BANDING'), grounds: 'x'.repeat(5001) }, 'grounds'], [{ ...body('BANDING'), filedAt: '2999-01-01T00:00:00Z' }, 'filedAt'],
      [{ ...body('BANDING'), filedAt: '2026-13-01T00:00:00Z' }, 'filedAt'], [{ ...body('BANDING'), documentUrls: ['javascript:alert(1)'] }, 'documentUrls.0'],
      [{ kind: 'BANDING', grounds: 'x' }, 'filedAt'],
    ] as const) {
      const answer = await problem(await post(`/v1/reports/${id}/appeals`, sent));
      expect(answer.status, JSON.stringify(sent)).toBe(400);
      expect(answer.body.errors.map((e: { path: string }) => e.path), JSON.stringify(sent)).toContain(path);
    }
    expect((await report(api, id)).appeals).toBeUndefined();
    const { appealId } = await (await post(`/v1/reports/${id}/appeals`, body('BANDING'))).json();
    const now = new Date().toISOString();
    for (const [sent, path] of [
      [{ outcome: 'TOLAK', decisionNumber: 'B/1', decidedAt: now }, 'outcome'], [{ outcome: 'KUATKAN', decidedAt: now }, 'decisionNumber'],
      [{ outcome: 'KUATKAN', decisionNumber: 'B/1', decidedAt: '2999-01-01T00:00:00Z' }, 'decidedAt'],
      [{ outcome: 'PERBERAT', decisionNumber: 'B/1', decidedAt: now, sanction: 'TEGURAN_LISAN' }, 'sanction'],
      [{ outcome: 'UBAH', decisionNumber: 'B/1', decidedAt: now, sanction: 'HUKUMAN_MATI' }, 'sanction'],
    ] as const) {
      const answer = await problem(await post(`/v1/reports/${id}/appeals/${appealId}/decision`, sent));
      expect(answer.status, JSON.stringify(sent)).toBe(400);
      expect(answer.body.errors.map((e: { path: string }) => e.path), JSON.stringify(sent)).toContain(path);
    }
    expect((await report(api, id)).appeals![0]!.status).toBe('OPEN');
    expect((await post(`/v1/reports/${id}/appeals/not-an-id/decision`, { outcome: 'KUATKAN', decisionNumber: 'B/1', decidedAt: now })).status).toBe(400);
  });

  it('another region\'s report is 404', async () => {
    const id = await sanctioned('SEDANG', 'POTONG_TUKIN_9');
    const other = await api.request(`/v1/reports/${id}/appeals`, { method: 'POST', json: body('KEBERATAN'), key: api.keys['34.01'] });
    expect(other.status).toBe(404);
  });
});
