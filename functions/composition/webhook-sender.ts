// The signed webhook sender (to Bawaslu's receiver) as a dependency, for the functions that declare it.
import { webhookSender } from '#adapters/webhook/sender';
import type { Config } from '#lib/config';

export const webhooks = (cfg: Config) => webhookSender(cfg.webhooks);
