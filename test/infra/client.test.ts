// The typed client's own rules: its types are fresh from the OpenAPI document, it retries only what is worth
// retrying (honouring Retry-After, bounded), and problems become a typed error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSchema, SCHEMA_FILE } from '../../clients/typescript/scripts/generate.ts';
import { NetraProblem, retryAfterMs, retryingFetch, unwrap } from '#client';

describe('the generated types', () => {
  it('match the OpenAPI document the API serves (run `npm run client:generate` after changing a schema)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generateSchema());
  });
});

function scripted(answers: (Response | Error)[]) {
  const seen: { method: string; body: string; key: string | null }[] = [];
  const fake = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push({ method: request.method, body: await request.text(), key: request.headers.get('idempotency-key') });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { fake, seen };
}
const problem = (status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, detail: 'x' }), { status, headers: { 'content-type': 'application/problem+json', ...headers } });

describe('retryingFetch', () => {
  it('waits what Retry-After says on 503 and 429, and sends the same body and key again', async () => {
    const waits: number[] = [];
    const { fake, seen } = scripted([problem(503, { 'retry-after': '2' }), problem(429, { 'retry-after': '1' }), new Response('{}', { status: 202 })]);
    const retrying = retryingFetch(fake, { sleep: async (ms) => void waits.push(ms) });
    const response = await retrying('http://netra.test/v1/reports', { method: 'POST', body: '{"a":1}', headers: { 'idempotency-key': 'k-1' } });
    expect(response.status).toBe(202);
    expect(waits).toEqual([2000, 1000]);
    expect(seen.map((s) => [s.body, s.key])).toEqual([['{"a":1}', 'k-1'], ['{"a":1}', 'k-1'], ['{"a":1}', 'k-1']]);
  });

  it('does not retry a 400 or a 500, and stops after its attempts', async () => {
    for (const status of [400, 500]) {
      const { fake, seen } = scripted([problem(status), problem(status)]);
      expect((await retryingFetch(fake, { sleep: async () => {} })('http://netra.test/x')).status).toBe(status);
      expect(seen).toHaveLength(1);
    }
    const { fake, seen } = scripted([problem(503), problem(503), problem(503), problem(503)]);
    expect((await retryingFetch(fake, { attempts: 3, sleep: async () => {} })('http://netra.test/x')).status).toBe(503);
    expect(seen).toHaveLength(3);
  });

  it('caps a long Retry-After and gives up past its time budget', async () => {
    const waits: number[] = [];
    const { fake } = scripted([problem(503, { 'retry-after': '3600' }), new Response('{}')]);
    await retryingFetch(fake, { maxDelayMs: 5_000, sleep: async (ms) => void waits.push(ms) })('http://netra.test/x');
    expect(waits).toEqual([5_000]);
    const late = scripted([problem(503, { 'retry-after': '10' }), new Response('{}')]);
    expect((await retryingFetch(late.fake, { budgetMs: 5_000, sleep: async () => {} })('http://netra.test/x')).status).toBe(503);
  });

  it('retries a network error, then lets the last one through', async () => {
    const { fake } = scripted([new TypeError('fetch failed'), new Response('{}')]);
    expect((await retryingFetch(fake, { sleep: async () => {} })('http://netra.test/x')).status).toBe(200);
    const down = scripted([new TypeError('a'), new TypeError('b')]);
    await expect(retryingFetch(down.fake, { attempts: 2, sleep: async () => {} })('http://netra.test/x')).rejects.toThrow('b');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs('Wed, 02 Dec 2026 00:00:10 GMT', Date.parse('2026-12-02T00:00:00Z'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('unwrap', () => {
  it('throws a NetraProblem with the failing fields', () => {
    const body = { type: 'https://netra.example/problems/invalid', title: 'Invalid input', status: 400, detail: 'x', errors: [{ path: 'employee.nip', message: 'NIP' }] };
    try {
      unwrap({ error: body, response: new Response(null, { status: 400 }) });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NetraProblem);
      expect((error as NetraProblem).errors[0]!.path).toBe('employee.nip');
    }
    expect(unwrap({ data: { ok: true }, response: new Response(null, { status: 200 }) })).toEqual({ ok: true });
  });
});
