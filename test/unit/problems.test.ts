// Errors as the caller gets them, through the one handler chain: problem+json on the API, and on the pages for
// people the same problem as a page, its detail in Indonesian and English on their own lines.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { DecisionLinkError, IdempotencyKeyReusedError, InputError, NotFoundError, UnavailableError } from '../../functions/domain/errors.ts';
import { message } from '../../functions/domain/messages.ts';
import { httpHandler } from '../../functions/lib/http.ts';
import { HttpError } from '../../functions/lib/problem.ts';
import { toHtmlProblem } from '../../functions/lib/problem-page.ts';
import type { Route } from '../../functions/lib/route.ts';
import { RETRY_AFTER_SECONDS } from '../../functions/support/time-budget.ts';

const context = { functionName: 'netra-test', awsRequestId: 'req-1', invokedFunctionArn: 'arn:aws:lambda:ap-southeast-3:0:function:x', getRemainingTimeInMillis: () => 5000 } as never;
const api: Route = { operationId: 'probe', method: 'POST', path: '/v1/probe', summary: 'probe', auth: false, successStatus: 200 };
const page: Route = { ...api, html: true, bodyType: 'form', body: z.object({ outcome: z.string() }) };

function answer(route: Route, error: unknown, headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }) {
  // As the decision handlers do: a page route answers its errors as pages.
  const handler = httpHandler(route, async () => {
    throw error;
  }, route.html ? { errorPage: toHtmlProblem } : {});
  return handler({ httpMethod: 'POST', path: route.path, headers, body: 'outcome=FORWARD', requestContext: {} } as never, context);
}

it('refuses a page route without its error page, and an API route with one', () => {
  expect(() => httpHandler(page, async () => ({ statusCode: 200, body: '' }))).toThrow(/errorPage/);
  expect(() => httpHandler(api, async () => ({ statusCode: 200, body: '' }), { errorPage: toHtmlProblem })).toThrow(/errorPage/);
});

describe('problem+json on the API', () => {
  it('names the fields of invalid input, its detail in both languages', async () => {
    const response = await answer(api, new InputError([{ path: 'nip', message: 'wajib / required' }]));
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toEqual({
      type: 'https://netra.id/problems/invalid-input', title: 'Invalid input', status: 400,
      detail: 'Periksa isian berikut / Check these fields', errors: [{ path: 'nip', message: 'wajib / required' }],
    });
  });

  it('keeps an HTTP error’s status, title, headers and joined detail; a string detail verbatim', async () => {
    const tooBig = await answer(api, new HttpError(413, 'Payload Too Large', message('terlalu besar', 'too large'), { headers: { 'x-limit': '5' } }));
    expect([tooBig.statusCode, tooBig.headers?.['x-limit'], JSON.parse(tooBig.body).detail]).toEqual([413, '5', 'terlalu besar / too large']);
    const missing = await answer(api, new NotFoundError('Laporan X tidak ditemukan / report not found'));
    expect(JSON.parse(missing.body)).toMatchObject({ status: 404, title: 'Not Found', detail: 'Laporan X tidak ditemukan / report not found' });
  });

  it('answers an unavailable service 503 with Retry-After, and an unknown error 500 without its internals', async () => {
    const down = await answer(api, new UnavailableError('the sanction workflow could not be started'));
    expect([down.statusCode, down.headers?.['retry-after']]).toEqual([503, String(RETRY_AFTER_SECONDS)]);
    expect(JSON.parse(down.body).detail).toBe('the sanction workflow could not be started; retry shortly.');
    const busy = await answer(api, Object.assign(new Error('x'), { name: 'IdempotencyAlreadyInProgressError' }));
    expect([busy.statusCode, busy.headers?.['retry-after']]).toEqual([409, '1']);
    expect(JSON.parse(busy.body).detail).toBe('Permintaan dengan Idempotency-Key ini masih diproses; coba lagi sebentar lagi / A request with this Idempotency-Key is still being processed; retry shortly');
    const unreachable = await answer(api, Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(JSON.parse(unreachable.body)).toMatchObject({ status: 503, detail: 'netra tidak dapat menjangkau basis datanya saat ini; coba lagi sebentar lagi / netra cannot reach its database right now; retry shortly' });
    const broken = await answer(api, new Error('secret table name netra-prod'));
    expect(broken.statusCode).toBe(500);
    expect(broken.body).not.toContain('netra-prod');
  });

  it('answers a reused Idempotency-Key 422 in both languages, naming the header', async () => {
    for (const error of [new IdempotencyKeyReusedError(), Object.assign(new Error('x'), { name: 'IdempotencyValidationError' })]) {
      const response = await answer(api, error);
      expect(JSON.parse(response.body)).toEqual({
        type: 'https://netra.id/problems/unprocessable', title: 'Idempotency-Key reused', status: 422,
        detail: 'Idempotency-Key ini sudah dipakai dengan isi permintaan lain / This Idempotency-Key was used with a different body',
        errors: [{ path: 'header.idempotency-key', message: 'sudah dipakai untuk isi permintaan lain; pakai kunci baru untuk permintaan baru / already used for another request body; use a new key for a new request' }],
      });
    }
  });
});

describe('the same problems as pages for people', () => {
  it('shows a 415 with its title and detail, Indonesian first and English below', async () => {
    const response = await answer(page, undefined, { 'content-type': 'application/json' });
    expect([response.statusCode, response.headers?.['content-type']]).toEqual([415, 'text/html; charset=utf-8']);
    expect(response.body).toContain('<h1>Format tidak didukung <span class="en">Unsupported format</span></h1>');
    expect(response.body).toContain(
      '<p>Kirim isi permintaan sebagai application/x-www-form-urlencoded</p><p class="en">Send the body as application/x-www-form-urlencoded</p>',
    );
  });

  it('keeps Retry-After on a 503 page and says when to open the link again', async () => {
    const response = await answer(page, new UnavailableError('the sanction workflow could not be started'));
    expect([response.statusCode, response.headers?.['retry-after']]).toEqual([503, String(RETRY_AFTER_SECONDS)]);
    expect(response.body).toContain('<h1>Layanan sedang tidak tersedia <span class="en">Service unavailable</span></h1>');
    expect(response.body).toContain('Coba buka lagi tautan ini beberapa saat lagi');
  });

  it('gives a link that cannot be used its end page, and an unknown error a plain page without internals', async () => {
    const expired = await answer(page, new DecisionLinkError(410, { reason: 'expired' }));
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('<h1>Tautan kedaluwarsa <span class="en">Link expired</span></h1>');
    expect(expired.body).not.toContain('decision link: expired');
    const broken = await answer(page, new Error('secret table name netra-prod'));
    expect(broken.statusCode).toBe(500);
    expect(broken.body).toContain('<h1>Terjadi kesalahan <span class="en">Something went wrong</span></h1>');
    expect(broken.body).not.toContain('netra-prod');
    expect(broken.headers?.['retry-after']).toBeUndefined();
  });
});
