// Pledge ceremonies, signatories and compliance through the local HTTP server and DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ceremonyBody, signatory, startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

async function createCeremony(overrides: Record<string, unknown> = {}, key?: string) {
  const response = await api.request('/v1/ceremonies', { method: 'POST', json: ceremonyBody(overrides), ...(key ? { key } : {}) });
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
  return (await response.json()).id as string;
}

async function sign(ceremonyId: string, rows: unknown[], key?: string) {
  const response = await api.request(`/v1/ceremonies/${ceremonyId}/signatories`, { method: 'POST', json: { signatories: rows }, ...(key ? { key } : {}) });
  return { status: response.status, body: await response.json() };
}

async function compliance(electionId: string, key?: string) {
  const response = await api.request(`/v1/compliance?electionId=${electionId}`, key ? { key } : {});
  expect(response.status).toBe(200);
  return response.json();
}

/** Counts the signature items themselves, to check the counters against. */
async function storedSignatures(regionId: string, electionId: string, kind = 'IKRAR_ASN') {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await api.deps.dynamo.doc.send(
      new QueryCommand({
        TableName: process.env.TABLE_NAME,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `REGION#${regionId}#SIGNATURES#${electionId}#${kind}` },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

function nips(count: number, from = 1): string[] {
  // Serial numbers 001-999 under many birth dates: every NIP distinct and well formed.
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const day = String(1 + (Math.floor(n / 999) % 28)).padStart(2, '0');
    const month = String(1 + (Math.floor(n / (999 * 28)) % 12)).padStart(2, '0');
    return `1985${month}${day}201001${1 + (n % 2)}${String(1 + (n % 999)).padStart(3, '0')}`;
  });
}

describe('POST /v1/ceremonies', () => {
  it('records an Ikrar ceremony with its pledge text and lists it', async () => {
    const id = await createCeremony({ opdIds: ['disdik'] });
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
    const list = await (await api.request('/v1/ceremonies?electionId=pilkada-2024&opdId=disdik')).json();
    const found = list.items.find((c: { id: string }) => c.id === id);
    expect(found).toMatchObject({
      id,
      regionId: '34.02',
      kind: 'IKRAR_ASN',
      electionId: 'pilkada-2024',
      opdIds: ['disdik'],
      participants: { asn: 120, nonAsn: 15 },
      pledgeTextId: 'ikrar-asn/v1',
      pledgeTextVersion: 1,
      signatories: 0,
    });
    expect(found.pledgeText.points).toHaveLength(4);
    expect(found.pledgeText.points.join(' ')).toMatch(/politik uang/);
  });

  it("records the regional head's declaration with its five commitments", async () => {
    const id = await createCeremony({ kind: 'DEKLARASI_KEPALA_DAERAH', leader: { name: 'Bupati Bantul', title: 'Bupati' }, opdIds: [] });
    const list = await (await api.request('/v1/ceremonies?electionId=pilkada-2024')).json();
    const found = list.items.find((c: { id: string }) => c.id === id);
    expect(found.pledgeTextId).toBe('deklarasi-kepala-daerah/v1');
    expect(found.pledgeText.points).toHaveLength(5);
  });

  it('filters by election and OPD; region-wide ceremonies include every OPD', async () => {
    const key = api.keys['34.01'];
    const dinkes = await createCeremony({ opdIds: ['dinkes'] }, key);
    const wide = await createCeremony({ opdIds: [] }, key);
    const pemilu = await createCeremony({ electionId: 'pemilu-2024', heldAt: '2023-11-20', opdIds: ['disdik'] }, key);
    const ids = async (query: string) =>
      (await (await api.request(`/v1/ceremonies${query}`, { key })).json()).items.map((c: { id: string }) => c.id);
    expect(await ids('?opdId=dinkes&electionId=pilkada-2024')).toEqual(expect.arrayContaining([dinkes, wide]));
    expect(await ids('?opdId=setda&electionId=pilkada-2024')).toEqual([wide]);
    expect(await ids('?electionId=pemilu-2024')).toEqual([pemilu]);
  });

  it('rejects bad input naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'APEL' }, 'kind'],
      [{ opdIds: ['dinas-rahasia'] }, 'opdIds.0'],
      [{ opdIds: ['disdik', 'disdik'] }, 'opdIds'],
      [{ heldAt: '2999-01-01' }, 'heldAt'],
      [{ heldAt: '26/08/2024' }, 'heldAt'],
      [{ participants: { asn: -1, nonAsn: 0 } }, 'participants.asn'],
      [{ pledgeTextId: 'deklarasi-kepala-daerah/v1' }, 'pledgeTextId'],
      [{ leader: { name: 'Sekda' } }, 'leader.title'],
    ];
    for (const [overrides, path] of cases) {
      const response = await api.request('/v1/ceremonies', { method: 'POST', json: ceremonyBody(overrides) });
      expect(response.status, path).toBe(400);
      expect((await response.json()).errors.map((e: { path: string }) => e.path), path).toContain(path);
    }
  });

  it('an Idempotency-Key retry records one ceremony', async () => {
    const headers = { 'idempotency-key': `ceremony-${Date.now()}` };
    const first = await api.request('/v1/ceremonies', { method: 'POST', json: ceremonyBody({ opdIds: ['dpupr'] }), headers });
    const second = await api.request('/v1/ceremonies', { method: 'POST', json: ceremonyBody({ opdIds: ['dpupr'] }), headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect((await second.json()).id).toBe((await first.json()).id);
    const report = await compliance('pilkada-2024');
    expect(report.opds.find((o: { opdId: string }) => o.opdId === 'dpupr').ceremonies).toBe(1);
  });
});

describe('POST /v1/ceremonies/{id}/signatories', () => {
  it('stores good rows, rejects bad ones by index, and counts repeats as duplicates', async () => {
    const id = await createCeremony({ opdIds: ['disdik', 'dinkes'] });
    const [a, b, c] = nips(3, 10);
    const { status, body } = await sign(id, [
      signatory({ nip: a }),
      signatory({ nip: '12345' }),
      signatory({ nip: b, opdId: 'dinkes' }),
      signatory({ nip: a }), // the same employee twice in one body
      signatory({ nip: c, opdId: 'dinas-rahasia' }),
      signatory({ nip: c, opdId: 'setda' }), // an OPD that did not take part
      { name: 'Tanpa NIP', opdId: 'disdik', employmentType: 'PNS' },
      signatory({ nip: undefined, name: 'Tenaga  Honorer', employmentType: 'NON_ASN' }),
      signatory({ nip: 198001012005011001 }),
      'not an object',
      signatory({ colour: 'red' }),
    ]);
    expect(status).toBe(200);
    expect(body.accepted).toBe(3);
    expect(body.duplicates).toBe(1);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 4, 5, 6, 8, 9, 10]);
    const errorsAt = (index: number) => body.rejected.find((r: { index: number }) => r.index === index).errors;
    expect(errorsAt(1)[0]).toMatchObject({ path: 'nip', message: expect.stringContaining('18') });
    expect(errorsAt(4)[0].path).toBe('opdId');
    expect(errorsAt(5)[0].message).toMatch(/did not take part/);
    expect(errorsAt(6)[0].path).toBe('nip');

    // Sending the same rows again: every good row is now a duplicate, nothing is counted twice.
    const again = await sign(id, [signatory({ nip: a }), signatory({ nip: b, opdId: 'dinkes' }), signatory({ nip: undefined, name: 'tenaga honorer', employmentType: 'NON_ASN' })]);
    expect(again.body).toEqual({ accepted: 0, duplicates: 3, rejected: [] });

    // One signature per employee per election: another ceremony of the same election is a duplicate too.
    const other = await createCeremony({ opdIds: [] });
    expect((await sign(other, [signatory({ nip: a })])).body).toMatchObject({ accepted: 0, duplicates: 1 });
    // ...but another election is a new signature.
    const pemilu = await createCeremony({ electionId: 'pemilu-2024', heldAt: '2023-11-20', opdIds: [] });
    expect((await sign(pemilu, [signatory({ nip: a })])).body).toMatchObject({ accepted: 1, duplicates: 0 });

    const list = await (await api.request('/v1/ceremonies?electionId=pilkada-2024')).json();
    expect(list.items.find((x: { id: string }) => x.id === id).signatories).toBe(3);
  });

  it('413 naming signatories over 1,000 rows; 400 for an empty list; 404 for unknown ceremonies', async () => {
    const id = await createCeremony({ opdIds: [] });
    const tooMany = await sign(id, nips(1001).map((nip) => signatory({ nip })));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.errors[0].path).toBe('signatories');
    const empty = await sign(id, []);
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('signatories');
    expect((await sign('01ARZ3NDEKTSV4RRFFQ69G5FAV', [signatory()])).status).toBe(404);
    expect((await sign('not-an-id', [signatory()])).status).toBe(400);
  });

  it('accepts exactly 1,000 rows in one request', async () => {
    const id = await createCeremony({ opdIds: [] });
    const opdIds = ['disdik', 'dinkes', 'setda', 'dpupr'];
    const rows = nips(1000, 5000).map((nip, i) => signatory({ nip, opdId: opdIds[i % 4] }));
    const { status, body } = await sign(id, rows);
    expect(status).toBe(200);
    expect(body).toEqual({ accepted: 1000, duplicates: 0, rejected: [] });
  });

  it("another region's ceremony is 404, and its signatures and counts stay apart", async () => {
    const bantul = await createCeremony({ opdIds: [] });
    const kulonProgo = api.keys['34.01']!;
    expect((await sign(bantul, [signatory()], kulonProgo)).status).toBe(404);
    // The same NIP signs in both regions: each region counts its own.
    const [nip] = nips(1, 90_000);
    const own = await createCeremony({ opdIds: [] }, kulonProgo);
    expect((await sign(own, [signatory({ nip })], kulonProgo)).body.accepted).toBe(1);
    expect((await sign(bantul, [signatory({ nip })])).body.accepted).toBe(1);
    const list = await (await api.request('/v1/ceremonies', { key: kulonProgo })).json();
    expect(list.items.map((c: { id: string }) => c.id)).not.toContain(bantul);
  });
});

describe('exact counts under concurrency', () => {
  it('eight concurrent overlapping uploads store each employee once and count exactly', async () => {
    const key = api.keys['34.01']!;
    const a = await createCeremony({ opdIds: [] }, key);
    const b = await createCeremony({ opdIds: [] }, key);
    const opdIds = ['disdik', 'dinkes', 'setda', 'dpupr'];
    const people = nips(1200, 200_000).map((nip, i) => signatory({ nip, opdId: opdIds[i % 4] }));
    // Eight bodies of 600 rows over the same 1,200 employees, in different orders, to two ceremonies.
    const bodies = Array.from({ length: 8 }, (_, i) => {
      const start = (i * 150) % 1200;
      const slice = [...people.slice(start), ...people.slice(0, start)].slice(0, 600);
      return i % 2 ? slice.reverse() : slice;
    });
    // Uploads that waited past the writer's lease wait are answered 503 and sent again, as the import command does.
    const MAX_ATTEMPTS = 20;
    const attempts: number[] = [];
    const signUntilAccepted = async (ceremonyId: string, rows: unknown[]) => {
      for (let attempt = 1; ; attempt++) {
        const result = await sign(ceremonyId, rows, key);
        if (result.status !== 503 || attempt === MAX_ATTEMPTS) {
          attempts.push(attempt);
          return result;
        }
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 500));
      }
    };
    const results = await Promise.all(bodies.map((rows, i) => signUntilAccepted(i % 2 ? a : b, rows)));
    for (const result of results) expect(result.status).toBe(200);
    // The lease is passed on: no upload needed its last chance (a writer holding on would push one there).
    expect(Math.max(...attempts)).toBeLessThan(MAX_ATTEMPTS);
    const accepted = results.reduce((sum, r) => sum + r.body.accepted, 0);
    const duplicates = results.reduce((sum, r) => sum + r.body.duplicates, 0);
    const covered = new Set(bodies.flat().map((row) => row.nip)).size;
    expect(accepted).toBe(covered);
    expect(accepted + duplicates).toBe(8 * 600);

    const stored = await storedSignatures('34.01', 'pilkada-2024');
    const report = await compliance('pilkada-2024', key);
    expect(report.totals.signatories).toBe(stored);
    const list = await (await api.request('/v1/ceremonies?electionId=pilkada-2024', { key })).json();
    const perCeremony = list.items.reduce((sum: number, c: { signatories: number }) => sum + c.signatories, 0);
    expect(perCeremony).toBe(stored);
  }, 120_000);
});

describe('GET /v1/compliance', () => {
  it('answers per OPD from the directory and the counters', async () => {
    const key = api.keys['34.01']!;
    const before = await compliance('pemilu-2024', key);
    expect(before.notPledged).toEqual(['dinkes', 'dpupr', 'setda']);

    const setda = await createCeremony({ electionId: 'pemilu-2024', heldAt: '2023-12-01', opdIds: ['setda'] }, key);
    await sign(setda, nips(12, 300_000).map((nip) => signatory({ nip, opdId: 'setda' })), key);
    await api.request('/v1/directory/opds/baru', { method: 'PUT', json: { name: 'Badan Baru' }, key });

    const report = await compliance('pemilu-2024', key);
    const opd = (id: string) => report.opds.find((o: { opdId: string }) => o.opdId === id);
    expect(opd('setda')).toEqual({
      opdId: 'setda', name: 'Sekretariat Daerah', ceremonies: 1, ceremoniesHeld: 1, signatories: 12, headcount: 60, coverage: 0.2, pledged: true,
      satgas: { formed: false, members: 0, socialisations: 0, identifications: 0, monitoring: 0, openRisks: 0, highRisks: 0 },
    });
    expect(opd('baru')).toMatchObject({ ceremonies: 0, signatories: 0, headcount: null, coverage: null, pledged: false });
    expect(report.notPledged).toEqual(['baru', 'dinkes', 'dpupr']);
    expect(report.totals).toMatchObject({ opds: 5, pledged: 2, notPledged: 3 });
  });

  it('needs a known electionId', async () => {
    const response = await api.request('/v1/compliance');
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].path).toBe('query.electionId');
  });
});
