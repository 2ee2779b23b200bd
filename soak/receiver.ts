// Bawaslu's webhook receiver as the soak plays it, on 127.0.0.1: verifies X-Netra-Signature, and sometimes fails (500),
// is slow (past the sender's 10 s timeout, or not), or refuses connections for a while. A delivery counts as received
// only when its 2xx answer was written to a sender still waiting for it, as a receiver that commits on answering does.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Random } from './random.ts';

export type ReceiverMode = 'ok' | 'fail' | 'slow' | 'refuse';

export interface Delivery {
  reportId: string;
  regionId: string;
  event: string;
  timelineHash: string;
  at: number;
}

export interface ReceiverStats {
  attempts: number;
  failed: number;
  slow: number;
  abandoned: number;
  badSignatures: number;
}

export class WebhookReceiver {
  readonly received: Delivery[] = [];
  readonly stats: ReceiverStats = { attempts: 0, failed: 0, slow: 0, abandoned: 0, badSignatures: 0 };
  private server: Server | undefined;
  private mode: ReceiverMode = 'ok';

  readonly port: number;
  private readonly secrets: ReadonlyMap<string, string>;
  private readonly random: Random;
  /** The chance that one delivery fails or is slow while the receiver is otherwise well. */
  private readonly flakiness = { fail: 0.05, slow: 0.03 };

  constructor(port: number, secrets: ReadonlyMap<string, string>, random: Random) {
    this.port = port;
    this.secrets = secrets;
    this.random = random;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/bawaslu`;
  }

  async listen(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async setMode(mode: ReceiverMode): Promise<void> {
    if (mode === this.mode) return;
    const was = this.mode;
    this.mode = mode;
    if (mode === 'refuse') await this.close();
    else if (was === 'refuse') await this.listen();
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.stats.attempts++;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const regionId = String(body?.report?.regionId ?? '');
    const secret = this.secrets.get(regionId) ?? '';
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw, 'utf8').digest('hex')}`);
    const given = Buffer.from(String(request.headers['x-netra-signature'] ?? ''));
    if (!secret || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      this.stats.badSignatures++;
      response.writeHead(401).end();
      return;
    }
    const draw = this.random.next();
    if (this.mode === 'fail' || draw < this.flakiness.fail) {
      this.stats.failed++;
      response.writeHead(500).end();
      return;
    }
    if (this.mode === 'slow' || draw < this.flakiness.fail + this.flakiness.slow) {
      this.stats.slow++;
      // Either well inside the sender's 10 s timeout or well past it, never a coin toss at the edge.
      await new Promise((resolve) => setTimeout(resolve, this.random.chance(0.5) ? this.random.int(1_000, 7_000) : this.random.int(13_000, 20_000)));
    }
    if (request.socket.destroyed || response.destroyed) {
      this.stats.abandoned++; // the sender gave up: not received, it will try again
      return;
    }
    response.writeHead(204);
    response.end(() => {
      this.received.push({ reportId: String(body?.report?.id ?? ''), regionId, event: String(body?.event ?? ''), timelineHash: String(body?.timelineHash ?? ''), at: Date.now() });
    });
  }
}
