// The retention purge against DynamoDB Local through the real stores and the HTTP API: a report closed five years
// ago loses its personal data in every answer, its chain (hash-committed personal values) still verifies and says
// how many entries were erased, GET /v1/stats answers exactly the same, and the person's record no longer finds it.
import { describe, expect, it } from 'vitest';
import { linkIn, mailTo, postForm, reportWithStatus, stats, submitToBkpp, workflowApi } from '../support/workflow.ts';
import { ceremonyBody, signatory } from '../support/api.ts';
import { runRetention } from '../../functions/use-cases/retention.ts';
import { verifyReport } from '../../functions/use-cases/timeline.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { queryAll } from '../../functions/adapters/dynamodb/query-all.ts';
import { config } from '../../functions/lib/config.ts';

const api = workflowApi();
const BKPP = 'bkpsdm@bantul.demo.netra.example';
const REPORTER = 'Pelapor Retensi Uji';
const NOTES = 'Tidak terbukti menurut keterangan saksi Ahmad Fauzi.';
const NIP = '199101012019031009';

describe('retention run', () => {
  it('erases a closed report\'s personal data five years on; the chain verifies; stats are unchanged', async () => {
    const { id, receiptCode } = await submitToBkpp(api, {
      employee: { nip: NIP, name: 'Wulan Anggraini', position: 'Guru', opdId: 'dpupr', employmentType: 'PNS' },
      reporter: { kind: 'PUBLIC', name: REPORTER, contact: 'retensi@example.org' },
      location: 'Sekolah Dasar Negeri 3 Bantul',
    });
    expect((await postForm(linkIn(await mailTo(api, BKPP, receiptCode)), { outcome: 'DISMISS', notes: NOTES })).status).toBe(200);
    const closed = await reportWithStatus(api, id, 'DISMISSED');
    const open = await submitToBkpp(api); // still waiting: never erased
    // A pledge signed the same day: its signatures go after their own period (default P5Y from the ceremony).
    const ceremony = await (await api.request('/v1/ceremonies', { method: 'POST', json: ceremonyBody({ heldAt: new Date().toISOString(), opdIds: ['dpupr'] }) })).json();
    const signed = await api.request(`/v1/ceremonies/${ceremony.id}/signatories`, { method: 'POST', json: { signatories: [signatory({ nip: NIP, name: 'Wulan Anggraini', opdId: 'dpupr' })] } });
    expect((await signed.json()).accepted).toBe(1);
    expect((await (await api.request(`/v1/people/${NIP}`)).json()).signatures).toHaveLength(1);
    const before = await stats(api);
    const compliance = await (await api.request('/v1/compliance?electionId=pilkada-2024')).json();

    // Not yet: a day short of five years after the close. (Its notices to Bawaslu may still move updatedAt by
    // seconds, so the run below is a day past the five years.)
    const fiveYears = new Date(closed.updatedAt);
    fiveYears.setUTCFullYear(fiveYears.getUTCFullYear() + 5);
    expect((await runRetention(api.deps, '34.02', { asOf: new Date(fiveYears.getTime() - 86_400_000) })).reports.erased).toBe(0);
    fiveYears.setUTCDate(fiveYears.getUTCDate() + 1);
    const dry = await runRetention(api.deps, '34.02', { asOf: fiveYears, dryRun: true });
    expect(dry.reports.ids).toEqual([id]);
    expect((await (await api.request(`/v1/reports/${id}`)).json()).personalDataErasedAt).toBeUndefined();

    const run = await runRetention(api.deps, '34.02', { asOf: fiveYears });
    expect(run.reports).toEqual({ erased: 1, ids: [id] });
    expect(run.ceremonies).toEqual({ erased: 1, ids: [ceremony.id], signatures: 1 });
    const response = await api.request(`/v1/reports/${id}`);
    const text = await response.text();
    const report = JSON.parse(text);
    expect(report).toMatchObject({ status: 'DISMISSED', category: closed.category, description: '(dihapus)', location: '(dihapus)', evidenceUrls: [], reporter: { kind: 'PUBLIC', sealed: true } });
    expect(report.employee).toMatchObject({ name: '(dihapus)', nipHash: expect.stringMatching(/^[0-9a-f]{64}$/), opdId: 'dpupr' });
    expect(report.timeline.at(-1)).toMatchObject({ action: 'PERSONAL_DATA_ERASED', actor: 'SYSTEM' });
    for (const personal of [NIP, 'Wulan', REPORTER, NOTES, 'Sekolah Dasar']) expect(text, personal).not.toContain(personal);
    const caseFile = await (await api.request(`/v1/reports/${id}/case-file`)).text();
    expect(caseFile).not.toContain('Wulan');

    // The stored items: no sealed reporter, no index entry under the NIP, no salt left beside an erased value.
    const items = await queryAll(api.deps.dynamo.doc, config().tableName, keys.reportPartition('34.02', id), { consistent: true });
    expect(items.map((item) => item.SK)).not.toContain('REPORTER');
    expect(items.map((item) => item.SK)).not.toContain('PERSON');
    expect(JSON.stringify(items)).not.toContain(NIP);

    const check = await verifyReport(api.deps, '34.02', id);
    expect(check).toMatchObject({ intact: true, entries: report.timeline.length });
    expect(check.intact && check.erased).toBeGreaterThan(0);
    expect(await stats(api)).toEqual(before);
    expect(await (await api.request('/v1/compliance?electionId=pilkada-2024')).json()).toEqual(compliance);
    const ceremonies = await (await api.request('/v1/ceremonies?electionId=pilkada-2024')).json();
    expect(ceremonies.items.find((c: { id: string }) => c.id === ceremony.id)).toMatchObject({ leader: { name: '(dihapus)' }, personalDataErasedAt: expect.any(String), signatories: 1 });
    expect((await api.request(`/v1/people/${NIP}`)).status).toBe(404);
    expect((await (await api.request(`/v1/reports/${open.id}`)).json()).employee.name).toBe('Budi Santoso');
    // A second run (a retried schedule) erases nothing more.
    const again = await runRetention(api.deps, '34.02', { asOf: fiveYears });
    expect([again.reports.erased, again.ceremonies.erased]).toEqual([0, 0]);
  });
});
