// The SES mailer, for the functions that send e-mail: only they import it, so only they bundle SES.
import type { Mailer } from '#ports';
import { sesMailer } from '#adapters/ses/mailer';
import { required } from '#lib/config';
import { granting } from '../types.ts';

export const ses = granting(['sendEmail'], (cfg): Mailer => sesMailer({ region: cfg.region, sender: required(cfg, 'senderEmail').senderEmail }));
