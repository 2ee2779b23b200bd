// When DynamoDB cannot be reached, callers get 503 problem+json with Retry-After, not a stack trace.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../infra/local/dynamodb.ts';

// Nothing listens on this port: set before the handlers load their configuration.
process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${await freePort()}`;
const { startLocalServer } = await import('../../infra/local/server.ts');
const { authorize, KeyStoreUnavailable } = await import('../../functions/http/authorizer.ts');

let server: Awaited<ReturnType<typeof startLocalServer>>;
beforeAll(async () => {
  server = await startLocalServer({ port: 0 });
});
afterAll(() => server.close());

it('GET /health answers 503', async () => {
  const response = await fetch(`${server.url}/health`);
  expect(response.status).toBe(503);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.headers.get('retry-after')).toBe('5');
  const body = await response.json();
  expect(body.status).toBe(503);
  expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|at .*\.ts|stack/i);
});

it('GET /v1/track/{code} answers 503', async () => {
  const response = await fetch(`${server.url}/v1/track/NTR-0000-0000-0000`);
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('5');
});

it('a keyed route answers 503 problem+json with Retry-After (the authorizer could not check the key), not 500', async () => {
  const response = await fetch(`${server.url}/v1/reports`, { headers: { 'x-api-key': `ntr_AAAAAAAA_${'A'.repeat(43)}` } });
  expect(response.status).toBe(503);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.headers.get('retry-after')).toBe('5');
  expect(await response.json()).toMatchObject({ status: 503, detail: expect.stringMatching(/API key could not be checked/) });
});

it('the authorizer fails closed when the key store is down: the key-store error, never an Allow nor "Unauthorized"', async () => {
  const result = authorize({ headers: { 'x-api-key': `ntr_AAAAAAAA_${'A'.repeat(43)}` }, methodArn: 'arn:aws:execute-api:r:a:api/stage/GET/v1/reports' } as never);
  await expect(result).rejects.toBeInstanceOf(KeyStoreUnavailable);
  await expect(result).rejects.toMatchObject({ cause: expect.objectContaining({ code: 'ECONNREFUSED' }) });
});

it('a malformed key is still 401 without asking the key store', async () => {
  const response = await fetch(`${server.url}/v1/reports`, { headers: { 'x-api-key': 'not-a-key' } });
  expect(response.status).toBe(401);
});
