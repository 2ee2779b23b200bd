// Webhook delivery checks where it connects: refused address ranges (IPv4, IPv6, IPv4 inside IPv6), every
// DNS answer judged, the connection pinned to the checked address, no redirects, https only in AWS mode.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addressRefusal, webhookUrlProblem } from '../../functions/domain/webhook-address.ts';
import { loadConfig } from '../../functions/lib/config.ts';
import { putContacts } from '../../functions/use-cases/directory.ts';
import { InputError } from '../../functions/domain/errors.ts';
import { webhookSender, webhookSignature, WebhookDeliveryError, WebhookRefused, type Resolver } from '../../functions/adapters/webhook/sender.ts';

const STRICT = { allowLoopback: false, httpsOnly: false };
const LOCAL = { allowLoopback: true, httpsOnly: false };
const AWS = { allowLoopback: false, httpsOnly: true };
const SECRET = 'a-webhook-secret-for-tests';

describe('addressRefusal', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.8.9.10', 'loopback'], ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'], ['::', 'unspecified'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'], ['100.127.255.254', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'], ['fe80::1', 'link-local'], ['fe80::1%eth0', 'link-local'],
    ['fc00::', 'unique-local'], ['fd12:3456::1', 'unique-local'],
    ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'], ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    // IPv4 inside IPv6: mapped (both spellings), compatible, NAT64.
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['[::ffff:a9fe:a9fe]', 'link-local'],
    ['::ffff:10.0.0.1', 'private'], ['::127.0.0.1', 'loopback'], ['::a9fe:a9fe', 'link-local'], ['64:ff9b::a9fe:a9fe', 'link-local'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(addressRefusal(address, STRICT)).toContain(reason);
  });

  it.each(['8.8.8.8', '100.63.255.255', '100.128.0.1', '172.15.255.255', '172.32.0.1', '192.169.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'delivers to the public address %s',
    (address) => expect(addressRefusal(address, STRICT)).toBeNull(),
  );

  it('allows loopback only when the policy does, and nothing else with it', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(addressRefusal(address, LOCAL)).toBeNull();
    for (const address of ['10.0.0.1', '169.254.169.254', 'fc00::1', '0.0.0.0']) expect(addressRefusal(address, LOCAL)).not.toBeNull();
  });
});

describe('webhookUrlProblem (what the directory refuses with 400)', () => {
  it.each([
    ['http://127.0.0.1:9001/2018-06-01/runtime/init/error', STRICT, 'loopback'],
    ['http://[::ffff:127.0.0.1]/', STRICT, 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', LOCAL, 'link-local'],
    ['https://10.0.0.5/hook', AWS, 'private'],
    ['https://user:pw@bawaslu.example/hook', AWS, 'credentials'],
    ['https://token@bawaslu.example/hook', STRICT, 'credentials'],
    ['http://bawaslu.example/hook', AWS, 'https'],
    ['ftp://bawaslu.example/hook', STRICT, 'http(s)'],
  ] as const)('%s → %s', (url, policy, words) => {
    expect(webhookUrlProblem(url, policy)).toContain(words);
  });

  it('accepts a public https URL everywhere, and a developer\'s loopback receiver in the local stack', () => {
    expect(webhookUrlProblem('https://bawaslu.example/hook', AWS)).toBeNull();
    expect(webhookUrlProblem('https://203.0.113.7/hook', AWS)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', LOCAL)).toBeNull();
  });
});

describe('webhookSender', () => {
  let server: Server;
  let port: number;
  const received: { request: IncomingMessage; body: string }[] = [];
  let answer: (request: IncomingMessage) => { status: number; headers?: Record<string, string> } = () => ({ status: 204 });

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c) => chunks.push(c)).on('end', () => {
        received.push({ request, body: Buffer.concat(chunks).toString('utf8') });
        const { status, headers } = answer(request);
        response.writeHead(status, headers).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise((done) => server.close(done)));
  beforeEach(() => {
    received.length = 0;
    answer = () => ({ status: 204 });
  });

  /** A resolver that answers from a script, counting its calls. */
  function scripted(...answers: Array<string[]>): Resolver & { calls: number } {
    const resolve = (async () => {
      const next = answers[Math.min(resolve.calls++, answers.length - 1)]!;
      return next.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    }) as unknown as Resolver & { calls: number };
    resolve.calls = 0;
    return resolve;
  }

  it.each([['127.0.0.1'], ['169.254.169.254'], ['::ffff:127.0.0.1'], ['fc00::'], ['93.184.216.34', '10.0.0.7']])(
    'refuses a name resolving to %s (permanent WebhookRefused), and connects nowhere',
    async (...addresses) => {
      const sender = webhookSender({ ...STRICT, resolve: scripted(addresses) });
      const refused = await sender.post(`http://receiver.example:${port}/hook`, SECRET, '{}').catch((e) => e);
      expect(refused).toBeInstanceOf(WebhookRefused);
      expect(refused.name).toBe('WebhookRefused');
      expect(refused.message).toContain(addresses.at(-1));
      expect(received).toHaveLength(0);
    },
  );

  it('delivers to a local receiver on 127.0.0.1 by default in the local stack, signed, with the name as Host', async () => {
    const body = JSON.stringify({ event: 'report.closed', report: { id: 'r1' } });
    await webhookSender({ ...LOCAL, resolve: scripted(['127.0.0.1']) }).post(`http://receiver.example:${port}/hook`, SECRET, body);
    expect(received).toHaveLength(1);
    expect(received[0]!.request.url).toBe('/hook');
    expect(received[0]!.request.headers.host).toBe(`receiver.example:${port}`);
    expect(received[0]!.request.headers['x-netra-signature']).toBe(webhookSignature(SECRET, body));
    expect(received[0]!.body).toBe(body);
    // An IP literal needs no lookup.
    await webhookSender(LOCAL).post(`http://127.0.0.1:${port}/hook`, SECRET, body);
    expect(received).toHaveLength(2);
  });

  it('connects to the checked address: a DNS answer that changes after the check cannot switch it', async () => {
    // First answer loopback (allowed locally), every later one the metadata service. A second lookup, by the
    // sender or by the HTTP client (the system resolver knows no .invalid name), would fail the delivery.
    const resolve = scripted(['127.0.0.1'], ['169.254.169.254']);
    await webhookSender({ ...LOCAL, resolve }).post(`http://rebinding.invalid:${port}/hook`, SECRET, '{}');
    expect(resolve.calls).toBe(1);
    expect(received).toHaveLength(1);
    // Asked again, the name's new answer is refused.
    await expect(webhookSender({ ...LOCAL, resolve }).post(`http://rebinding.invalid:${port}/hook`, SECRET, '{}')).rejects.toBeInstanceOf(WebhookRefused);
  });

  it('does not follow redirects: a 3xx is a failed delivery, and its target hears nothing', async () => {
    answer = (request) => (request.url === '/hook' ? { status: 307, headers: { location: `http://127.0.0.1:${port}/elsewhere` } } : { status: 204 });
    const failed = await webhookSender(LOCAL).post(`http://127.0.0.1:${port}/hook`, SECRET, '{}').catch((e) => e);
    expect(failed).toBeInstanceOf(WebhookDeliveryError);
    expect(failed.message).toMatch(/redirect.*307/);
    expect(received.map((r) => r.request.url)).toEqual(['/hook']);
  });

  it('fails (retryably) on a non-2xx answer and on a receiver that is not there', async () => {
    answer = () => ({ status: 503 });
    await expect(webhookSender(LOCAL).post(`http://127.0.0.1:${port}/hook`, SECRET, '{}')).rejects.toBeInstanceOf(WebhookDeliveryError);
    const closed = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => done(free));
      });
    });
    const error = await webhookSender(LOCAL).post(`http://127.0.0.1:${closed}/hook`, SECRET, '{}').catch((e) => e);
    expect(error).toBeInstanceOf(WebhookDeliveryError);
    expect(error).not.toBeInstanceOf(WebhookRefused);
  });

  it('in AWS mode refuses http, credentials and refused literals before any lookup', async () => {
    const resolve = scripted(['93.184.216.34']);
    const sender = webhookSender({ ...AWS, resolve });
    for (const url of ['http://bawaslu.example/hook', 'https://u:p@bawaslu.example/hook', 'https://[fd00::1]/hook', 'https://169.254.169.254/']) {
      await expect(sender.post(url, SECRET, '{}'), url).rejects.toBeInstanceOf(WebhookRefused);
    }
    expect(resolve.calls).toBe(0);
  });

  it('with the system resolver: localhost is refused when loopback is off, and delivered when it is on', async () => {
    await expect(webhookSender(STRICT).post(`http://localhost:${port}/hook`, SECRET, '{}')).rejects.toBeInstanceOf(WebhookRefused);
    expect(received).toHaveLength(0);
    await webhookSender(LOCAL).post(`http://localhost:${port}/hook`, SECRET, '{}');
    expect(received).toHaveLength(1);
  });
});

describe('the webhook policy from the environment', () => {
  const local = { NETRA_MODE: 'local', TABLE_NAME: 't', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' };
  const aws = { NETRA_MODE: 'aws', TABLE_NAME: 't', AWS_REGION: 'ap-southeast-3' };

  it('allows loopback in the local stack unless NETRA_ALLOW_LOOPBACK_WEBHOOKS=0; AWS: https only, never loopback', () => {
    expect(loadConfig(local).webhooks).toEqual({ allowLoopback: true, httpsOnly: false });
    expect(loadConfig({ ...local, NETRA_ALLOW_LOOPBACK_WEBHOOKS: '0' }).webhooks).toEqual({ allowLoopback: false, httpsOnly: false });
    expect(loadConfig(aws).webhooks).toEqual({ allowLoopback: false, httpsOnly: true });
    expect(() => loadConfig({ ...aws, NETRA_ALLOW_LOOPBACK_WEBHOOKS: '1' })).toThrow(/NETRA_ALLOW_LOOPBACK_WEBHOOKS/);
  });

  it('the directory refuses what the sender would refuse: loopback with it off, http in AWS mode', async () => {
    const stored: unknown[] = [];
    const deps = (policy: typeof STRICT) => ({
      clock: { now: () => new Date() },
      log: { info() {}, warn() {} },
      directory: { putContacts: async (...args: unknown[]) => void stored.push(args) },
      webhooks: webhookSender(policy),
    }) as never;
    const body = (webhookUrl: string) => ({
      bkpp: { name: 'B', email: 'b@b.example' }, ppk: { name: 'P', title: 'Bupati', email: 'p@b.example' },
      bawaslu: { name: 'W', email: 'w@b.example', webhookUrl, webhookSecret: SECRET },
    });
    for (const [policy, url] of [[STRICT, 'http://127.0.0.1:8080/hook'], [AWS, 'http://bawaslu.example/hook'], [AWS, 'https://[::1]/hook']] as const) {
      const error = await putContacts(deps(policy), '34.02', body(url)).catch((e) => e);
      expect(error, url).toBeInstanceOf(InputError);
      expect(error.errors[0].path).toBe('bawaslu.webhookUrl');
    }
    expect(stored).toHaveLength(0);
    await putContacts(deps(LOCAL), '34.02', body('http://127.0.0.1:8080/hook'));
    await putContacts(deps(AWS), '34.02', body('https://bawaslu.example/hook'));
    expect(stored).toHaveLength(2);
  });
});
