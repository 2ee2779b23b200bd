// The national bodies' routes through the local server, the real handlers and DynamoDB Local: the two kinds of key
// kept to their own routes (403 both ways), a pushed recommendation seen by the region, the body's own list, the
// follow-up as JSON, CSV and a page, actions, and bad input of every new body naming its field.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reportBody, startTestApi, type TestApi } from '../support/api.ts';
import { createRegion, issueKey } from '../../functions/use-cases/keys.ts';
import { recommendation } from '../support/scenarios.ts';

let api: TestApi;
let bkn: string;
let bawaslu: string;
beforeAll(async () => {
  api = await startTestApi();
  // Intake and actions alone: the workflow and the notice executions are tested in test/unit and test/workflow.
  vi.spyOn(api.deps.workflow, 'start').mockResolvedValue();
  vi.spyOn(api.deps.workflow, 'startNotice').mockResolvedValue();
  bkn = (await issueKey(api.deps, { body: 'BKN' })).key;
  bawaslu = (await issueKey(api.deps, { body: 'BAWASLU_RI' })).key;
});
afterAll(() => api.close());

const pushing = (body: unknown, key = bkn, headers: Record<string, string> = {}) =>
  api.request('/v1/national/recommendations', { method: 'POST', key, json: body, headers });
const fields = async (response: Response) => ((await response.json()).errors ?? []).map((e: { path: string }) => e.path);

describe('keys: each kind on its own routes', () => {
  it('a region key on /v1/national/... is 403 problem+json, a national key on a region route too; no key is 401', async () => {
    for (const path of ['/v1/national/follow-up', '/v1/national/recommendations']) {
      const response = await api.request(path, { key: api.keys['34.02'] });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    for (const path of ['/v1/reports', '/v1/stats?electionId=pilkada-2024', '/v1/directory']) {
      const response = await api.request(path, { key: bkn });
      expect(response.status).toBe(403);
      expect((await response.json()).detail).toContain('/v1/national/');
    }
    const pushed = await api.request('/v1/reports', { method: 'POST', key: bkn, json: {} });
    expect(pushed.status).toBe(403);
    expect((await api.request('/v1/national/follow-up', { key: null })).status).toBe(401);
  });
});

describe('POST /v1/national/recommendations', () => {
  it('stores a report in the region, with the body\'s source and reporter, that the region reads; a retry is the same report', async () => {
    const first = await pushing(recommendation(), bkn, { 'idempotency-key': 'http-1' });
    expect(first.status).toBe(202);
    const pushed = await first.json();
    expect(pushed).toEqual({ regionId: '34.02', id: expect.stringMatching(/^[0-9A-Z]{26}$/), receiptCode: expect.stringMatching(/^NTR-/), status: 'RECEIVED' });
    expect(await (await pushing(recommendation(), bkn, { 'idempotency-key': 'http-1' })).json()).toEqual(pushed);
    const seen = await (await api.request(`/v1/reports/${pushed.id}`)).json();
    expect(seen).toMatchObject({ nationalBody: 'BKN', reporter: { kind: 'OTHER', sealed: true }, source: { kind: 'BKN_RECOMMENDATION', number: 'B-4521/R-BKN/XI/2024' } });
    // Another region's key does not see it.
    expect((await api.request(`/v1/reports/${pushed.id}`, { key: api.keys['34.01'] })).status).toBe(404);
  });

  it('answers 404 for a region not on netra and 400 naming each bad field, writing nothing', async () => {
    const unknown = await pushing(recommendation({ regionId: '99.98' }));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const cases: [Record<string, unknown>, string[]][] = [
      [{ regionId: 'toString' }, ['regionId']],
      [{ number: '' }, ['number']],
      [{ issuedAt: '2024-02-30' }, ['issuedAt']],
      [{ dueAt: '2024-09-01' }, ['dueAt']],
      [{ recommendedSanction: 'PEMBERHENTIAN' }, ['recommendedLevel']],
      [{ recommendedLevel: 'RINGAN', recommendedSanction: 'PEMBERHENTIAN' }, ['recommendedSanction']],
      [{ actCode: 'TIDAK_ADA' }, ['actCode']],
      [{ employee: { ...recommendation().employee, nip: '123' } }, ['employee.nip']],
      [{ employee: { ...recommendation().employee, opdId: 'tidak-ada' } }, ['employee.opdId']],
      [{ incidentDate: '2999-01-01' }, ['incidentDate']],
      [{ reporter: { kind: 'PUBLIC' } }, ['']],
      [{ constructor: 'x' }, ['constructor']],
    ];
    for (const [overrides, expected] of cases) {
      const response = await pushing({ ...recommendation(), ...overrides });
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(await fields(response), JSON.stringify(overrides)).toEqual(expected);
    }
    const list = await (await api.request('/v1/national/recommendations?regionId=99.98', { key: bkn })).json();
    expect(list.items).toEqual([]);
    expect((await api.request('/v1/national/recommendations', { method: 'POST', key: bkn, body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });
});

describe('GET /v1/national/recommendations', () => {
  it('lists only the calling body\'s, with no reporter, description or notes; bad filters and forged cursors are 400', async () => {
    const mine = await (await pushing(recommendation({ number: 'B-OWN' }))).json();
    await pushing(recommendation({ number: 'R-OTHER' }), bawaslu);
    const page = await (await api.request('/v1/national/recommendations?limit=100', { key: bkn })).json();
    expect(page.items.map((item: { id: string }) => item.id)).toContain(mine.id);
    expect(page.items.every((item: { number: string }) => item.number !== 'R-OTHER')).toBe(true);
    const text = JSON.stringify(page);
    for (const personal of ['Budi', 'poster', 'reporter', 'description', 'notes']) expect(text).not.toContain(personal);
    const theirs = await (await api.request('/v1/national/recommendations', { key: bawaslu })).json();
    expect(theirs.items.map((item: { number: string }) => item.number)).toEqual(['R-OTHER']);
    const first = await (await api.request('/v1/national/recommendations?limit=1', { key: bkn })).json();
    expect(first.cursor).toEqual(expect.any(String));
    // BKN's cursor continues only BKN's list.
    expect(await fields(await api.request(`/v1/national/recommendations?cursor=${first.cursor}`, { key: bawaslu }))).toEqual(['cursor']);
    expect(await fields(await api.request('/v1/national/recommendations?limit=0&status=NOPE', { key: bkn }))).toEqual(expect.arrayContaining(['query.status', 'query.limit']));
  });
});

describe('GET /v1/national/follow-up', () => {
  it('answers the regions\' counts as JSON, as CSV with formulas neutralised, and as a page with an SVG chart and no script', async () => {
    await createRegion(api.deps, { id: '34.71', name: '=HYPERLINK("http://x")', agencyName: 'BKPP' });
    await api.deps.directory.putOpd('34.71', 'disdik', { name: 'Dinas Pendidikan' }, new Date().toISOString());
    await pushing(recommendation({ regionId: '34.71' }));
    const json = await (await api.request('/v1/national/follow-up?electionId=pilkada-2024', { key: bawaslu })).json();
    const bantul = json.regions.find((row: { regionId: string }) => row.regionId === '34.02');
    expect(bantul).toMatchObject({ name: 'Kabupaten Bantul', agencyName: 'BKPSDM', open: bantul.recommendations, overdue: 0, onTimeRate: null });
    expect(bantul.recommendations).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(json)).not.toContain('Budi');
    const csv = await api.request('/v1/national/follow-up', { key: bkn, headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('regionId,name,agencyName,recommendations,open,closed,closedOnTime,overdue,onTimeRate,medianDaysToClose,TEGURAN,BLOKIR_DATA,BUKA_BLOKIR');
    expect(lines.find((line) => line.startsWith('34.71'))).toContain(`"'=HYPERLINK(""http://x"")"`);
    const page = await api.request('/v1/national/follow-up', { key: bkn, headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<svg');
    expect(html).toContain('Tindak Lanjut Rekomendasi');
    expect(html).toContain('WIB');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<svg onload');
    expect(await fields(await api.request('/v1/national/follow-up?electionId=pemilu-1999', { key: bkn }))).toEqual(['query.electionId']);
  });
});

describe('POST /v1/national/recommendations/{regionId}/{id}/actions', () => {
  it('records a TEGURAN on the region\'s timeline once (201 again for a retry), and keeps other bodies and bad input out', async () => {
    const pushed = await (await pushing(recommendation({ number: 'B-ACT' }))).json();
    const path = `/v1/national/recommendations/34.02/${pushed.id}/actions`;
    const act = (json: unknown, key = bkn) => api.request(path, { method: 'POST', key, json });
    const first = await act({ kind: 'TEGURAN', letterNumber: 'T-1/BKN/2024' });
    expect(first.status).toBe(201);
    const action = await first.json();
    expect(action).toMatchObject({ body: 'BKN', kind: 'TEGURAN', letterNumber: 'T-1/BKN/2024' });
    const again = await act({ kind: 'TEGURAN', letterNumber: 'T-1/BKN/2024' });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(action);
    const report = await (await api.request(`/v1/reports/${pushed.id}`)).json();
    expect(report.timeline.filter((entry: { action: string }) => entry.action === 'NATIONAL_ACTION')).toHaveLength(1);
    expect(report.timelineHash).toBe(report.timeline.at(-1).hash);
    expect(api.deps.workflow.startNotice).toHaveBeenCalledWith({ regionId: '34.02', reportId: pushed.id, event: `report.national_action:${action.id}` });
    const listed = await (await api.request('/v1/national/recommendations?regionId=34.02&limit=100', { key: bkn })).json();
    expect(listed.items.find((item: { id: string }) => item.id === pushed.id).actions).toEqual([action]);
    // Another body's recommendation, a region's own report and a region not on netra are 404; blocking is BKN's.
    expect((await act({ kind: 'TEGURAN', letterNumber: 'X' }, bawaslu)).status).toBe(404);
    const own = await (await api.request('/v1/reports', { method: 'POST', json: reportBody() })).json();
    expect((await api.request(`/v1/national/recommendations/34.02/${own.id}/actions`, { method: 'POST', key: bkn, json: { kind: 'TEGURAN', letterNumber: 'X' } })).status).toBe(404);
    expect((await api.request(`/v1/national/recommendations/99.98/${pushed.id}/actions`, { method: 'POST', key: bkn, json: { kind: 'TEGURAN', letterNumber: 'X' } })).status).toBe(404);
    const theirs = await (await pushing(recommendation({ number: 'R-ACT' }), bawaslu)).json();
    const blocked = await api.request(`/v1/national/recommendations/34.02/${theirs.id}/actions`, { method: 'POST', key: bawaslu, json: { kind: 'BLOKIR_DATA', letterNumber: 'X' } });
    expect(blocked.status).toBe(400);
    expect(await fields(blocked)).toEqual(['kind']);
    for (const [json, expected] of [
      [{ kind: 'HUKUMAN', letterNumber: 'X' }, ['kind']],
      [{ kind: 'TEGURAN' }, ['letterNumber']],
      [{ kind: 'TEGURAN', letterNumber: 'X', extra: 1 }, ['']],
      [{ kind: 'TEGURAN', letterNumber: 'X', note: 'x'.repeat(1001) }, ['note']],
    ] as const) expect(await fields(await act(json))).toEqual(expected);
    expect(await fields(await api.request('/v1/national/recommendations/34.02/toString/actions', { method: 'POST', key: bkn, json: { kind: 'TEGURAN', letterNumber: 'X' } }))).toEqual(['path.id']);
    expect((await act({ kind: 'TEGURAN', letterNumber: 'T-1' }, api.keys['34.02'])).status).toBe(403);
  });
});
