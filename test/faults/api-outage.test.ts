// A database outage as the API's callers see it: DynamoDB Local frozen (SIGSTOP: it accepts connections and
// never answers) and killed (connections refused). Every keyed and public route answers 503 with Retry-After
// before the function's timeout, decision pages a 503 page; afterwards everything answers again and nothing
// was half-written. This file runs its own DynamoDB Local, so the one the other files share is never frozen.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal, type DynamoLocal } from '../../infra/local/dynamodb.ts';
import { ensureTable } from '../../infra/local/tables.ts';
import { ROUTE_TIMEOUT_SECONDS } from '../../functions/support/time-budget.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'netra-outage-db-'));
let dynamo: DynamoLocal = await startDynamoLocal({ dataDir });
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
{
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'ap-southeast-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  await ensureTable(client, process.env.TABLE_NAME!);
  client.destroy();
}
const { ceremonyBody, reportBody, startTestApi } = await import('../support/api.ts');
const { linkIn, localRoutes, mailTo, postForm, eventually } = await import('../support/workflow.ts');
const { dependencies } = await import('../../functions/composition/root.ts');
const { routes, handlerFile } = await import('../../functions/http/routes.ts');

const deps = dependencies();
const OPD_HEAD = 'kepala.disdik@bantul.demo.netra.example';
const BOUND_MS = ROUTE_TIMEOUT_SECONDS * 1_000;
let api: Awaited<ReturnType<typeof startTestApi>>;
let before: { id: string; receiptCode: string; link: string };

beforeAll(async () => {
  api = await startTestApi({ localRoutes: localRoutes(deps) });
  const response = await api.request('/v1/reports', { method: 'POST', json: reportBody() });
  expect(response.status).toBe(202);
  const { id, receiptCode } = await response.json();
  const link = linkIn(await mailTo(api, OPD_HEAD, receiptCode));
  before = { id, receiptCode, link };
}, 120_000);

afterAll(async () => {
  try {
    process.kill(dynamo.pid, 'SIGCONT');
  } catch {
    // already gone
  }
  await deps.local?.runner.stop();
  await api?.close();
  await dynamo.stop();
});

/** One request to every route, as a caller would send it, with a body that passes validation. */
function requests(): Array<{ name: string; path: string; init: RequestInit & { key?: string | null; json?: unknown }; page: boolean }> {
  const u = new URL(before.link);
  const values: Record<string, string> = { id: before.id, receiptCode: before.receiptCode, opdId: 'disdik', nip: '198001012005011001', decisionId: u.pathname.split('/').pop()! };
  const bodies: Record<string, unknown> = {
    submitReport: reportBody(), createCeremony: ceremonyBody(), putOpd: { name: 'Dinas Pendidikan' },
    putContacts: {}, putSettings: {}, addSignatories: { signatories: [] },
    unsealReporter: { reason: 'Diperlukan sebagai saksi dalam pemeriksaan.' },
  };
  return Object.entries(routes).map(([name, route]) => {
    const path = route.path.replace(/\{(\w+)\}/g, (_, param: string) => values[param]!) + (name.endsWith('Decision') ? u.search : '');
    const init: RequestInit & { key?: string | null; json?: unknown } = { method: route.method, ...(route.auth ? {} : { key: null }) };
    if (name === 'postDecision') Object.assign(init, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'outcome=FORWARD' });
    else if (route.method !== 'GET') init.json = bodies[name] ?? {};
    return { name, path, init, page: Boolean((route as { html?: boolean }).html) };
  });
}

/** Sends every request at once; each answer with how long it took. */
async function everyRoute() {
  return Promise.all(requests().map(async ({ name, path, init, page }) => {
    const started = Date.now();
    const response = await api.request(path, init);
    const body = await response.text();
    return { name, page, status: response.status, type: response.headers.get('content-type') ?? '', retryAfter: response.headers.get('retry-after'), body, ms: Date.now() - started };
  }));
}

function expectUnavailable(answers: Awaited<ReturnType<typeof everyRoute>>) {
  for (const a of answers) {
    if (a.name === 'openapi' || a.name === 'getGuidance') {
      expect(a.status, 'the API document and the guidance catalogue are data in the bundle: no database').toBe(200);
      continue;
    }
    expect(a.status, `${a.name}: ${a.body.slice(0, 200)}`).toBe(503);
    expect(a.retryAfter, a.name).toBe('5');
    expect(a.ms, `${a.name} answered within the function's timeout`).toBeLessThan(BOUND_MS);
    if (a.page) {
      expect(a.type, a.name).toMatch(/^text\/html/);
      expect(a.body, a.name).toMatch(/Layanan sedang tidak tersedia/);
    } else {
      expect(a.type, a.name).toBe('application/problem+json');
      expect(JSON.parse(a.body)).toMatchObject({ status: 503, title: 'Service Unavailable' });
    }
    expect(a.body, a.name).not.toMatch(/ECONNREFUSED|TimeoutError|at .*\.ts:\d+|stack/);
  }
}

/** The route handlers themselves (as Lambda runs them behind the authorizer) during the outage. */
async function everyHandler() {
  const { id } = before;
  const cases: Array<[keyof typeof routes, Partial<APIGatewayProxyEvent>]> = [
    ['getReport', { pathParameters: { id } }], ['listReports', {}], ['getDirectory', {}], ['getStats', { queryStringParameters: { electionId: 'pilkada-2024' } }],
    ['listCeremonies', {}], ['getCompliance', { queryStringParameters: { electionId: 'pilkada-2024' } }],
    ['submitReport', { body: JSON.stringify(reportBody()) }], ['createCeremony', { body: JSON.stringify(ceremonyBody()) }],
    ['putOpd', { pathParameters: { opdId: 'dinsos' }, body: JSON.stringify({ name: 'Dinas Sosial' }) }],
  ];
  return Promise.all(cases.map(async ([name, overrides]) => {
    const { handler } = (await import(`../../functions/http/${handlerFile(name)}`)) as { handler: (e: APIGatewayProxyEvent, c: Context) => Promise<APIGatewayProxyResult> };
    const event = {
      resource: routes[name].path, path: routes[name].path, httpMethod: routes[name].method, headers: { 'content-type': 'application/json' },
      multiValueHeaders: {}, queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters: null, stageVariables: null,
      body: null, isBase64Encoded: false, requestContext: { authorizer: { regionId: '34.02' }, requestId: 'outage' }, ...overrides,
    } as unknown as APIGatewayProxyEvent;
    const deadline = Date.now() + BOUND_MS;
    const started = Date.now();
    const result = await handler(event, { functionName: name, awsRequestId: 'outage', getRemainingTimeInMillis: () => deadline - Date.now() } as Context);
    return { name, status: result.statusCode, retryAfter: result.headers?.['retry-after'], ms: Date.now() - started };
  }));
}

async function counts() {
  const stats = await (await api.request('/v1/stats?electionId=pilkada-2024')).json();
  const list = await (await api.request('/v1/reports?limit=100')).json();
  return { total: stats.total, listed: list.items.length, ids: list.items.map((r: { id: string }) => r.id) as string[] };
}

/** Nothing half-written: the counters equal the reports, and every report is whole (its timeline, its receipt). */
async function expectWhole() {
  const { total, listed, ids } = await counts();
  expect(total).toBe(listed);
  for (const id of ids) {
    const response = await api.request(`/v1/reports/${id}`);
    expect(response.status).toBe(200);
    const r = await response.json();
    expect(r.timeline.length).toBeGreaterThan(0);
    expect((await api.request(`/v1/track/${r.receiptCode}`, { key: null })).status).toBe(200);
  }
  return listed;
}

describe('DynamoDB Local frozen (SIGSTOP)', () => {
  it('every route answers 503 with Retry-After before the function timeout, and all is well after SIGCONT', async () => {
    expect(await expectWhole()).toBe(1);

    process.kill(dynamo.pid, 'SIGSTOP');
    // Every thread of the JVM stops when it next runs: on a loaded machine, wait until the kernel says it has.
    await eventually('DynamoDB Local to be stopped', async () => /^\d+ \(.*\) T /.test(readFileSync(`/proc/${dynamo.pid}/stat`, 'utf8')), 10_000);
    try {
      const started = Date.now();
      const [answers, handled] = await Promise.all([everyRoute(), everyHandler()]);
      expectUnavailable(answers);
      for (const h of handled) {
        expect(h.status, h.name).toBe(503);
        expect(h.retryAfter, h.name).toBe('5');
        expect(h.ms, h.name).toBeLessThan(BOUND_MS);
      }
      console.info(`frozen: slowest 503 ${Math.max(...answers.map((a) => a.ms))} ms over ${answers.length} routes (all at once); ${Date.now() - started} ms in all`);
    } finally {
      process.kill(dynamo.pid, 'SIGCONT');
    }

    await eventually('the API to answer again', async () => (await api.request('/health', { key: null })).status === 200, 30_000);
    // A write the frozen database had already received may have been applied when it woke (answered 503: its
    // outcome unknown, which is what an Idempotency-Key is for); but nothing is half-written.
    await expectWhole();
    const page = await fetch(before.link);
    expect(page.status).toBe(200);
  }, 90_000);
});

describe('DynamoDB Local killed, then started again', () => {
  it('every route answers 503 at once, and after the restart everything answers as before', async () => {
    const was = await expectWhole();
    process.kill(dynamo.pid, 'SIGKILL');
    await eventually('DynamoDB Local to be gone', async () => {
      try {
        process.kill(dynamo.pid, 0);
        return false;
      } catch {
        return true;
      }
    });
    const answers = await everyRoute();
    expectUnavailable(answers);
    // A refused connection is known at once: no waiting for timeouts.
    console.info(`killed: slowest 503 ${Math.max(...answers.map((a) => a.ms))} ms`);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(BOUND_MS / 2);

    await dynamo.stop();
    dynamo = await startDynamoLocal({ dataDir, port: dynamo.port });
    await eventually('the API to answer again', async () => (await api.request('/health', { key: null })).status === 200, 30_000);
    // Nothing was sent while it was down: the same reports, whole.
    expect(await expectWhole()).toBe(was);
    const response = await postForm(before.link, { outcome: 'FORWARD' });
    expect(response.status).toBeLessThan(400);
    const again = await postForm(before.link, { outcome: 'FORWARD' });
    expect(again.status).toBe(409);
  }, 120_000);
});
