// The local-only pages: the outbox (HTML for people, JSON for scripts) and the stand-in webhook receiver.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outboxMailer } from '../../functions/adapters/outbox/mailer.ts';
import { webhookSignature } from '../../functions/adapters/webhook/sender.ts';
import { outboxRoute } from '../../infra/local/outbox-route.ts';
import { webhookRoute } from '../../infra/local/webhook-route.ts';
import type { DirectoryStore } from '../../functions/ports.ts';

const get = (path: string, accept = 'text/html') => ({ method: 'GET', path, headers: { accept }, body: '', query: new URLSearchParams() });

describe('GET /local/outbox', () => {
  it('lists messages newest last as JSON, newest first as HTML with clickable, escaped links and the region’s time', async () => {
    const outbox = outboxMailer({ dataDir: mkdtempSync(join(tmpdir(), 'netra-outbox-')), sender: 'netra@localhost', now: () => new Date('2024-10-01T16:30:00Z') });
    const about = { regionId: '64.02', reportId: 'R1', role: 'OPD_HEAD' };
    await outbox.send({ kind: 'decision-request', to: ['a@x.go.id'], subject: 'pertama <1>', text: 'Buka http://127.0.0.1:3000/decisions/abc?exp=1&sig=2 <b>x</b>', html: '<p>1</p>', about });
    await outbox.send({ kind: 'hand-over', to: ['b@x.go.id'], subject: 'kedua', text: 'dua', html: '<p>2</p>', about: { ...about, regionId: '34.02' } });
    // Each file says what the e-mail is (the soak's check tells a hand-over from the step's request by it).
    expect(outbox.list().map((m) => m.kind)).toEqual(['decision-request', 'hand-over']);
    const route = outboxRoute(outbox, { get: async (id) => ({ id, name: id, agencyName: 'BKPSDM' }) });
    const json = JSON.parse((await route(get('/local/outbox', 'application/json')))!.body);
    expect(json.messages.map((m: any) => m.subject)).toEqual(['pertama <1>', 'kedua']);
    expect(Object.keys(json.messages[0]).sort()).toEqual(['html', 'id', 'sentAt', 'subject', 'text', 'to']);
    const page = (await route(get('/local/outbox')))!.body;
    expect(page).toContain('<a href="http://127.0.0.1:3000/decisions/abc?exp=1&amp;sig=2">');
    expect(page).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(page.indexOf('kedua')).toBeLessThan(page.indexOf('pertama'));
    expect(page).toContain('2024-10-02 00:30 WITA'); // Kutai Kartanegara's message
    expect(page).toContain('2024-10-01 23:30 WIB'); // Bantul's
    expect(page).not.toContain('2024-10-01T16:30');
    expect((await route(get(`/local/outbox/${json.messages[1].id}`)))!.body).toBe('<p>2</p>');
    expect(await route(get('/v1/reports'))).toBeNull();
  });
});

describe('/local/webhook', () => {
  it('keeps what it receives and checks the signature with the region’s secret', async () => {
    const secret = 'demo-webhook-secret-bawaslu-bantul';
    const directory = { getContacts: async () => ({ bawaslu: { webhookSecret: secret } }) } as unknown as DirectoryStore;
    const route = webhookRoute({ dataDir: mkdtempSync(join(tmpdir(), 'netra-hooks-')), directory });
    const body = JSON.stringify({ event: 'report.closed', report: { id: 'R1', regionId: '34.02', status: 'DISMISSED' } });
    const post = (signature: string) => route({ method: 'POST', path: '/local/webhook', headers: { 'x-netra-signature': signature }, body, query: new URLSearchParams() });
    expect((await post(webhookSignature(secret, body)))!.statusCode).toBe(204);
    expect((await post(webhookSignature('another-secret-entirely', body)))!.statusCode).toBe(401);
    const listed = JSON.parse((await route(get('/local/webhook', 'application/json')))!.body).webhooks;
    expect(listed.map((w: any) => w.verified)).toEqual([true, false]);
    expect(listed[0].body.report.id).toBe('R1');
  });
});
