// GET /v1/guidance (public) and reports naming an act of it, through the local server and the real handlers.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { GuidanceCatalogue } from '../../functions/domain/guidance.schema.ts';
import { CURRENT_GUIDANCE } from '../../functions/domain/guidance.ts';
import { reportBody, startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  vi.spyOn(api.deps.workflow, 'start').mockResolvedValue();
});
afterAll(() => api.close());

describe('GET /v1/guidance', () => {
  it('answers the catalogue without a key, in the spec shape, filtered by category', async () => {
    const response = await api.request('/v1/guidance?category=MEDIA_SOSIAL', { key: null });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(z.strictObject(GuidanceCatalogue.shape).parse(body)).toEqual(body);
    expect(body.version).toBe(CURRENT_GUIDANCE.version);
    expect(body.acts.map((a: any) => a.code)).toContain('MEDSOS_BAGIKAN_KAMPANYE');
    expect(body.acts.every((a: any) => a.category === 'MEDIA_SOSIAL')).toBe(true);
    const share = body.acts.find((a: any) => a.code === 'MEDSOS_BAGIKAN_KAMPANYE');
    expect(share).toEqual({
      code: 'MEDSOS_BAGIKAN_KAMPANYE', category: 'MEDIA_SOSIAL',
      title: { id: expect.any(String), en: expect.any(String) }, description: { id: expect.any(String), en: expect.any(String) },
      ethics: { sanctions: ['MORAL_TERTUTUP', 'MORAL_TERBUKA'] }, discipline: { levels: ['BERAT'] },
      basis: expect.arrayContaining([expect.stringContaining('PP 94/2021')]),
    });
    expect(body.allowed.map((a: any) => a.code)).toContain('MEMILIH');

    const all = await (await api.request('/v1/guidance', { key: null })).json();
    expect(all.acts).toHaveLength(CURRENT_GUIDANCE.acts.length);
    expect((await (await api.request('/v1/guidance?category=LAINNYA', { key: null })).json()).acts).toEqual([]);
  });

  it('answers 400 naming the field for an unknown category or parameter', async () => {
    const response = await api.request('/v1/guidance?category=NONSENSE', { key: null });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await response.json()).errors.map((e: any) => e.path)).toEqual(['query.category']);
    expect((await api.request('/v1/guidance?color=red', { key: null })).status).toBe(400);
  });

  it('is in the OpenAPI document as a public operation', async () => {
    const doc = await (await api.request('/openapi.json', { key: null })).json();
    const op = doc.paths['/v1/guidance'].get;
    expect(op.operationId).toBe('getGuidance');
    expect(op.security).toEqual([]);
    expect(op.parameters.map((p: any) => p.name)).toEqual(['category']);
    expect(doc.components.schemas.GuidanceCatalogue).toBeDefined();
  });
});

describe('POST /v1/reports with actCode', () => {
  it('keeps an act of the report category', async () => {
    const response = await api.request('/v1/reports', { method: 'POST', json: reportBody({ category: 'MEDIA_SOSIAL', actCode: 'MEDSOS_BAGIKAN_KAMPANYE' }) });
    expect(response.status).toBe(202);
    const report = await (await api.request(`/v1/reports/${(await response.json()).id}`)).json();
    expect(report.actCode).toBe('MEDSOS_BAGIKAN_KAMPANYE');
  });

  it.each([
    ['an unknown act', { category: 'MEDIA_SOSIAL', actCode: 'MEDSOS_TIDAK_ADA' }],
    ['an act of another category', { category: 'KAMPANYE', actCode: 'MEDSOS_BAGIKAN_KAMPANYE' }],
    ['a code of the wrong shape', { category: 'MEDIA_SOSIAL', actCode: 'medsos bagikan' }],
  ])('refuses %s with 400 naming actCode, and stores nothing', async (_, fields) => {
    const before = await (await api.request('/v1/reports?limit=100')).json();
    const response = await api.request('/v1/reports', { method: 'POST', json: reportBody(fields) });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: any) => e.path)).toEqual(['actCode']);
    const after = await (await api.request('/v1/reports?limit=100')).json();
    expect(after.items).toHaveLength(before.items.length);
  });
});
