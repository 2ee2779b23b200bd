// A person's record (GET /v1/people/{nip}) through the local HTTP server, the workflow runner and DynamoDB Local:
// the reports about that NIP (never their reporter, never an approver's name), their signature, their Satgas seat
// and the reads about them; nothing of another person; on the access log; another region 404; a bad NIP 400.
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually, linkIn, mailTo, postForm, reportWithStatus, submitToBkpp, workflowApi } from '../support/workflow.ts';
import { ceremonyBody, satgasBody, signatory } from '../support/api.ts';

const api = workflowApi();
const BKPP = 'bkpsdm@bantul.demo.netra.example';
const REPORTER = 'Pelapor Rahasia Orang';
const NOTES = 'Terbukti membagikan materi kampanye.';

/** A NIP no other test uses: the stack's DynamoDB Local is shared by the files of a run. */
const freshNip = () => `19${String(randomInt(1e8)).padStart(8, '0')}${String(randomInt(1e8)).padStart(8, '0')}`;
const employee = (nip: string, name: string) => ({ nip, name, position: 'Guru', opdId: 'dpupr', employmentType: 'PNS' });
const person = (nip: string, init: { key?: string | null; headers?: Record<string, string> } = {}) => api.request(`/v1/people/${nip}`, init);

/** One person with a report the agency decided on, a signature and a Satgas seat; another person with a report and
 *  a signature of their own. */
async function twoPeople() {
  const [nip, other] = [freshNip(), freshNip()];
  const mine = await submitToBkpp(api, { employee: employee(nip, 'Wening Pratiwi'), reporter: { kind: 'PUBLIC', name: REPORTER, contact: 'rahasia@example.org' } });
  const theirs = await submitToBkpp(api, { employee: employee(other, 'Orang Lain Sekali'), description: 'Uraian tentang orang lain yang tidak boleh tampak.' });
  expect((await postForm(linkIn(await mailTo(api, BKPP, mine.receiptCode)), { outcome: 'DISMISS', notes: NOTES })).status).toBe(200);
  await reportWithStatus(api, mine.id, 'DISMISSED');
  const ceremony = await (await api.request('/v1/ceremonies', { method: 'POST', json: ceremonyBody({ opdIds: ['dpupr'] }) })).json();
  const signed = await api.request(`/v1/ceremonies/${ceremony.id}/signatories`, {
    method: 'POST', json: { signatories: [signatory({ nip, name: 'Wening Pratiwi', opdId: 'dpupr' }), signatory({ nip: other, name: 'Orang Lain Sekali', opdId: 'dpupr' })] },
  });
  expect((await signed.json()).accepted).toBe(2);
  const satgas = satgasBody();
  satgas.members.push({ name: 'Wening Pratiwi', role: 'ANGGOTA', nip });
  expect((await api.request('/v1/directory/opds/dpupr/satgas', { method: 'PUT', json: satgas })).status).toBe(200);
  return { nip, other, mine, theirs, ceremonyId: ceremony.id as string };
}

describe('GET /v1/people/{nip}', () => {
  it('answers what the region holds about that NIP and nothing of another person, and logs the read', async () => {
    const { nip, other, mine, theirs, ceremonyId } = await twoPeople();
    expect((await api.request(`/v1/reports/${mine.id}`)).status).toBe(200); // a read of the report about them

    const response = await person(nip);
    expect(response.status).toBe(200);
    const text = await response.text();
    const record = JSON.parse(text);
    expect(record).toMatchObject({ nip, regionId: '34.02', truncated: false });
    expect(record.reports.map((r: { id: string }) => r.id)).toEqual([mine.id]);
    expect(record.reports[0]).toMatchObject({ status: 'DISMISSED', employee: { nip, name: 'Wening Pratiwi' } });
    expect(record.reports[0].decisions).toEqual([{ step: 'BKPP_ASSESSMENT', outcome: 'DISMISS', notes: NOTES, at: expect.any(String) }]);
    expect(record.signatures).toEqual([expect.objectContaining({ electionId: 'pilkada-2024', kind: 'IKRAR_ASN', ceremonyId, name: 'Wening Pratiwi', opdId: 'dpupr' })]);
    expect(record.satgas).toEqual([{ opdId: 'dpupr', role: 'ANGGOTA', name: 'Wening Pratiwi', decree: satgasBody().decree }]);
    expect(record.accessLog).toContainEqual(expect.objectContaining({ route: 'GET /v1/reports/{id}', reportId: mine.id }));
    for (const foreign of [other, theirs.id, 'Orang Lain Sekali', REPORTER, 'rahasia@example.org', 'Kepala Dinas', 'BKPSDM Bantul']) {
      expect(text, foreign).not.toContain(foreign);
    }

    // The read itself is on the record's own log: the next answer lists it, with the key's id.
    const keyId = (await api.deps.keys.list('34.02'))[0]!.keyId;
    const again = await eventually('the record\'s own read logged', async () => {
      const next = await (await person(nip)).json();
      return next.accessLog.some((e: { route: string }) => e.route === 'GET /v1/people/{nip}') ? next : undefined;
    });
    expect(again.accessLog.find((e: { route: string }) => e.route === 'GET /v1/people/{nip}')).toEqual({ at: expect.any(String), keyId, route: 'GET /v1/people/{nip}', nip });
  });

  it('with Accept: text/html answers a page in the region\'s words, without the reporter', async () => {
    const { nip, mine } = await twoPeople();
    const response = await person(nip, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain('Data Pribadi yang Disimpan');
    expect(page).toContain('BKPSDM Kabupaten Bantul');
    expect(page).toContain(mine.receiptCode);
    expect(page).toMatch(/WIB/);
    expect(page).not.toContain(REPORTER);
    expect(page).not.toContain('DISMISSED');
  });

  it('another region\'s key gets 404, as does a NIP the region holds nothing about', async () => {
    const { nip } = await twoPeople();
    const foreign = await person(nip, { key: api.keys['34.01']! });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
    expect((await person(freshNip())).status).toBe(404);
    expect((await person(nip, { key: null })).status).toBe(401);
  });

  it.each(['12345', '19800101200501100x', '1980010120050110011'])('a bad NIP (%s) is 400 naming nip', async (bad) => {
    const response = await person(bad);
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { path: string }) => e.path)).toEqual(['path.nip']);
  });
});
