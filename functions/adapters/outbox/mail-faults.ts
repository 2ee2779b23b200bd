// The soak's e-mail fault hook (local only, off unless `npm start` is given NETRA_LOCAL_FAULTS): while the named
// file holds {"mail": "fail"}, every send fails as SES does when it is unavailable, and nothing reaches the outbox.
import { readFileSync } from 'node:fs';
import type { Outbox } from './mailer.ts';

/** Thrown instead of sending: a 503 by the SDK's own classification, so steps retry it as they would SES's. */
export class MailFaultInjected extends Error {
  readonly $metadata = { httpStatusCode: 503 };
  constructor() {
    super('e-mail not sent: the soak made the mail service unavailable (NETRA_LOCAL_FAULTS)');
    this.name = 'ServiceUnavailable';
  }
}

function mailFailing(faultsFile: string): boolean {
  try {
    return JSON.parse(readFileSync(faultsFile, 'utf8'))?.mail === 'fail';
  } catch {
    return false; // no file, or one being rewritten: no fault
  }
}

export function faultyOutbox(outbox: Outbox, faultsFile: string): Outbox {
  return {
    ...outbox,
    async send(message) {
      if (mailFailing(faultsFile)) throw new MailFaultInjected();
      return outbox.send(message);
    },
  };
}
