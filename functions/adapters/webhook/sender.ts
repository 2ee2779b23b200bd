// Signed webhooks: POST a JSON body with X-Netra-Signature: sha256=<hex HMAC-SHA256 of the raw body>.
import { createHmac } from 'node:crypto';
import type { WebhookSender } from '#ports';

export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export class WebhookDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebhookDeliveryError';
  }
}

export function fetchWebhookSender(options: { timeoutMs?: number } = {}): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async post(url, secret, body) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'netra-webhook/1', 'x-netra-signature': webhookSignature(secret, body) },
          body,
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new WebhookDeliveryError(`webhook not delivered: ${(error as Error).name}`, { cause: error });
      }
      await response.body?.cancel();
      if (!response.ok) throw new WebhookDeliveryError(`webhook answered HTTP ${response.status}`);
    },
  };
}
