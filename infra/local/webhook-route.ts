// /local/webhook (local only): a stand-in for Bawaslu's webhook receiver, so `npm start` shows the signed
// report.received, report.overdue and report.closed webhooks arrive. POST verifies X-Netra-Signature with the
// region's secret and keeps the call under NETRA_DATA_DIR/webhooks; GET lists them (HTML, or JSON with
// Accept: application/json), each with its event and the timelineHash it carried.
import { timingSafeEqual } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ulid } from '../../functions/domain/ids.ts';
import { webhookSignature } from '../../functions/adapters/webhook/sender.ts';
import type { DirectoryStore } from '../../functions/ports.ts';
import { html, htmlResponse } from '../../functions/views/html.ts';
import type { LocalRoute } from './server.ts';

export const LOCAL_WEBHOOK_PATH = '/local/webhook';

interface Received {
  id: string;
  receivedAt: string;
  signature: string;
  verified: boolean;
  body: unknown;
}

export function webhookRoute(options: { dataDir: string; directory: DirectoryStore }): LocalRoute {
  const dir = join(options.dataDir, 'webhooks');
  let last = 0;
  const list = (): Received[] => {
    try {
      return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
    } catch {
      return [];
    }
  };
  return async ({ method, path, headers, body }) => {
    if (path !== LOCAL_WEBHOOK_PATH) return null;
    if (method === 'POST') {
      let parsed: any;
      try {
        parsed = JSON.parse(body);
      } catch {
        return { statusCode: 400, headers: {}, body: 'not JSON' };
      }
      const secret = (await options.directory.getContacts(String(parsed?.report?.regionId ?? '')))?.bawaslu.webhookSecret ?? '';
      const expected = Buffer.from(webhookSignature(secret, body));
      const given = Buffer.from(headers['x-netra-signature'] ?? '');
      const verified = secret !== '' && given.length === expected.length && timingSafeEqual(given, expected);
      last = Math.max(Date.now(), last + 1); // in arrival order, even within one millisecond
      const id = ulid(last);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${id}.json`), JSON.stringify({ id, receivedAt: new Date().toISOString(), signature: given.toString(), verified, body: parsed }, null, 2));
      return { statusCode: verified ? 204 : 401, headers: {}, body: '' };
    }
    if (method !== 'GET') return { statusCode: 405, headers: { allow: 'GET, POST' }, body: '' };
    const received = list();
    if ((headers.accept ?? '').includes('application/json')) {
      return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify({ webhooks: received }) };
    }
    return htmlResponse(200, 'Webhooks', html`<h1>Webhook Bawaslu (lokal) <span class="en">Bawaslu webhook (local)</span></h1>
<p class="muted">${received.length} diterima, terbaru di bawah / received, newest last.</p>
${received.map((r) => html`<article class="card"><h2>${(r.body as any)?.event} · ${(r.body as any)?.report?.id} · ${(r.body as any)?.report?.status}</h2>
<p>${r.receivedAt} · X-Netra-Signature ${r.verified ? 'valid' : 'TIDAK VALID / INVALID'} · timelineHash <code>${(r.body as any)?.timelineHash ?? '-'}</code></p><pre>${JSON.stringify(r.body, null, 2)}</pre></article>`)}`);
  };
}
