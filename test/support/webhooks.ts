// A stand-in for Bawaslu's webhook receiver in tests: keeps every call it accepts, and checks signatures.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

export interface Hook { body: string; signature: string; json: any }

export interface WebhookReceiver {
  /** Where it listens (an address: the directory API takes only domain names, so tests set it in the store). */
  url: string;
  /** The calls it accepted, in arrival order. */
  hooks: Hook[];
  close(): Promise<void>;
}

/** Listens on 127.0.0.1; a call for which `refuse` says true is answered 503 and not kept; kept calls go into `hooks`. */
export async function startWebhookReceiver(refuse: (json: any) => boolean = () => false, hooks: Hook[] = []): Promise<WebhookReceiver> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c) => chunks.push(c)).on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const json = JSON.parse(body);
      if (refuse(json)) {
        response.writeHead(503).end();
        return;
      }
      hooks.push({ body, signature: String(request.headers['x-netra-signature']), json });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/netra`, hooks, close: () => new Promise((done) => server.close(() => done())) };
}

/** True when the hook's X-Netra-Signature is the HMAC-SHA256 of its raw body with the secret. */
export function signedWith(secret: string, hook: Hook): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(hook.body).digest('hex')}`);
  const given = Buffer.from(hook.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
