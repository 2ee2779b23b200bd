import { outboxMailer } from '#adapters/outbox/mailer';
export const probe = outboxMailer;
