// The signed webhook sender (Bawaslu's receiver), for the functions that name it.
import { webhookSender } from '#adapters/webhook/sender';
import type { Config } from '#lib/config';

export const webhooks = (cfg: Config) => webhookSender(cfg.webhooks);
