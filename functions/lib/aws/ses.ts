// The SES mailer, for the functions that send e-mail: only they import it, so only they bundle SES.
import type { Mailer } from '#ports';
import { sesMailer } from '#adapters/ses/mailer';
import { required, type Config } from '../config.ts';

export function ses(cfg: Config): Mailer {
  return sesMailer({ region: cfg.region, sender: required(cfg, 'senderEmail').senderEmail });
}
