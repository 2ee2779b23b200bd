// Property: whatever body arrives, the write endpoints answer 2xx or 4xx with problem+json, never 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { activityBody, startTestApi, reportBody, satgasBody, type TestApi } from '../support/api.ts';

let api: TestApi;
let regionId = '34.02';
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

// The handlers are called in-process with API Gateway events (as the local server does), so thousands
// of cases run in seconds; the authorizer's regionId is set as API Gateway would set it.
function event(path: string, method: string, body: string, contentType = 'application/json', pathParameters: Record<string, string> | null = null) {
  return {
    resource: path, path, httpMethod: method, headers: { 'content-type': contentType }, multiValueHeaders: {},
    queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters, stageVariables: null,
    body, isBase64Encoded: false,
    requestContext: { authorizer: { regionId }, requestId: 'fuzz' } as unknown as APIGatewayProxyEvent['requestContext'],
  } as APIGatewayProxyEvent;
}
const context = { functionName: 'fuzz', awsRequestId: 'fuzz', getRemainingTimeInMillis: () => 30_000 } as Context;

const anyJson = fc.jsonValue({ maxDepth: 12 });
const mutatedReport = fc.record({
  field: fc.constantFrom(...Object.keys(reportBody()), 'employee.nip', 'employee.opdId', 'employee.employmentType', 'reporter.kind', '__proto__', 'constructor'),
  value: anyJson,
}).map(({ field, value }) => {
  const body: Record<string, any> = reportBody();
  const [outer, inner] = field.split('.');
  if (inner) body[outer!] = { ...body[outer!], [inner]: value };
  else body[outer!] = value;
  return JSON.stringify(body);
});
const weirdText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), anyJson.map((v) => JSON.stringify(v)));

function expectNo5xx(result: { statusCode: number; headers?: Record<string, unknown> }) {
  expect(result.statusCode).toBeLessThan(500);
  if (result.statusCode >= 400) expect(result.headers?.['content-type']).toBe('application/problem+json');
}

describe('no 5xx for generated bodies', () => {
  it('POST /v1/reports: random JSON, mutated valid reports, random text', async () => {
    const { handler } = await import('../../functions/http/submit-report.ts');
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedReport, weirdText), async (body) => {
        expectNo5xx(await handler(event('/v1/reports', 'POST', body), context));
      }),
      { numRuns: 1500 },
    );
  });

  it('PUT /v1/directory/opds/{opdId}, /contacts, /settings', async () => {
    const opd = (await import('../../functions/http/put-opd.ts')).handler;
    const contacts = (await import('../../functions/http/put-contacts.ts')).handler;
    const settings = (await import('../../functions/http/put-settings.ts')).handler;
    regionId = '34.01';
    await fc.assert(
      fc.asyncProperty(weirdText, fc.string({ maxLength: 80 }), async (body, opdId) => {
        expectNo5xx(await opd(event(`/v1/directory/opds/x`, 'PUT', body, 'application/json', { opdId }), context));
        expectNo5xx(await contacts(event('/v1/directory/contacts', 'PUT', body), context));
        expectNo5xx(await settings(event('/v1/directory/settings', 'PUT', body), context));
      }),
      { numRuns: 700 },
    );
  });

  it('the Satgas bodies: mutated valid ones and random text', async () => {
    const satgas = (await import('../../functions/http/put-satgas.ts')).handler;
    const activity = (await import('../../functions/http/create-satgas-activity.ts')).handler;
    const risk = (await import('../../functions/http/put-satgas-risk.ts')).handler;
    const mutated = (valid: Record<string, any>, nested: string[]) =>
      fc.record({ field: fc.constantFrom(...Object.keys(valid), ...nested, '__proto__'), value: anyJson }).map(({ field, value }) => {
        const body = structuredClone(valid);
        const [outer, index, inner] = field.split('.');
        if (inner) body[outer!][Number(index)] = { ...body[outer!][Number(index)], [inner]: value };
        else body[outer!] = value;
        return JSON.stringify(body);
      });
    regionId = '34.02';
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutated(satgasBody(), ['members.0.role', 'members.1.nip', 'members.0.email']), weirdText),
        fc.oneof(mutated(activityBody(), ['risks.0.level', 'risks.0.stage', 'risks.0.category', 'risks.0.description']), weirdText),
        weirdText,
        async (satgasText, activityText, riskText) => {
          expectNo5xx(await satgas(event('/v1/directory/opds/disdik/satgas', 'PUT', satgasText, 'application/json', { opdId: 'disdik' }), context));
          expectNo5xx(await activity(event('/v1/satgas/activities', 'POST', activityText), context));
          expectNo5xx(await risk(event('/v1/satgas/risks/x', 'PUT', riskText, 'application/json', { riskId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }), context));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('GET /v1/reports with generated query strings', async () => {
    const { handler } = await import('../../functions/http/list-reports.ts');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('status', 'category', 'stage', 'electionId', 'source', 'overdue', 'limit', 'cursor', 'x'), fc.string({ maxLength: 60 })), async (query) => {
        const e = event('/v1/reports', 'GET', '');
        e.queryStringParameters = query;
        expectNo5xx(await handler(e, context));
      }),
      { numRuns: 700 },
    );
  });
});

describe('forged cursors', () => {
  const list = async (query: Record<string, string>, region = '34.02') => {
    const { handler } = await import('../../functions/http/list-reports.ts');
    regionId = region;
    const e = event('/v1/reports', 'GET', '');
    e.queryStringParameters = query;
    return handler(e, context);
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  /** Any key but the one handed out for `query`, changed, cut, extended or made up, is 400 `cursor`. */
  async function refusesForgeries(query: Record<string, string>, names: string[], numRuns: number) {
    const page = JSON.parse((await list({ ...query, limit: '1' })).body);
    expect(page.nextCursor).toBeTruthy();
    expect((await list({ ...query, limit: '1', cursor: page.nextCursor })).statusCode).toBe(200);
    const real: Record<string, string> = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString());
    const value = fc.oneof(
      fc.constant(''), fc.string({ maxLength: 40 }), fc.constantFrom(...Object.values(real), 'REGION#34.01#REPORTS', 'REPORT', `REGION#34.01#REPORT#${real.PK!.split('#').pop()}`),
      fc.integer(), fc.constant(null), fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
    );
    const forged = fc.oneof(
      // The real cursor with one field changed, dropped or added.
      fc.record({ name: fc.constantFrom(...names), value }).map(({ name, value: v }) => encode({ ...real, [name]: v })),
      fc.constantFrom(...Object.keys(real)).map((name) => encode(Object.fromEntries(Object.entries(real).filter(([k]) => k !== name)))),
      // Any shape at all, and the empty keys.
      fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 5 }).map(encode),
      fc.jsonValue({ maxDepth: 3 }).map(encode),
      fc.constant(encode({ PK: '', SK: '', GSI1PK: 'REGION#34.02#REPORTS', GSI1SK: '' })),
      fc.string({ maxLength: 80 }),
    );
    // GSI1 and GSI2 also hold earlier versions' report items (SK `REPORT`) until `report migrate` moves their keys,
    // so the same position spelled as one of them is a key the server hands out too (the list indexes never hold them).
    const sameKey = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
    const earlierSpelling = 'GSI1PK' in real || 'GSI2PK' in real ? { ...real, SK: 'REPORT' } : undefined;
    const decoded = (cursor: string) => { try { return JSON.parse(Buffer.from(cursor, 'base64url').toString()); } catch { return undefined; } };
    await fc.assert(
      fc.asyncProperty(forged, async (cursor) => {
        if (cursor === page.nextCursor || cursor === '') return; // the real one; an empty one is no cursor (the first page)
        const key = decoded(cursor);
        if (earlierSpelling && key && typeof key === 'object' && !Array.isArray(key) && sameKey(key, earlierSpelling)) return;
        const result = await list({ ...query, cursor });
        expect(result.statusCode, cursor).toBe(400);
        expect(JSON.parse(result.body).errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
      }),
      { numRuns },
    );
    return page.nextCursor as string;
  }

  it('GET /v1/reports answers 400 naming cursor for any key it did not hand out, never 500', async () => {
    for (let i = 0; i < 3; i++) await api.request('/v1/reports', { method: 'POST', json: reportBody() });
    const cursor = await refusesForgeries({}, ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'x', '__proto__'], 600);
    // A real cursor of one region is no cursor for another, nor for another list.
    expect((await list({ cursor }, '34.01')).statusCode).toBe(400);
    expect((await list({ status: 'RECEIVED', cursor })).statusCode).toBe(400);
    expect((await list({ category: reportBody().category, cursor })).statusCode).toBe(400);
  });

  it('and so does a list index\'s page (category): its cursor continues only that index\'s partition', async () => {
    const category = reportBody().category as string;
    for (let i = 0; i < 2; i++) await api.request('/v1/reports', { method: 'POST', json: reportBody() });
    const cursor = await refusesForgeries({ category }, ['PK', 'SK', 'CategoryPK', 'GSI1SK', 'StagePK', 'GSI1PK', 'x'], 300);
    expect((await list({ category: category === 'ATRIBUT' ? 'KAMPANYE' : 'ATRIBUT', cursor })).statusCode).toBe(400);
    expect((await list({ cursor })).statusCode).toBe(400);
    expect((await list({ category, cursor }, '34.01')).statusCode).toBe(400);
  });
});

describe('no 5xx through the HTTP server', () => {
  it('random methods, paths, content types and raw bytes', async () => {
    const paths = ['/v1/reports', '/v1/reports/01ARZ3NDEKTSV4RRFFQ69G5FAV', '/v1/directory', '/v1/directory/opds/disdik',
      '/v1/directory/contacts', '/v1/directory/settings', '/v1/track/NTR-0000-0000-0000', '/health', '/openapi.json',
      '/v1/directory/opds/disdik/satgas', '/v1/satgas/activities', '/v1/satgas/risks?electionId=pilkada-2024', '/v1/satgas/risks/01ARZ3NDEKTSV4RRFFQ69G5FAV'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.oneof(fc.constantFrom(...paths), fc.webPath()),
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', ''),
        fc.oneof(fc.uint8Array({ maxLength: 300 }), mutatedReport.map((text) => new TextEncoder().encode(text))),
        async (method, path, contentType, bytes) => {
          const response = await fetch(`${api.url}${path}`, {
            method,
            headers: { 'x-api-key': api.keys['34.02']!, ...(contentType ? { 'content-type': contentType } : {}) },
            ...(method === 'GET' ? {} : { body: bytes }),
          });
          expect(response.status, `${method} ${path}`).toBeLessThan(500);
          await response.arrayBuffer();
        },
      ),
      { numRuns: 400 },
    );
  });
});
