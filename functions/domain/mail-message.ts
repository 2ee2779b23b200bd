// One e-mail as the views build it and the mailer sends it.

/** What an e-mail is, whoever sends it (an SES message tag in AWS, a field of the local outbox file): a hand-over
 *  reads like a step's request but is sent by whoever changed the directory, and marked once. */
export type MailKind =
  | 'decision-request' | 'reminder' | 'hand-over' | 'escalation' | 'bawaslu-notice' | 'appeal-decided' | 'appeal-deadline'
  | 'delivery-reminder' | 'digest' | 'reporter-unsealed' | 'national-action' | 'national-digest';

export interface MailMessage {
  kind: MailKind;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** What the message is about, for logs and the local console (never sent): the region, the report (none for a
   *  region's digest) and the recipient's role. */
  about?: { regionId: string; reportId?: string; role: string };
}
