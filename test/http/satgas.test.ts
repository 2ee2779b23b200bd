// Satgas netralitas through the local server and DynamoDB Local: forming a Satgas, activities and risks, the
// compliance figures and the vulnerability map, bad inputs (nothing half-written) and tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityBody, reportBody, satgasBody, startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
const OTHER = () => api.keys['34.01']!;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

async function ok(response: Response, status = 200) {
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body;
}
const formSatgas = (opdId: string, body = satgasBody(), key?: string) =>
  api.request(`/v1/directory/opds/${opdId}/satgas`, { method: 'PUT', json: body, ...(key ? { key } : {}) });
const record = (body: Record<string, unknown>, init: { key?: string; headers?: Record<string, string> } = {}) =>
  api.request('/v1/satgas/activities', { method: 'POST', json: body, ...init });
const compliance = async (key?: string) => ok(await api.request('/v1/compliance?electionId=pilkada-2024', key ? { key } : {}));
const satgasOf = async (opdId: string, key?: string) => (await compliance(key)).opds.find((o: { opdId: string }) => o.opdId === opdId).satgas;
const map = async (query = 'electionId=pilkada-2024', key?: string) => ok(await api.request(`/v1/satgas/risks?${query}`, key ? { key } : {}));

describe('the walk-through: two Satgas, a socialisation, an identification with three risks, one handled', () => {
  it('shows the figures in compliance and the two open risks in their cells', async () => {
    await ok(await formSatgas('disdik'));
    await ok(await formSatgas('dinkes', satgasBody({ members: [{ name: 'Kepala Dinas Kesehatan', role: 'KETUA' }] })));
    const directory = await ok(await api.request('/v1/directory'));
    const disdik = directory.opds.find((o: { opdId: string }) => o.opdId === 'disdik');
    expect(disdik.satgas.decree).toEqual({ number: '800/KPTS.101-BKPSDM/2024', date: '2024-07-15' });
    expect(disdik.satgas.members.map((m: { role: string }) => m.role)).toEqual(['KETUA', 'SEKRETARIS', 'ANGGOTA']);
    expect(directory.opds.filter((o: { opdId: string }) => o.opdId.includes('#'))).toEqual([]); // no stray Satgas rows

    const social = await ok(await record(activityBody({ kind: 'SOSIALISASI', risks: [], participants: { asn: 85, nonAsn: 12 } })), 201);
    expect(social.riskIds).toEqual([]);
    const found = await ok(await record(activityBody({
      opdId: 'dinkes', kind: 'IDENTIFIKASI_KERAWANAN', heldAt: '2024-09-10T09:30:00+07:00',
      risks: [
        { stage: 'KAMPANYE', category: 'FASILITAS_NEGARA', level: 'TINGGI', description: 'Ambulans puskesmas diminta untuk acara kampanye.', mitigation: 'Surat edaran kepala dinas.' },
        { stage: 'KAMPANYE', category: 'MEDIA_SOSIAL', level: 'SEDANG', description: 'Tenaga kesehatan memberi tanda suka pada unggahan calon.' },
        { stage: 'MASA_TENANG', category: 'POLITIK_UANG', level: 'RENDAH', description: 'Bingkisan dibagikan di posyandu.' },
      ],
    })), 201);
    expect(found.riskIds).toHaveLength(3);

    const before = await compliance();
    expect(before.satgasNotFormed).toEqual(['dpupr', 'setda']);
    expect(before.totals).toMatchObject({ satgasFormed: 2, satgasNotFormed: 2, socialisations: 1, identifications: 1, openRisks: 3, highRisks: 1 });
    expect(before.opds.find((o: { opdId: string }) => o.opdId === 'disdik').satgas).toEqual({
      formed: true, members: 3, socialisations: 1, identifications: 0, monitoring: 0, openRisks: 0, highRisks: 0,
    });

    const handled = await ok(await api.request(`/v1/satgas/risks/${found.riskIds[0]}`, { method: 'PUT', json: { status: 'DITANGANI', note: 'Ambulans ditarik kembali; kepala puskesmas ditegur.' } }));
    expect(handled).toMatchObject({ status: 'DITANGANI', note: 'Ambulans ditarik kembali; kepala puskesmas ditegur.', history: [{ status: 'DITANGANI' }] });
    expect(await satgasOf('dinkes')).toEqual({ formed: true, members: 1, socialisations: 0, identifications: 1, monitoring: 0, openRisks: 2, highRisks: 0 });

    const detail = await ok(await api.request(`/v1/satgas/activities/${found.id}`));
    expect(detail.risks.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      [found.riskIds[0], 'DITANGANI'], [found.riskIds[1], 'TERBUKA'], [found.riskIds[2], 'TERBUKA'],
    ]);
    expect(detail.risks[0].mitigation).toBe('Surat edaran kepala dinas.');

    const open = await map();
    expect(open).toMatchObject({ status: 'TERBUKA', total: 2, byLevel: { RENDAH: 1, SEDANG: 1, TINGGI: 0 } });
    expect(open.cells).toEqual([
      { stage: 'KAMPANYE', category: 'MEDIA_SOSIAL', level: 'SEDANG', count: 1 },
      { stage: 'MASA_TENANG', category: 'POLITIK_UANG', level: 'RENDAH', count: 1 },
    ]);
    expect(open.risks.map((r: { id: string }) => r.id).sort()).toEqual(found.riskIds.slice(1).sort());
    const done = await map('electionId=pilkada-2024&status=DITANGANI');
    expect(done.cells).toEqual([{ stage: 'KAMPANYE', category: 'FASILITAS_NEGARA', level: 'TINGGI', count: 1 }]);

    // Reopened: counted open (and high) again, exactly once.
    await ok(await api.request(`/v1/satgas/risks/${found.riskIds[0]}`, { method: 'PUT', json: { status: 'TERBUKA', note: 'Terulang minggu berikutnya.' } }));
    await ok(await api.request(`/v1/satgas/risks/${found.riskIds[0]}`, { method: 'PUT', json: { status: 'TERBUKA', note: 'Masih terbuka.' } }));
    expect(await satgasOf('dinkes')).toMatchObject({ openRisks: 3, highRisks: 1 });
    expect((await map()).total).toBe(3);
  });

  it('serves the map as a printable page with Accept: text/html', async () => {
    const response = await api.request('/v1/satgas/risks?electionId=pilkada-2024', { headers: { accept: 'text/html,application/xhtml+xml;q=0.9' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const page = await response.text();
    expect(page).toContain('<svg');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('data-stage="KAMPANYE" data-category="MEDIA_SOSIAL" data-count="1"');
    expect(page).toContain('Kabupaten Bantul');
    expect(page).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} WIB/);
  });
});

describe('activities', () => {
  it('lists latest held first, filtered, a page at a time; cursors stay in their list and region', async () => {
    await ok(await formSatgas('setda'));
    const days = ['2024-08-01', '2024-08-20', '2024-08-05', '2024-08-12'];
    const ids: string[] = [];
    for (const heldAt of days) ids.push((await ok(await record(activityBody({ opdId: 'setda', heldAt, kind: 'PEMANTAUAN_MEDIA_SOSIAL' })), 201)).id);
    const latestFirst = [ids[1], ids[3], ids[2], ids[0]];

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const page: { items: { id: string; heldAt: string }[]; nextCursor: string | null } = await ok(
        await api.request(`/v1/satgas/activities?opdId=setda&limit=3${cursor ? `&cursor=${cursor}` : ''}`),
      );
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(latestFirst);
    const monitoring = await ok(await api.request('/v1/satgas/activities?electionId=pilkada-2024&kind=PEMANTAUAN_MEDIA_SOSIAL'));
    expect(monitoring.items.map((item: { id: string }) => item.id)).toEqual(latestFirst);
    const all = await ok(await api.request('/v1/satgas/activities?kind=PEMANTAUAN_MEDIA_SOSIAL&limit=2'));
    expect(all.items.map((item: { id: string }) => item.id)).toEqual(latestFirst.slice(0, 2));
    expect((await satgasOf('setda')).monitoring).toBe(4);

    // The cursor of this list does not continue another list, nor another region's.
    expect((await api.request(`/v1/satgas/activities?opdId=disdik&cursor=${all.nextCursor}`)).status).toBe(400);
    const other = await api.request(`/v1/satgas/activities?kind=PEMANTAUAN_MEDIA_SOSIAL&cursor=${all.nextCursor}`, { key: OTHER() });
    expect(other.status).toBe(400);
    expect((await other.json()).errors[0].path).toBe('cursor');
    const forged = Buffer.from(JSON.stringify({ PK: 'REGION#34.01#SATGAS', SK: 'ACT#0' })).toString('base64url');
    expect((await api.request(`/v1/satgas/activities?cursor=${forged}`)).status).toBe(400);
    expect((await api.request('/v1/satgas/activities?cursor=%25%25')).status).toBe(400);
  });

  it('an Idempotency-Key retry records one activity; another body with the key is 422', async () => {
    await ok(await formSatgas('dpupr'));
    const headers = { 'idempotency-key': `satgas-${Date.now()}` };
    const body = activityBody({ opdId: 'dpupr' });
    const first = await ok(await record(body, { headers }), 201);
    const again = await ok(await record(body, { headers }), 201);
    expect(again).toEqual(first);
    expect(await satgasOf('dpupr')).toMatchObject({ identifications: 1, openRisks: 1, highRisks: 1 });
    const reused = await record(activityBody({ opdId: 'dpupr', summary: 'Lain' }), { headers });
    expect(reused.status).toBe(422);
    expect(await satgasOf('dpupr')).toMatchObject({ identifications: 1, openRisks: 1 });
  });

  it('names the reports an activity led to: reports of this region and election only', async () => {
    const report = await ok(await api.request('/v1/reports', { method: 'POST', json: reportBody({ reporter: { kind: 'SATGAS', name: 'Satgas Disdik' } }) }), 202);
    const created = await ok(await record(activityBody({ kind: 'PEMANTAUAN_MEDIA_SOSIAL', reportIds: [report.id] })), 201);
    const listed = await ok(await api.request('/v1/satgas/activities?opdId=disdik&kind=PEMANTAUAN_MEDIA_SOSIAL'));
    expect(listed.items.find((item: { id: string }) => item.id === created.id).reportIds).toEqual([report.id]);
    const elsewhere = await ok(await api.request('/v1/reports', { method: 'POST', json: reportBody(), key: OTHER() }), 202);
    const refused = await record(activityBody({ reportIds: [report.id, elsewhere.id] }));
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors.map((e: { path: string }) => e.path)).toEqual(['reportIds.1']);
    const wrongElection = await record(activityBody({ electionId: 'pemilu-2024', heldAt: '2024-01-10', reportIds: [report.id] }));
    expect((await wrongElection.json()).errors.map((e: { path: string }) => e.path)).toEqual(['reportIds.0']);
  });
});

describe('bad input: 400 naming the field, nothing written', () => {
  const tooMany = Array.from({ length: 51 }, (_, i) => ({ name: `Anggota ${i}`, role: i ? 'ANGGOTA' : 'KETUA' }));
  it.each([
    ['no decree number', satgasBody({ decree: { date: '2024-07-15' } }), 'decree.number'],
    ['impossible decree date', satgasBody({ decree: { number: '1', date: '2024-02-30' } }), 'decree.date'],
    ['decree in the future', satgasBody({ decree: { number: '1', date: '2999-01-01' } }), 'decree.date'],
    ['no members', satgasBody({ members: [] }), 'members'],
    ['no KETUA', satgasBody({ members: [{ name: 'A', role: 'ANGGOTA' }] }), 'members'],
    ['two KETUA', satgasBody({ members: [{ name: 'A', role: 'KETUA' }, { name: 'B', role: 'KETUA' }] }), 'members'],
    ['51 members', satgasBody({ members: tooMany }), 'members'],
    ['bad role', satgasBody({ members: [{ name: 'A', role: 'KETUA' }, { name: 'B', role: 'BENDAHARA' }] }), 'members.1.role'],
    ['bad NIP', satgasBody({ members: [{ name: 'A', role: 'KETUA', nip: '19750101' }] }), 'members.0.nip'],
    ['a NIP twice', satgasBody({ members: [{ name: 'A', role: 'KETUA', nip: '197501012000031001' }, { name: 'B', role: 'ANGGOTA', nip: '197501012000031001' }] }), 'members.1.nip'],
    ['bad e-mail', satgasBody({ members: [{ name: 'A', role: 'KETUA', email: 'ketua@' }] }), 'members.0.email'],
    ['empty name', satgasBody({ members: [{ name: '  ', role: 'KETUA' }] }), 'members.0.name'],
    ['unknown field', satgasBody({ chair: 'A' }), ''],
  ])('PUT satgas: %s', async (_, body, path) => {
    const response = await formSatgas('disdik', body as ReturnType<typeof satgasBody>);
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await satgasOf('disdik')).members).toBe(3); // the Satgas formed above, untouched
  });

  const risk = { stage: 'KAMPANYE', category: 'ATRIBUT', level: 'SEDANG', description: 'Spanduk calon di pagar kantor.' };
  it.each([
    ['unknown OPD', activityBody({ opdId: 'dinas-rahasia' }), 'opdId'],
    ['an OPD without a Satgas', activityBody({ opdId: 'kesbangpol' }), 'opdId'],
    ['bad kind', activityBody({ kind: 'RAPAT' }), 'kind'],
    ['bad election', activityBody({ electionId: 'pilpres-2029' }), 'electionId'],
    ['held in the future', activityBody({ heldAt: '2999-01-01' }), 'heldAt'],
    ['heldAt not a date', activityBody({ heldAt: '02/09/2024' }), 'heldAt'],
    ['no summary', activityBody({ summary: '' }), 'summary'],
    ['socialisation without participants', activityBody({ kind: 'SOSIALISASI', risks: [] }), 'participants'],
    ['socialisation with risks', activityBody({ kind: 'SOSIALISASI', participants: { asn: 1, nonAsn: 0 } }), 'risks'],
    ['negative participants', activityBody({ kind: 'SOSIALISASI', risks: [], participants: { asn: -3, nonAsn: 0 } }), 'participants.asn'],
    ['bad level in the third risk', activityBody({ risks: [risk, risk, { ...risk, level: 'KRITIS' }] }), 'risks.2.level'],
    ['bad stage', activityBody({ risks: [{ ...risk, stage: 'PASCA' }] }), 'risks.0.stage'],
    ['bad category', activityBody({ risks: [risk, { ...risk, category: 'GOSIP' }] }), 'risks.1.category'],
    ['risk without description', activityBody({ risks: [{ ...risk, description: undefined }] }), 'risks.0.description'],
    ['unknown risk field', activityBody({ risks: [{ ...risk, owner: 'x' }] }), 'risks.0'],
    ['51 risks', activityBody({ risks: Array(51).fill(risk) }), 'risks'],
    ['bad report id', activityBody({ reportIds: ['123'] }), 'reportIds.0'],
    ['unknown report', activityBody({ reportIds: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'] }), 'reportIds.0'],
    ['bad evidence link', activityBody({ evidenceUrls: ['javascript:alert(1)'] }), 'evidenceUrls.0'],
  ])('POST activity: %s', async (_, body, path) => {
    if (path === 'opdId') await ok(await api.request('/v1/directory/opds/kesbangpol', { method: 'PUT', json: { name: 'Kesbangpol' } }));
    const before = await compliance();
    const response = await record(body);
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { path: string }) => e.path)).toContain(path);
    const after = await compliance();
    expect(after.totals).toEqual(before.totals);
    expect((await map()).total).toBe(before.totals.openRisks);
  });

  it('POST activity: a SOSIALISASI carries no risks, so its risks may be left out or empty, as its answer shows them', async () => {
    await ok(await formSatgas('disdik')); // as the walk-through formed it (this test may run alone)
    const social = { ...activityBody({ kind: 'SOSIALISASI', participants: { asn: 4, nonAsn: 1 } }), risks: undefined };
    const before = await compliance();
    const left = await ok(await record(social), 201);
    const empty = await ok(await record({ ...social, risks: [] }), 201);
    expect([left.riskIds, empty.riskIds]).toEqual([[], []]);
    const read = await ok(await api.request(`/v1/satgas/activities/${empty.id}`));
    expect(read).toMatchObject({ kind: 'SOSIALISASI', risks: [] });
    const { id: _, createdAt: __, regionId: ___, risks: ____, ...resent } = read; // the answer's shape, sent back
    await ok(await record({ ...resent, risks: read.risks }), 201);
    expect((await compliance()).totals).toMatchObject({ socialisations: before.totals.socialisations + 3, openRisks: before.totals.openRisks });
  });

  it.each([
    ['bad status', { status: 'SELESAI', note: 'x' }, 'status'],
    ['no note', { status: 'DITANGANI' }, 'note'],
    ['empty note', { status: 'DITANGANI', note: ' ' }, 'note'],
  ])('PUT risk: %s', async (_, body, path) => {
    const { riskIds } = await ok(await record(activityBody()), 201);
    const response = await api.request(`/v1/satgas/risks/${riskIds[0]}`, { method: 'PUT', json: body });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await map()).risks.find((r: { id: string }) => r.id === riskIds[0]).status).toBe('TERBUKA');
  });

  it('queries: map without electionId, bad status, bad limit, bad risk id', async () => {
    const cases: [string, string][] = [
      ['/v1/satgas/risks', 'query.electionId'],
      ['/v1/satgas/risks?electionId=pilkada-2024&status=SELESAI', 'query.status'],
      ['/v1/satgas/activities?limit=0', 'query.limit'],
      ['/v1/satgas/activities?opdId=bad%20id', 'query.opdId'],
      ['/v1/satgas/activities?sort=asc', 'query'],
    ];
    for (const [path, field] of cases) {
      const response = await api.request(path);
      expect(response.status, path).toBe(400);
      expect((await response.json()).errors.map((e: { path: string }) => e.path), path).toContain(field);
    }
    expect((await (await api.request('/v1/satgas/activities/abc')).json()).errors[0].path).toBe('path.id');
    const badId = await api.request('/v1/satgas/risks/not-an-id', { method: 'PUT', json: { status: 'DITANGANI', note: 'x' } });
    expect((await badId.json()).errors[0].path).toBe('path.riskId');
  });
});

describe('tenant isolation', () => {
  it("another region's OPD, activities and risks are not found", async () => {
    await ok(await api.request('/v1/directory/opds/bappeda', { method: 'PUT', json: { name: 'Bappeda' } }));
    expect((await formSatgas('bappeda', satgasBody(), OTHER())).status).toBe(404);
    expect((await formSatgas('tidak-ada')).status).toBe(404);

    const { id, riskIds } = await ok(await record(activityBody()), 201);
    const theirs = await ok(await api.request('/v1/satgas/activities', { key: OTHER() }));
    expect(theirs.items.map((item: { id: string }) => item.id)).not.toContain(id);
    expect((await api.request(`/v1/satgas/activities/${id}`, { key: OTHER() })).status).toBe(404);
    expect((await api.request(`/v1/satgas/activities/${id}`)).status).toBe(200);
    const put = await api.request(`/v1/satgas/risks/${riskIds[0]}`, { method: 'PUT', json: { status: 'DITANGANI', note: 'x' }, key: OTHER() });
    expect(put.status).toBe(404);
    expect((await map('electionId=pilkada-2024', OTHER())).total).toBe(0);
    expect((await compliance(OTHER())).totals.openRisks).toBe(0);
    // Their key cannot record for our OPD's Satgas either: their disdik has none.
    expect((await record(activityBody(), { key: OTHER() })).status).toBe(400);
    expect((await map()).risks.find((r: { id: string }) => r.id === riskIds[0]).status).toBe('TERBUKA');
  });
});
