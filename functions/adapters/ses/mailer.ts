// The mailer in AWS: Amazon SES v2, plain text and HTML in one message.
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer } from '#ports';
import { SES_CLIENT } from '#support/time-budget';

export function sesMailer(options: { region: string; sender: string; client?: SESv2Client }): Mailer & { client: SESv2Client } {
  const client = options.client ?? new SESv2Client({
    region: options.region,
    maxAttempts: SES_CLIENT.maxAttempts,
    // A send that hangs fails within the step's time, and the step sends again (at least once).
    requestHandler: { connectionTimeout: SES_CLIENT.connectionTimeoutMs, requestTimeout: SES_CLIENT.requestTimeoutMs, throwOnRequestTimeout: true },
  });
  return {
    client,
    async send(message) {
      const charset = 'UTF-8';
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.sender,
          Destination: { ToAddresses: message.to },
          // What the e-mail is, in the SES event destinations an operator follows (a hand-over, a reminder...).
          EmailTags: [{ Name: 'kind', Value: message.kind }],
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: charset },
              Body: { Text: { Data: message.text, Charset: charset }, Html: { Data: message.html, Charset: charset } },
            },
          },
        }),
      );
      // Only an answer with a message id says SES took the message: anything else is a send to try again.
      if (!result.MessageId) throw new Error('SES answered without a MessageId: the e-mail is not confirmed as sent');
      return { id: result.MessageId };
    },
  };
}
