// GET /local/outbox (local only): the e-mails netra sent. JSON for scripts (Accept: application/json), newest
// last as the spec fixes; the HTML page for people lists newest first, with times in each region's zone.
// GET /local/outbox/{id} shows one message's HTML as the recipient would see it.
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Outbox, OutboxMessage } from '../../functions/adapters/outbox/mailer.ts';
import { escapeHtml, html, htmlResponse, SafeHtml } from '../../functions/views/html.ts';
import type { LocalRoute } from './server.ts';
import type { RegionStore } from '../../functions/ports.ts';
import { formatLocal, regionTimeZone } from '../../functions/domain/time-zones.ts';

/** Escapes the text, then turns the http(s) links in it into anchors. */
function linkify(text: string): SafeHtml {
  return new SafeHtml(escapeHtml(text).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`));
}

function listPage(messages: OutboxMessage[], zones: Map<string, string>): APIGatewayProxyResult {
  const sentAt = (m: OutboxMessage) => formatLocal(m.sentAt, (m.about && zones.get(m.about.regionId)) ?? 'UTC');
  const newestFirst = [...messages].reverse();
  const body = html`<h1>Kotak keluar lokal <span class="en">Local outbox</span></h1>
<p class="muted">${messages.length} e-mail, terbaru di atas <span class="en">newest first</span>. Tautan keputusan bisa diklik <span class="en">decision links are clickable</span>. JSON: <code>curl -H 'accept: application/json' …/local/outbox</code></p>
${newestFirst.map((m, i) => html`<article class="card" id="m-${m.id}">
<h2>${messages.length - i}. ${m.subject}</h2>
<dl><dt>Kepada <span class="en">To</span></dt><dd>${m.to.join(', ')}</dd><dt>Dikirim <span class="en">Sent</span></dt><dd>${sentAt(m)}</dd></dl>
<pre>${linkify(m.text)}</pre>
<p><a href="/local/outbox/${m.id}">Lihat versi HTML / view the HTML version</a></p>
</article>`)}`;
  return htmlResponse(200, 'Outbox', body, { refresh: '10' });
}

/** The zone of each region the messages are about (its own, else its province's). */
async function zonesOf(messages: OutboxMessage[], regions?: Pick<RegionStore, 'get'>): Promise<Map<string, string>> {
  const ids = [...new Set(messages.flatMap((m) => (m.about ? [m.about.regionId] : [])))];
  const found = await Promise.all(ids.map(async (id) => [id, regionTimeZone((await regions?.get(id)) ?? { id })] as const));
  return new Map(found);
}

export function outboxRoute(outbox: Outbox, regions?: Pick<RegionStore, 'get'>): LocalRoute {
  return async ({ method, path, headers }) => {
    if (!path.startsWith('/local/outbox')) return null;
    if (method !== 'GET') return { statusCode: 405, headers: { allow: 'GET' }, body: '' };
    const messages = outbox.list();
    if (path === '/local/outbox' || path === '/local/outbox/') {
      if ((headers.accept ?? '').includes('application/json')) {
        return {
          statusCode: 200,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
          body: JSON.stringify({ messages: messages.map(({ id, to, subject, text, html: body, sentAt }) => ({ id, to, subject, text, html: body, sentAt })) }),
        };
      }
      return listPage(messages, await zonesOf(messages, regions));
    }
    const message = messages.find((m) => `/local/outbox/${m.id}` === path);
    if (!message) return htmlResponse(404, 'Not found', html`<h1>Tidak ditemukan <span class="en">Not found</span></h1>`);
    // The e-mail's own HTML, under a policy that still allows no script and no outside loads.
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
      },
      body: message.html,
    };
  };
}
