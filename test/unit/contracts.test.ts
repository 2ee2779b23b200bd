// The API's contract: every JSON route declares its answer's schema, the generated OpenAPI document is valid
// OpenAPI 3.1, and the HTTP tests' contract check catches an answer that left its schema.
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { routes } from '../../functions/http/routes.ts';
import { buildOpenApi } from '../../functions/lib/openapi.ts';
import type { Route } from '../../functions/lib/route.ts';
import { checkContract, ContractViolation, routeOf } from '../support/contract.ts';

const jsonAnswer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the route table', () => {
  it('gives every JSON route a response schema (documents, like the case file, answer HTML)', () => {
    const missing = Object.entries(routes as Record<string, Route>)
      .filter(([, route]) => !route.html && !route.document && !route.response)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 by a maintained validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(buildOpenApi(routes as Record<string, Route>, 'http://127.0.0.1:3000'));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // As deployed (built at synth time, no URL known): a relative server and the licence, still valid.
    const deployed = buildOpenApi(routes as Record<string, Route>);
    expect(deployed.servers).toEqual([expect.objectContaining({ url: '.' })]);
    expect(deployed.info.license).toEqual({ name: 'Apache-2.0', identifier: 'Apache-2.0' });
    expect((await new Validator().validate(deployed)).valid).toBe(true);
    // The validator does look: a document without info, or with a response lacking its description, is refused.
    expect((await new Validator().validate({ openapi: '3.1.0', paths: {} })).valid).toBe(false);
    const broken = buildOpenApi(routes as Record<string, Route>) as { paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>> };
    delete broken.paths['/v1/reports']!.post!.responses['202']!.description;
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('lists the refusals a caller meets beyond bad input: an Idempotency-Key in flight or reused, a rule, a spent link', () => {
    const { paths } = buildOpenApi(routes as Record<string, Route>) as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, unknown> }> }>> };
    const statuses = (path: string, method: string) => Object.keys(paths[path]![method]!.responses);
    // Every create that takes an Idempotency-Key answers 409 while the first request runs, 422 for another body.
    for (const path of ['/v1/reports', '/v1/ceremonies', '/v1/satgas/activities', '/v1/national/recommendations']) {
      expect(statuses(path, 'post'), path).toEqual(expect.arrayContaining(['409', '422']));
    }
    expect(statuses('/v1/reports/{id}/appeals', 'post')).toEqual(expect.arrayContaining(['409', '422']));
    expect(statuses('/v1/reports/{id}/decree-delivery', 'post')).toContain('409');
    expect(statuses('/v1/satgas/risks/{riskId}', 'put')).toContain('409');
    // A read that cannot conflict lists none.
    expect(statuses('/v1/reports/{id}', 'get')).not.toContain('409');
    // A decision link's page: why it opens no form, each as a page for the approver, never problem+json.
    for (const method of ['get', 'post']) {
      const page = paths['/decisions/{decisionId}']![method]!.responses;
      expect(Object.keys(page)).toEqual(expect.arrayContaining(['403', '404', '409', '410']));
      for (const [status, answer] of Object.entries(page)) expect(Object.keys(answer.content ?? {}), `${method} ${status}`).toEqual(['text/html']);
    }
  });
});

describe('the contract check of the HTTP tests', () => {
  it('finds the route of a request by method and path', () => {
    expect(routeOf('GET', '/v1/reports/KAE6Z9CDJ51NAXT7NW58HPQKNE')?.operationId).toBe('getReport');
    expect(routeOf('GET', '/v1/reports?status=RECEIVED')?.operationId).toBe('listReports');
    expect(routeOf('POST', '/v1/reports')?.operationId).toBe('submitReport');
    expect(routeOf('DELETE', '/v1/reports')).toBeUndefined();
  });

  it('passes an answer in its schema and fails one with a broken field', async () => {
    const good = { id: 'KAE6Z9CDJ51NAXT7NW58HPQKNE', receiptCode: 'NTR-ABCD-EFGH-JKLM', status: 'RECEIVED' };
    await expect(checkContract('POST', '/v1/reports', jsonAnswer(202, good))).resolves.toBeUndefined();
    const { receiptCode, ...withoutReceipt } = good;
    await expect(checkContract('POST', '/v1/reports', jsonAnswer(202, { ...withoutReceipt, receipt: receiptCode }))).rejects.toThrow(
      ContractViolation,
    );
    await expect(checkContract('POST', '/v1/reports', jsonAnswer(202, { ...good, status: 'LOST' }))).rejects.toThrow(/status/);
  });

  it('leaves errors and pages alone, and refuses a success that is not JSON', async () => {
    await expect(checkContract('POST', '/v1/reports', jsonAnswer(400, { title: 'x' }))).resolves.toBeUndefined();
    await expect(checkContract('GET', '/decisions/abc', new Response('<html>', { status: 200 }))).resolves.toBeUndefined();
    await expect(checkContract('GET', '/health', new Response('ok', { status: 200, headers: { 'content-type': 'text/plain' } }))).rejects.toThrow(
      /not JSON/,
    );
  });
});
