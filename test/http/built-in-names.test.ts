// No name is special: ids, query names, header names and body fields named like JavaScript's built-ins
// (`toString`, `constructor`, `__proto__`...) through every route of the local server, and through the directory,
// ceremonies, signatories, Satgas and compliance with exact answers. Such an id is valid when it matches its
// pattern (then it works like any other); `__proto__` does not match the OPD id's (a letter or digit first): 400.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/http/routes.ts';
import { activityBody, ceremonyBody, satgasBody, signatory, startTestApi, type TestApi } from '../support/api.ts';

const BUILT_INS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable'];

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const PROBLEM_OR_PAGE = /^(application\/problem\+json|text\/html)/;

describe('every route, with each built-in name as its path ids, a query name, a header name and a body field', () => {
  it.each(BUILT_INS)('%s: never a 5xx, every refusal a problem (or a page for people)', async (name) => {
    const key = api.keys['34.01']!;
    const answers: string[] = [];
    for (const [operation, route] of Object.entries(routes)) {
      const path = route.path.replace(/\{\w+\}/g, encodeURIComponent(name));
      const form = 'bodyType' in route && route.bodyType === 'form';
      const body = 'body' in route && route.body ? (form ? `${encodeURIComponent(name)}=1` : JSON.stringify({ [name]: 1 })) : undefined;
      const response = await fetch(`${api.url}${path}?${encodeURIComponent(name)}=1`, {
        method: route.method,
        headers: {
          'x-api-key': key, accept: 'application/json', [name]: '1',
          ...(body ? { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', 'idempotency-key': `builtin-${name}-${operation}` } : {}),
        },
        ...(body ? { body } : {}),
      });
      const text = await response.text();
      answers.push(`${operation} ${response.status}`);
      expect(response.status, `${operation} ${route.method} ${path}: ${text.slice(0, 300)}`).toBeLessThan(500);
      if (response.status >= 400) expect(response.headers.get('content-type'), `${operation}: ${text.slice(0, 200)}`).toMatch(PROBLEM_OR_PAGE);
    }
    expect(answers).toHaveLength(Object.keys(routes).length);
  });

  it('a query name not in the route\'s schema is refused by name, built-in or not', async () => {
    for (const name of BUILT_INS) {
      const response = await api.request(`/v1/compliance?electionId=pilkada-2024&${encodeURIComponent(name)}=1`, { key: api.keys['34.01']! });
      expect(response.status, name).toBe(400);
      // zod names unknown keys in its message, on the object's path (as for any other unknown name).
      expect((await response.json()).errors, name).toContainEqual({ path: 'query', message: expect.stringContaining(`unknown field(s): ${name}`) });
    }
  });
});

describe('OPD ids named like built-ins work like any other, with exact counts', () => {
  const VALID = BUILT_INS.filter((name) => name !== '__proto__');

  it('directory, Satgas, ceremony, signatories, activities and compliance', async () => {
    const key = api.keys['34.01']!;
    const call = async (path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}) => {
      const response = await api.request(path, { key, ...init });
      return { status: response.status, body: await response.json() };
    };
    const compliance = async () => (await call('/v1/compliance?electionId=pilkada-2024')).body;
    const before = await compliance();

    let n = 0;
    for (const opdId of VALID) {
      expect((await call(`/v1/directory/opds/${opdId}`, { method: 'PUT', json: { name: `Badan ${opdId}`, headcount: 10 } })).status, opdId).toBe(200);
      expect((await call(`/v1/directory/opds/${opdId}/satgas`, { method: 'PUT', json: satgasBody() })).status, opdId).toBe(200);
      const ceremony = await call('/v1/ceremonies', { method: 'POST', json: ceremonyBody({ opdIds: [opdId] }) });
      expect(ceremony.status, JSON.stringify(ceremony.body)).toBe(201);
      const rows = [0, 1].map(() => signatory({ opdId, nip: `19850101201001${1 + (n % 2)}${String(100 + n++).padStart(3, '0')}` }));
      expect((await call(`/v1/ceremonies/${ceremony.body.id}/signatories`, { method: 'POST', json: { signatories: rows } })).body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
      const activity = await call('/v1/satgas/activities', { method: 'POST', json: activityBody({ opdId }), headers: { 'idempotency-key': `activity-${opdId}` } });
      expect(activity.status, JSON.stringify(activity.body)).toBe(201);

      const listed = (await call(`/v1/ceremonies?electionId=pilkada-2024&opdId=${opdId}`)).body.items;
      expect(listed.map((c: { id: string; signatories: number }) => [c.id, c.signatories]), opdId).toContainEqual([ceremony.body.id, 2]);
      const activities = (await call(`/v1/satgas/activities?electionId=pilkada-2024&opdId=${opdId}`)).body.items;
      expect(activities.map((a: { id: string }) => a.id), opdId).toEqual([activity.body.id]);
    }

    const report = await compliance();
    for (const opdId of VALID) {
      expect(report.opds.find((o: { opdId: string }) => o.opdId === opdId), opdId).toEqual({
        opdId, name: `Badan ${opdId}`, ceremonies: 1, ceremoniesHeld: 1, signatories: 2, headcount: 10, coverage: 0.2, pledged: true,
        satgas: { formed: true, members: 3, socialisations: 0, identifications: 1, monitoring: 0, openRisks: 1, highRisks: 1 },
      });
    }
    expect(report.totals.signatories).toBe(before.totals.signatories + 2 * VALID.length);
    expect(report.totals.opds).toBe(before.totals.opds + VALID.length);
    expect(report.opds.reduce((sum: number, o: { signatories: number }) => sum + o.signatories, 0)).toBe(report.totals.signatories);
    expect(report.totals.coverage).not.toBeNull();

    const directory = (await call('/v1/directory')).body;
    for (const opdId of VALID) expect(directory.opds.find((o: { opdId: string }) => o.opdId === opdId)?.name, opdId).toBe(`Badan ${opdId}`);
  });

  it('__proto__ is not an OPD id: 400 naming the field, on every path that takes one', async () => {
    const key = api.keys['34.01']!;
    const refused = async (path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> }, field: string) => {
      const response = await api.request(path, { key, ...init });
      expect(response.status, path).toBe(400);
      expect((await response.json()).errors.map((e: { path: string }) => e.path), path).toContain(field);
    };
    await refused('/v1/directory/opds/__proto__', { method: 'PUT', json: { name: 'Badan' } }, 'path.opdId');
    await refused('/v1/directory/opds/__proto__/satgas', { method: 'PUT', json: satgasBody() }, 'path.opdId');
    await refused('/v1/ceremonies', { method: 'POST', json: ceremonyBody({ opdIds: ['__proto__'] }) }, 'opdIds.0');
    await refused('/v1/satgas/activities', { method: 'POST', json: activityBody({ opdId: '__proto__' }), headers: { 'idempotency-key': 'activity-proto' } }, 'opdId');
    await refused('/v1/ceremonies?electionId=pilkada-2024&opdId=__proto__', {}, 'query.opdId');
  });
});

describe('the local server answers what Node\'s parser refuses with problem+json', () => {
  /** Sends bytes as they are (no client would send these) and reads the whole answer, until the server closes. */
  const raw = (bytes: Buffer) => new Promise<{ status: number; headers: Map<string, string>; body: string }>((resolve, reject) => {
    const { port, hostname } = new URL(api.url);
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
  const problemOf = (answer: { headers: Map<string, string>; body: string }) => {
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    return JSON.parse(answer.body);
  };

  it('an unknown method: 501 with Allow', async () => {
    const answer = await raw(Buffer.from('FOO /health HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(answer.status).toBe(501);
    expect(answer.headers.get('allow')).toBe('GET, POST, PUT');
    expect(problemOf(answer)).toMatchObject({ status: 501, title: 'Not Implemented' });
  });

  it('a method Node knows that no route takes: 405 with the path\'s Allow', async () => {
    const response = await fetch(`${api.url}/health`, { method: 'PATCH' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('a request head over 16 KB: 431', async () => {
    const answer = await raw(Buffer.from(`GET /health HTTP/1.1\r\nHost: x\r\nx-filler: ${'a'.repeat(17 * 1024)}\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(problemOf(answer)).toMatchObject({ status: 431 });
  });

  it('a raw non-ASCII byte in the target: 400 saying to percent-encode it', async () => {
    const answer = await raw(Buffer.concat([Buffer.from('GET /v1/directory/opds/dinas-'), Buffer.from([0xe9]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
    expect(answer.status).toBe(400);
    expect(problemOf(answer).detail).toContain('percent-encode');
  });

  it('a header line that is not HTTP: 400', async () => {
    const answer = await raw(Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(problemOf(answer)).toMatchObject({ status: 400 });
  });

  it('?constructor=1 and a __proto__ header are ordinary: /health answers 200', async () => {
    const answer = await raw(Buffer.from('GET /health?constructor=1&__proto__=2&toString=3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n__proto__: 1\r\nconstructor: 2\r\n\r\n'));
    expect(answer.status).toBe(200);
  });
});
