// Report intake and queries through the local HTTP server, the real handlers and DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reportBody, startTestApi, type TestApi } from '../support/api.ts';
import { buildOpenApi } from '../../functions/lib/openapi.ts';
import { handlerFile, routes } from '../../functions/http/routes.ts';
import type { Route } from '../../functions/lib/route.ts';
import { dependencies } from '../../functions/composition/root.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  // Intake alone: reports stay RECEIVED here; the workflow that moves them on is tested in test/workflow/.
  vi.spyOn(api.deps.workflow, 'start').mockResolvedValue();
});
afterAll(() => api.close());

async function submit(body: unknown = reportBody(), init: { key?: string; headers?: Record<string, string> } = {}) {
  const response = await api.request('/v1/reports', { method: 'POST', json: body, ...init });
  return { response, body: await response.json() };
}

describe('POST /v1/reports', () => {
  it('stores a report as RECEIVED with its timeline and a derived stage', async () => {
    const { response, body } = await submit();
    expect(response.status).toBe(202);
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9A-Z]{26}$/), receiptCode: expect.stringMatching(/^NTR-/), status: 'RECEIVED' });

    const read = await api.request(`/v1/reports/${body.id}`);
    expect(read.status).toBe(200);
    const report = await read.json();
    expect(report).toMatchObject({
      id: body.id,
      regionId: '34.02',
      status: 'RECEIVED',
      stage: 'KAMPANYE',
      category: 'MEDIA_SOSIAL',
      employee: { nip: '198001012005011001', opdId: 'disdik' },
      decisions: [],
    });
    expect(report.timeline).toHaveLength(1);
    expect(report.timeline[0]).toMatchObject({ actor: 'REPORTER', action: 'SUBMITTED', status: 'RECEIVED' });
    expect(report.timeline[0].note).toContain('Kampanye');
  });

  it('keeps a stage the caller gives', async () => {
    const { body } = await submit(reportBody({ stage: 'MASA_TENANG' }));
    const report = await (await api.request(`/v1/reports/${body.id}`)).json();
    expect(report.stage).toBe('MASA_TENANG');
    expect(report.timeline[0].note).toBeUndefined();
  });

  it('accepts NON_ASN employees without a NIP', async () => {
    const { response } = await submit(
      reportBody({ employee: { name: 'Tenaga Honorer', position: 'Staf', opdId: 'dinkes', employmentType: 'NON_ASN' } }),
    );
    expect(response.status).toBe(202);
  });
});

describe('bad input gets a 4xx problem+json naming the field, and writes nothing', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: [string, unknown, number, string][] = [
    ['unknown category', reportBody({ category: 'NONSENSE' }), 400, 'category'],
    ['unknown election', reportBody({ electionId: 'pemilu-1999' }), 400, 'electionId'],
    ['unknown stage', reportBody({ stage: 'KAMPANYE_AKBAR' }), 400, 'stage'],
    ['short NIP', reportBody({ employee: { ...reportBody().employee, nip: '12345' } }), 400, 'employee.nip'],
    ['NIP with letters', reportBody({ employee: { ...reportBody().employee, nip: '19800101200501100A' } }), 400, 'employee.nip'],
    ['NIP as a number', reportBody({ employee: { ...reportBody().employee, nip: 198001012005011001 } }), 400, 'employee.nip'],
    ['PNS without NIP', reportBody({ employee: { name: 'A', position: 'B', opdId: 'disdik', employmentType: 'PNS' } }), 400, 'employee.nip'],
    ['unknown employment type', reportBody({ employee: { ...reportBody().employee, employmentType: 'HONORER' } }), 400, 'employee.employmentType'],
    ['unknown OPD', reportBody({ employee: { ...reportBody().employee, opdId: 'dinas-rahasia' } }), 400, 'employee.opdId'],
    ['impossible date', reportBody({ incidentDate: '2024-02-30' }), 400, 'incidentDate'],
    ['date in another format', reportBody({ incidentDate: '02/10/2024' }), 400, 'incidentDate'],
    ['future date', reportBody({ incidentDate: '2999-01-01' }), 400, 'incidentDate'],
    ['javascript: evidence', reportBody({ evidenceUrls: ['javascript:alert(1)'] }), 400, 'evidenceUrls.0'],
    ['ftp evidence', reportBody({ evidenceUrls: ['ftp://example.org/a'] }), 400, 'evidenceUrls.0'],
    ['too many evidence links', reportBody({ evidenceUrls: Array(21).fill('https://example.org/a') }), 400, 'evidenceUrls'],
    ['description too long', reportBody({ description: long(5001) }), 400, 'description'],
    ['blank description', reportBody({ description: '   ' }), 400, 'description'],
    ['wrong type', reportBody({ location: 42 }), 400, 'location'],
    // Text that would go on into e-mails and pages as it is: a NUL, a form feed, half a surrogate pair.
    ['a NUL in the location', reportBody({ location: 'Kantor\u0000Dinas' }), 400, 'location'],
    ['a control character in a name', reportBody({ employee: { ...reportBody().employee, name: 'Budi\u000cSantoso' } }), 400, 'employee.name'],
    ['half a surrogate pair', reportBody({ description: `Unggahan ${'\ud83d'} di grup dinas.` }), 400, 'description'],
    ['unknown reporter kind', reportBody({ reporter: { kind: 'ANONYMOUS' } }), 400, 'reporter.kind'],
    ['unknown field', reportBody({ priority: 'high' }), 400, ''],
    ['missing employee', { ...reportBody(), employee: undefined }, 400, 'employee'],
    ['an array body', [reportBody()], 400, ''],
    ['prototype pollution', JSON.parse(`{"__proto__":{"polluted":true},"electionId":"pilkada-2024"}`), 400, '__proto__'],
  ];

  // What a half-written report would change: the newest report (lists are newest first) or any counter.
  const state = async () => {
    const newest = (await (await api.request('/v1/reports?limit=1')).json()).items[0]?.id ?? null;
    const stats = await (await api.request('/v1/stats?electionId=pilkada-2024')).json();
    return { newest, stats };
  };

  it.each(cases)('%s → %i at %j', async (_, body, status, path) => {
    const before = await state();
    const raw = JSON.stringify(body);
    const response = await api.request('/v1/reports', { method: 'POST', body: raw, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await response.json();
    expect(problem).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await state()).toEqual(before);
  });

  it('an unknown OPD is named with the OPDs the directory has, so the caller sees the id it meant', async () => {
    const response = await api.request('/v1/reports', { method: 'POST', json: reportBody({ employee: { ...reportBody().employee, opdId: 'dinkes-bantul' } }) });
    const [error] = (await response.json()).errors;
    expect(error.path).toBe('employee.opdId');
    expect(error.message).toMatch(/not in the directory: .*disdik/);
    expect(error.message).toContain('yang terdaftar: ');
  });

  it('malformed JSON → 400', async () => {
    const response = await api.request('/v1/reports', { method: 'POST', body: '{"electionId": ', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toBeTruthy();
  });

  it('wrong content type → 415', async () => {
    const response = await api.request('/v1/reports', { method: 'POST', body: 'electionId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(415);
    expect((await response.json()).errors[0].path).toBe('header.content-type');
  });

  it('oversized body → 413', async () => {
    const response = await api.request('/v1/reports', {
      method: 'POST',
      body: JSON.stringify(reportBody({ description: 'x'.repeat(70_000) })),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
  });

  it('deep nesting → 400', async () => {
    let nested: unknown = 1;
    for (let i = 0; i < 50; i++) nested = { a: nested };
    const { response } = await submit(reportBody({ reporter: nested }));
    expect(response.status).toBe(400);
  });

  it('an Idempotency-Key that is not visible ASCII → 400', async () => {
    const { response, body } = await submit(reportBody(), { headers: { 'idempotency-key': 'x'.repeat(300) } });
    expect(response.status).toBe(400);
    expect(body.errors[0].path).toBe('header.idempotency-key');
  });
});

describe('API keys and tenant isolation', () => {
  it('401 without a key, with a malformed key, with an unknown key', async () => {
    for (const key of [null, 'nope', `ntr_AAAAAAAA_${'A'.repeat(43)}`]) {
      const response = await api.request('/v1/reports', { key });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it("a second region's key cannot see or list the first region's report", async () => {
    const { body } = await submit();
    const other = api.keys['34.01']!;
    expect((await api.request(`/v1/reports/${body.id}`, { key: other })).status).toBe(404);
    const list = await (await api.request('/v1/reports?limit=100', { key: other })).json();
    expect(list.items.map((item: { id: string }) => item.id)).not.toContain(body.id);
  });

  it("a cursor from one region's list does not open another region's list", async () => {
    await submit();
    await submit();
    const page = await (await api.request('/v1/reports?limit=1')).json();
    expect(page.nextCursor).toBeTruthy();
    const response = await api.request(`/v1/reports?limit=1&cursor=${page.nextCursor}`, { key: api.keys['34.01'] });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].path).toBe('cursor');
  });

  it('a revoked key stops working', async () => {
    const { issueKey, revokeKey } = await import('../../functions/use-cases/keys.ts');
    const { key, keyId } = await issueKey(api.deps, '34.02');
    expect((await api.request('/v1/reports', { key })).status).toBe(200);
    await revokeKey(api.deps, '34.02', keyId);
    expect((await api.request('/v1/reports', { key })).status).toBe(401);
  });
});

describe('Idempotency-Key', () => {
  it('five concurrent retries with one key make one report', async () => {
    const key = `retry-${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => submit(reportBody({ description: 'Satu laporan, lima percobaan.' }), { headers: { 'idempotency-key': key } })),
    );
    const statuses = results.map((r) => r.response.status);
    expect(statuses.every((s) => s === 202 || s === 409)).toBe(true);
    const ids = new Set(results.filter((r) => r.response.status === 202).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    // Retried after the first finished, every attempt answers with the same report.
    const again = await submit(reportBody({ description: 'Satu laporan, lima percobaan.' }), { headers: { 'idempotency-key': key } });
    expect(again.response.status).toBe(202);
    expect(again.body.id).toBe([...ids][0]);
    const list = await (await api.request('/v1/reports?limit=100')).json();
    expect(list.items.filter((item: { id: string }) => item.id === again.body.id)).toHaveLength(1);
  });

  it('the same key with another body is refused', async () => {
    const key = `mismatch-${Date.now()}`;
    expect((await submit(reportBody(), { headers: { 'idempotency-key': key } })).response.status).toBe(202);
    const second = await submit(reportBody({ location: 'Tempat lain' }), { headers: { 'idempotency-key': key } });
    expect(second.response.status).toBe(422);
  });

  it('a keyed intake writes only the report itself: with DynamoDB failing right after that write, the stored report is still a 202', async () => {
    const key = `after-${Date.now()}`;
    const sent: string[] = [];
    let reportStored = false;
    // The earlier tests' list reads are journalled for the access log and drained into the table in the background
    // on this client: drained now, so that the window below holds only this request's calls.
    await dependencies().local!.accessJournal.flush();
    api.deps.dynamo.client.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(String(context.commandName));
        // Whatever would follow the report's transaction (a bookkeeping write) finds DynamoDB gone.
        if (reportStored) throw Object.assign(new Error('DynamoDB stopped answering'), { name: 'TimeoutError' });
        const result = await next(args);
        if (context.commandName === 'TransactWriteItemsCommand') reportStored = true;
        return result;
      },
      { step: 'initialize', name: 'failAfterReport' },
    );
    let first: Awaited<ReturnType<typeof submit>>;
    try {
      first = await submit(reportBody(), { headers: { 'idempotency-key': key } });
    } finally {
      api.deps.dynamo.client.middlewareStack.remove('failAfterReport');
    }
    expect(first.response.status).toBe(202);
    // The authorizer's key lookup, then the one transaction that stores the report and is its idempotency record.
    expect(sent).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    const again = await submit(reportBody(), { headers: { 'idempotency-key': key } });
    expect(again.response.status).toBe(202);
    expect(again.body).toEqual(first.body);
  });

  it('a retry gets the first answer even after the report has moved on', async () => {
    const key = `moved-${Date.now()}`;
    const first = await submit(reportBody(), { headers: { 'idempotency-key': key } });
    const at = new Date().toISOString();
    await api.deps.reports.transition({
      report: { regionId: '34.02', id: first.body.id, electionId: 'pilkada-2024' }, from: 'RECEIVED', to: 'AWAITING_OPD_REVIEW', at,
      timeline: [{ at, actor: 'SYSTEM', action: 'OPD_REVIEW_STARTED', status: 'AWAITING_OPD_REVIEW' }],
    });
    const again = await submit(reportBody(), { headers: { 'idempotency-key': key } });
    expect(again.response.status).toBe(202);
    expect(again.body).toEqual({ ...first.body, status: 'RECEIVED' });
    expect((await (await api.request(`/v1/reports/${first.body.id}`)).json()).status).toBe('AWAITING_OPD_REVIEW');
  });

  it('two regions may use the same key for different reports', async () => {
    const key = `shared-${Date.now()}`;
    const a = await submit(reportBody(), { headers: { 'idempotency-key': key } });
    const b = await submit(reportBody(), { key: api.keys['34.01'], headers: { 'idempotency-key': key } });
    expect(a.response.status).toBe(202);
    expect(b.response.status).toBe(202);
    expect(a.body.id).not.toBe(b.body.id);
  });
});

describe('GET /v1/reports', () => {
  it('lists newest first, filters, and paginates without gaps or repeats', async () => {
    const key = api.keys['34.01']!;
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { body } = await submit(reportBody({ category: i % 2 ? 'ATRIBUT' : 'KAMPANYE', incidentDate: i < 3 ? '2024-11-25' : '2024-10-01' }), { key });
      made.push(body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await (
        await api.request(`/v1/reports?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { key })
      ).json();
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => made.includes(id))).toEqual([...made].reverse());
    expect(seen.slice(0, made.length)).toEqual([...made].reverse());

    const atribut = await (await api.request('/v1/reports?category=ATRIBUT&limit=2', { key })).json();
    expect(atribut.items).toHaveLength(2);
    expect(atribut.items.every((item: { category: string }) => item.category === 'ATRIBUT')).toBe(true);
    const rest = await (await api.request(`/v1/reports?category=ATRIBUT&limit=2&cursor=${atribut.nextCursor}`, { key })).json();
    expect(rest.items).toHaveLength(1);

    const quiet = await (await api.request('/v1/reports?stage=MASA_TENANG&status=RECEIVED&electionId=pilkada-2024', { key })).json();
    expect(quiet.items.map((item: { id: string }) => item.id)).toEqual(made.slice(0, 3).reverse());
  });

  it('rejects bad filters and cursors', async () => {
    for (const [query, path] of [
      ['status=OPEN', 'query.status'],
      ['limit=0', 'query.limit'],
      ['limit=1000', 'query.limit'],
      ['limit=abc', 'query.limit'],
      ['cursor=not-a-cursor', 'cursor'],
      ['colour=red', 'query'],
      ['limit=1&limit=2', 'query.limit'],
      ['status=RECEIVED&status=RECEIVED', 'query.status'],
    ]) {
      const response = await api.request(`/v1/reports?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).errors.map((e: { path: string }) => e.path), query).toContain(path);
    }
  });

  it('refuses a parameter given twice, naming it, on every route that reads a query, as API Gateway delivers it', async () => {
    const twice = await api.request('/v1/reports?limit=1&limit=2');
    expect(twice.status).toBe(400);
    expect(twice.headers.get('content-type')).toContain('application/problem+json');
    expect((await twice.json()).errors).toEqual([{ path: 'query.limit', message: expect.stringContaining('satu nilai') }]);
    // Each route's own handler, with the REST API's event: the last value in queryStringParameters, all of them in
    // multiValueQueryStringParameters. A name the route does not declare is its schema's to judge (a decision link
    // keeps working with a mail scanner's repeated utm_source), so only declared ones are repeated here.
    const withQuery = Object.entries(routes as Record<string, Route>).filter(([, route]) => route.query);
    expect(withQuery.length).toBeGreaterThanOrEqual(10);
    for (const [name, route] of withQuery) {
      const declared = Object.keys((route.query as unknown as { _zod: { def: { shape: object } } })._zod.def.shape);
      const first = declared[0]!;
      const { handler } = await import(`../../functions/http/${handlerFile(name as keyof typeof routes)}`);
      const authorizer = route.auth ? (route.national ? { nationalBody: 'BKN', keyId: 'k' } : { regionId: '34.02', keyId: 'k' }) : null;
      const event = {
        resource: route.path, path: route.path, httpMethod: route.method, headers: {}, multiValueHeaders: {},
        queryStringParameters: { [first]: 'b' }, multiValueQueryStringParameters: { [first]: ['a', 'b'] },
        pathParameters: null, stageVariables: null, body: null, isBase64Encoded: false,
        requestContext: { authorizer, requestId: 'twice' },
      };
      const result = await handler(event, { functionName: name, awsRequestId: 'twice', getRemainingTimeInMillis: () => 30_000 });
      expect(result.statusCode, name).toBe(400);
      // A decision page is for people: its 400 is a page; every API route's is problem+json naming the field.
      if (route.html) expect(result.headers['content-type'], name).toContain('text/html');
      else expect(JSON.parse(result.body).errors, name).toEqual([{ path: `query.${first}`, message: expect.any(String) }]);
    }
  });

  it('answers 404 for an id that is not a report id', async () => {
    expect((await api.request('/v1/reports/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await api.request('/v1/reports/..%2F..%2Fadmin')).status).toBe(400);
  });
});

describe('GET /v1/track/{receiptCode}', () => {
  it('answers status and last update only, without a key', async () => {
    const { body } = await submit();
    const response = await api.request(`/v1/track/${body.receiptCode}`, { key: null });
    expect(response.status).toBe(200);
    const tracking = await response.json();
    expect(Object.keys(tracking).sort()).toEqual(['lastUpdate', 'receiptCode', 'status']);
    expect(tracking.status).toBe('RECEIVED');
    expect(JSON.stringify(tracking)).not.toMatch(/Siti|0812|Budi|1980010120/);
  });

  it('404 for unknown or malformed codes', async () => {
    expect((await api.request('/v1/track/NTR-0000-0000-0000', { key: null })).status).toBe(404);
    expect((await api.request('/v1/track/hello', { key: null })).status).toBe(404);
  });
});

describe('public endpoints', () => {
  it('GET /health', async () => {
    expect((await api.request('/health', { key: null })).status).toBe(200);
  });

  it('GET /openapi.json describes every route with resolvable references', async () => {
    const doc = await (await api.request('/openapi.json', { key: null })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/reports', '/v1/reports/{id}', '/v1/track/{receiptCode}', '/v1/directory']));
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    }
    expect(doc.components.schemas.SubmitReportInput.properties.category.enum).toContain('POLITIK_UANG');
    // Unbundled, the route generates it live with the generator NetraFunction runs at synth (test/infra/cdk-cli.test.ts).
    expect(doc).toEqual(buildOpenApi(routes));
  });

  it('unknown paths and methods are problem+json too, in both languages', async () => {
    const missing = await api.request('/v2/nothing');
    expect(missing.status).toBe(404);
    expect((await missing.json()).detail).toBe('Tidak ada rute untuk /v2/nothing / No route for /v2/nothing');
    const response = await api.request('/v1/reports', { method: 'PUT', json: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await response.json()).detail).toBe('PUT tidak diizinkan pada /v1/reports / PUT is not allowed on /v1/reports');
  });
});
