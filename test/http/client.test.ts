// The typed client against the real local API: the integration docs/api.md shows, keys added to creates, pagination
// across pages, problems as typed errors, and retries of a 503.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetraClient, NetraProblem, unwrap, type paths } from '#client';
import { integrate } from '../../clients/typescript/examples/integrate.ts';
import { reportBody, startTestApi, type TestApi } from '../support/api.ts';

type ReportBody = paths['/v1/reports']['post']['requestBody']['content']['application/json'];
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

describe('@netra/client', () => {
  it("runs the integration of docs/api.md against the local API", async () => {
    const lines: string[] = [];
    const { id, receiptCode } = await integrate(api.url, api.keys['34.02']!, reportBody() as ReportBody, (line) => lines.push(line));
    expect(lines[0]).toMatch(new RegExp(`^${receiptCode}: (RECEIVED|AWAITING_OPD_REVIEW), \\d+ timeline entries$`));
    expect(lines.at(-1)).toBe('refused 400: incidentDate');
    const stored = await (await api.request(`/v1/reports/${id}`)).json();
    expect(stored.receiptCode).toBe(receiptCode);
  });

  it('gives each create its own Idempotency-Key, and keeps the one the caller gave', async () => {
    const netra = createNetraClient({ baseUrl: api.url, apiKey: api.keys['34.02']! });
    const body = reportBody() as ReportBody;
    const a = unwrap(await netra.api.POST('/v1/reports', { body }));
    const b = unwrap(await netra.api.POST('/v1/reports', { body }));
    expect(a.id).not.toBe(b.id);
    const headers = { 'idempotency-key': `client-test-${a.id}` };
    const c = unwrap(await netra.api.POST('/v1/reports', { body, params: { header: headers } }));
    const d = unwrap(await netra.api.POST('/v1/reports', { body, params: { header: headers } }));
    expect(d.id).toBe(c.id);
  });

  it('walks every page of a list, each item once', async () => {
    const netra = createNetraClient({ baseUrl: api.url, apiKey: api.keys['34.01']! });
    const created = new Set<string>();
    for (let i = 0; i < 5; i++) {
      created.add(unwrap(await netra.api.POST('/v1/reports', { body: reportBody() as ReportBody })).id);
    }
    const seen: string[] = [];
    for await (const item of netra.all('/v1/reports', { limit: 2 })) seen.push(item.id);
    expect(seen.filter((id) => created.has(id)).sort()).toEqual([...created].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('throws a typed problem for a missing key and for another region\'s report', async () => {
    const anonymous = createNetraClient({ baseUrl: api.url, retry: false });
    const refused = await anonymous.api.GET('/v1/reports', {});
    expect(() => unwrap(refused)).toThrow(NetraProblem);
    expect(() => unwrap(refused)).toThrow(/^401 /);
    const bantul = createNetraClient({ baseUrl: api.url, apiKey: api.keys['34.02']! });
    const { id } = unwrap(await bantul.api.POST('/v1/reports', { body: reportBody() as ReportBody }));
    const kulonProgo = createNetraClient({ baseUrl: api.url, apiKey: api.keys['34.01']! });
    try {
      unwrap(await kulonProgo.api.GET('/v1/reports/{id}', { params: { path: { id } } }));
      expect.unreachable();
    } catch (error) {
      expect((error as NetraProblem).status).toBe(404);
    }
  });

  it('retries a 503 with Retry-After and then succeeds', async () => {
    let calls = 0;
    const flaky = (async (input: string | URL | Request, init?: RequestInit) => {
      calls++;
      if (calls === 1) return new Response(JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503, detail: 'x' }), { status: 503, headers: { 'retry-after': '0' } });
      return fetch(input, init);
    }) as typeof fetch;
    const netra = createNetraClient({ baseUrl: api.url, apiKey: api.keys['34.02']!, fetch: flaky });
    const health = unwrap(await netra.api.GET('/health'));
    expect(health.status).toBe('ok');
    expect(calls).toBe(2);
  });
});
