// One e-mail as the views build it and the mailer sends it.

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** What the message is about, for logs and the local console (never sent): the report and the recipient's role. */
  about?: { regionId: string; reportId: string; role: string };
}
