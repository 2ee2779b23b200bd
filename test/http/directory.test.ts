// The directory endpoints through the local server: OPDs, contacts, settings, and their bad inputs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const contacts = {
  bkpp: { name: 'BKPSDM Bantul', email: 'bkpsdm@bantul.example' },
  ppk: { name: 'Bupati Bantul', title: 'Bupati', email: 'bupati@bantul.example' },
  bawaslu: { name: 'Bawaslu Bantul', email: 'bawaslu@bantul.example', webhookUrl: 'https://bawaslu.example/hook', webhookSecret: 's3cret-s3cret-s3cret' },
  sekda: { name: 'Sekda Bantul', email: 'sekda@bantul.example' },
};

describe('PUT /v1/directory/opds/{opdId}', () => {
  it('creates and replaces an OPD, seen in GET /v1/directory', async () => {
    const put = await api.request('/v1/directory/opds/bappeda', {
      method: 'PUT',
      json: { name: 'Bappeda', head: { name: 'Kepala Bappeda', nip: '197001012000031001', email: 'kepala@bappeda.example' }, headcount: 40 },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ opdId: 'bappeda', name: 'Bappeda', headcount: 40 });

    await api.request('/v1/directory/opds/bappeda', { method: 'PUT', json: { name: 'Badan Perencanaan' } });
    const directory = await (await api.request('/v1/directory')).json();
    const opd = directory.opds.find((o: { opdId: string }) => o.opdId === 'bappeda');
    expect(opd.name).toBe('Badan Perencanaan');
    expect(opd.head).toBeUndefined();
    expect(directory.region).toEqual({ id: '34.02', name: 'Kabupaten Bantul', agencyName: 'BKPSDM', timeZone: 'Asia/Jakarta' });
  });

  it.each([
    ['bad opdId', '/v1/directory/opds/bad%20id', { name: 'X' }, 'path.opdId'],
    ['missing name', '/v1/directory/opds/x', {}, 'name'],
    ['bad head NIP', '/v1/directory/opds/x', { name: 'X', head: { name: 'A', nip: '1', email: 'a@b.example' } }, 'head.nip'],
    ['bad head email', '/v1/directory/opds/x', { name: 'X', head: { name: 'A', nip: '197001012000031001', email: 'not-an-email' } }, 'head.email'],
    ['negative headcount', '/v1/directory/opds/x', { name: 'X', headcount: -1 }, 'headcount'],
    ['fractional headcount', '/v1/directory/opds/x', { name: 'X', headcount: 1.5 }, 'headcount'],
  ])('%s → 400 at %s', async (_, path, body, field) => {
    const response = await api.request(path, { method: 'PUT', json: body });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it("another region's OPD is its own: same id, separate records", async () => {
    await api.request('/v1/directory/opds/disdik', { method: 'PUT', json: { name: 'Dinas Pendidikan Kulon Progo' }, key: api.keys['34.01'] });
    const bantul = await (await api.request('/v1/directory')).json();
    expect(bantul.opds.find((o: { opdId: string }) => o.opdId === 'disdik').name).toBe('Dinas Pendidikan');
  });
});

describe('PUT /v1/directory/contacts', () => {
  it('stores contacts and never returns the webhook secret', async () => {
    expect((await api.request('/v1/directory/contacts', { method: 'PUT', json: contacts })).status).toBe(200);
    const directory = await (await api.request('/v1/directory')).json();
    expect(directory.contacts.bawaslu).toEqual({
      name: 'Bawaslu Bantul', email: 'bawaslu@bantul.example', webhookUrl: 'https://bawaslu.example/hook', webhookSecretSet: true,
    });
    expect(JSON.stringify(directory)).not.toContain('s3cret');
  });

  it.each([
    ['missing ppk', { ...contacts, ppk: undefined }, 'ppk'],
    ['webhook without secret', { ...contacts, bawaslu: { name: 'B', email: 'b@b.example', webhookUrl: 'https://x.example' } }, 'bawaslu.webhookSecret'],
    ['short secret', { ...contacts, bawaslu: { ...contacts.bawaslu, webhookSecret: 'short' } }, 'bawaslu.webhookSecret'],
    ['non-http webhook', { ...contacts, bawaslu: { ...contacts.bawaslu, webhookUrl: 'file:///etc/passwd' } }, 'bawaslu.webhookUrl'],
    ['bad sekda email', { ...contacts, sekda: { name: 'S', email: 'nope' } }, 'sekda.email'],
    // URLs no delivery could ever use (SSRF): refused now, naming the field, rather than at the first closed report.
    ['metadata-service webhook', { ...contacts, bawaslu: { ...contacts.bawaslu, webhookUrl: 'http://169.254.169.254/latest/meta-data/' } }, 'bawaslu.webhookUrl'],
    ['private-address webhook', { ...contacts, bawaslu: { ...contacts.bawaslu, webhookUrl: 'https://192.168.1.10/hook' } }, 'bawaslu.webhookUrl'],
    ['IPv4-mapped private webhook', { ...contacts, bawaslu: { ...contacts.bawaslu, webhookUrl: 'http://[::ffff:10.0.0.1]/hook' } }, 'bawaslu.webhookUrl'],
    ['unique-local webhook', { ...contacts, bawaslu: { ...contacts.bawaslu, webhookUrl: 'http://[fd00::1]:8080/hook' } }, 'bawaslu.webhookUrl'],
    ['webhook with credentials', { ...contacts, bawaslu: { ...contacts.bawaslu, webhookUrl: 'https://user:pass@bawaslu.example/hook' } }, 'bawaslu.webhookUrl'],
  ])('%s → 400 at %s', async (_, body, field) => {
    const response = await api.request('/v1/directory/contacts', { method: 'PUT', json: body });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it("accepts a developer's own loopback receiver in the local stack", async () => {
    const body = { ...contacts, bawaslu: { ...contacts.bawaslu, webhookUrl: 'http://127.0.0.1:8080/hook' } };
    expect((await api.request('/v1/directory/contacts', { method: 'PUT', json: body, key: api.keys['34.01'] })).status).toBe(200);
    const directory = await (await api.request('/v1/directory', { key: api.keys['34.01'] })).json();
    expect(directory.contacts.bawaslu.webhookUrl).toBe('http://127.0.0.1:8080/hook');
  });
});

/** SPEC "Personal data": retention {reports, signatories, accessLog}, P5Y, P5Y, P2Y by default. */
const RETENTION = { reports: 'P5Y', signatories: 'P5Y', accessLog: 'P2Y' };

describe('PUT /v1/directory/settings', () => {
  it('defaults to the spec durations and stores new ones', async () => {
    const before = await (await api.request('/v1/directory', { key: api.keys['34.01'] })).json();
    expect(before.settings).toEqual({
      opdReview: { remindAfter: 'P3D', deadline: 'P7D' },
      bkppAssessment: { remindAfter: 'P3D', deadline: 'P14D', maxEscalations: 3 },
      ppkDecision: { remindAfter: 'P3D', deadline: 'P14D', maxEscalations: 3 },
      retention: RETENTION,
    });
    const settings = { opdReview: { remindAfter: 'P1D', deadline: 'P5D' }, bkppAssessment: { remindAfter: 'PT12H', deadline: 'P10D' } };
    const put = await api.request('/v1/directory/settings', { method: 'PUT', json: settings });
    expect(put.status).toBe(200);
    const after = await (await api.request('/v1/directory')).json();
    expect(after.settings).toEqual({
      ...settings, bkppAssessment: { ...settings.bkppAssessment, maxEscalations: 3 }, ppkDecision: { remindAfter: 'P3D', deadline: 'P14D', maxEscalations: 3 }, retention: RETENTION,
    });
  });

  it('keeps a step left out: a PUT of one step leaves the others as they were, and answers them all', async () => {
    const key = api.keys['64.02'];
    const bkppAssessment = { remindAfter: 'P2D', deadline: 'P10D', maxEscalations: 2 };
    expect((await api.request('/v1/directory/settings', { method: 'PUT', key, json: { bkppAssessment } })).status).toBe(200);
    const silentOpdHead = { opdReview: { remindAfter: 'PT30S', deadline: 'PT1M' } };
    const put = await api.request('/v1/directory/settings', { method: 'PUT', key, json: silentOpdHead });
    const expected = { ...silentOpdHead, bkppAssessment, ppkDecision: { remindAfter: 'P3D', deadline: 'P14D', maxEscalations: 3 }, retention: RETENTION };
    expect(await put.json()).toEqual(expected);
    expect((await (await api.request('/v1/directory', { key })).json()).settings).toEqual(expected);
    // Two steps set at once from two callers both land (each write names only its own keys).
    const [a, b] = await Promise.all([
      api.request('/v1/directory/settings', { method: 'PUT', key, json: { ppkDecision: { remindAfter: 'P1D', deadline: 'P9D' } } }),
      api.request('/v1/directory/settings', { method: 'PUT', key, json: { opdReview: { remindAfter: 'P1D', deadline: 'P6D' } } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const both = (await (await api.request('/v1/directory', { key })).json()).settings;
    expect([both.opdReview.deadline, both.bkppAssessment.deadline, both.ppkDecision.deadline]).toEqual(['P6D', 'P10D', 'P9D']);
    // A region's own retention, and the steps kept.
    const retention = { reports: 'P10Y', signatories: 'P18M', accessLog: 'P1Y' };
    expect((await (await api.request('/v1/directory/settings', { method: 'PUT', key, json: { retention } })).json()).retention).toEqual(retention);
    expect((await (await api.request('/v1/directory', { key })).json()).settings).toMatchObject({ retention, opdReview: { deadline: 'P6D' } });
  });

  it.each([
    ['not a duration', { opdReview: { remindAfter: 'three days', deadline: 'P7D' } }, 'opdReview.remindAfter'],
    ['months are ambiguous', { opdReview: { remindAfter: 'P1M', deadline: 'P7D' } }, 'opdReview.remindAfter'],
    ['reminder after deadline', { ppkDecision: { remindAfter: 'P10D', deadline: 'P7D' } }, 'ppkDecision.remindAfter'],
    ['too long', { bkppAssessment: { remindAfter: 'P3D', deadline: 'P400D' } }, 'bkppAssessment.deadline'],
    ['unknown step', { sekdaReview: { remindAfter: 'P3D', deadline: 'P7D' } }, ''],
    ['too many escalations', { ppkDecision: { remindAfter: 'P3D', deadline: 'P7D', maxEscalations: 11 } }, 'ppkDecision.maxEscalations'],
    ['escalations that are not whole', { bkppAssessment: { remindAfter: 'P3D', deadline: 'P7D', maxEscalations: 1.5 } }, 'bkppAssessment.maxEscalations'],
    ['a retention that is not a calendar duration', { retention: { reports: 'five years', signatories: 'P5Y', accessLog: 'P2Y' } }, 'retention.reports'],
    ['a retention under 30 days', { retention: { reports: 'P5Y', signatories: 'P5Y', accessLog: 'P1D' } }, 'retention.accessLog'],
    ['a retention over 50 years', { retention: { reports: 'P51Y', signatories: 'P5Y', accessLog: 'P2Y' } }, 'retention.reports'],
    ['a retention with hours', { retention: { reports: 'P5YT1H', signatories: 'P5Y', accessLog: 'P2Y' } }, 'retention.reports'],
  ])('%s → 400 at %j', async (_, body, field) => {
    const response = await api.request('/v1/directory/settings', { method: 'PUT', json: body });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { path: string }) => e.path)).toContain(field);
  });
});
