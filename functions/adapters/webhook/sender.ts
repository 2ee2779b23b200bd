// Signed webhooks: POST a JSON body with X-Netra-Signature: sha256=<hex HMAC-SHA256 of the raw body>, only to
// an address that was checked: the host is resolved once, every answer is judged, and the connection goes to
// the checked address (no second lookup, so a DNS answer that changes in between cannot redirect it).
import { createHmac } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { WebhookSender } from '#ports';
import { addressRefusal, WEBHOOK_REFUSED, webhookUrlProblem, type WebhookPolicy } from '#domain/webhook-address';

export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** A delivery that failed and may work later (network, timeout, non-2xx): the workflow retries it. */
export class WebhookDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebhookDeliveryError';
  }
}

/** A delivery netra will never make (the URL or an address it resolves to is refused): permanent, so the
 *  workflow records it at once instead of retrying. Its name is what the state machine's Retry matches. */
export class WebhookRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = WEBHOOK_REFUSED;
  }
}

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Every address a host name resolves to (the sender judges them all). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

export interface WebhookSenderOptions extends WebhookPolicy {
  timeoutMs?: number;
  /** Unit tests script DNS answers; production resolves through the system resolver. */
  resolve?: Resolver;
}

/** A `lookup` for net.connect that answers the checked addresses whatever it is asked (all of them when
 *  Node tries several, as its happy-eyeballs connect does, else the first). */
function pinned(checked: ResolvedAddress[]): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, checked);
    else callback(null, checked[0]!.address, checked[0]!.family);
  }) as LookupFunction;
}

export function webhookSender(options: WebhookSenderOptions): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const resolve = options.resolve ?? systemResolver;
  const policy: WebhookPolicy = { allowLoopback: options.allowLoopback, httpsOnly: options.httpsOnly };

  async function checkedAddresses(url: URL, signal: AbortSignal): Promise<ResolvedAddress[]> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let answers: ResolvedAddress[];
    if (isIP(host)) {
      answers = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
    } else {
      try {
        answers = await Promise.race([
          resolve(host),
          new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
        ]);
      } catch (error) {
        throw new WebhookDeliveryError(`webhook host ${host} did not resolve: ${(error as Error).name}`, { cause: error });
      }
      if (!answers.length) throw new WebhookDeliveryError(`webhook host ${host} has no address`);
    }
    // One refused answer refuses the name: a name mixing public and internal addresses is not a receiver.
    for (const answer of answers) {
      const refusal = addressRefusal(answer.address, policy);
      if (refusal) throw new WebhookRefused(`webhook host ${host} resolves to ${answer.address} (${refusal}); netra does not deliver there`);
    }
    return answers;
  }

  return {
    urlProblem: (url) => webhookUrlProblem(url, policy),

    async post(url, secret, body) {
      const problem = webhookUrlProblem(url, policy);
      if (problem) throw new WebhookRefused(`webhook URL refused: ${problem}`);
      const target = new URL(url);
      const signal = AbortSignal.timeout(timeoutMs);
      const checked = await checkedAddresses(target, signal);
      // http:// is for the local stack's loopback receivers only (AWS mode is https-only): node:http is loaded there,
      // when used, since importing it statically costs every function that bundles this sender ~17 ms of cold init.
      const send = target.protocol === 'https:' ? httpsRequest : (await import('node:http')).request;
      let response: IncomingMessage;
      try {
        response = await new Promise<IncomingMessage>((done, fail) => {
          const request = send(target, {
            method: 'POST',
            // The host name stays in the URL, so Host and (for https) SNI and certificate checks use it;
            // only the connection's address is pinned. No agent: nothing is reused across deliveries.
            lookup: pinned(checked),
            agent: false,
            signal,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              'user-agent': 'netra-webhook/1',
              'x-netra-signature': webhookSignature(secret, body),
            },
          }, done);
          request.once('error', fail);
          request.end(body);
        });
      } catch (error) {
        throw new WebhookDeliveryError(`webhook not delivered: ${(error as Error).name}`, { cause: error });
      }
      response.resume();
      const status = response.statusCode ?? 0;
      // Redirects are not followed: the place they point to was never checked.
      if (status >= 300 && status < 400) throw new WebhookDeliveryError(`webhook answered a redirect (HTTP ${status}), which netra does not follow`);
      if (status < 200 || status >= 300) throw new WebhookDeliveryError(`webhook answered HTTP ${status}`);
    },
  };
}
