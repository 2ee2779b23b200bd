// The mailer in AWS: Amazon SES v2, plain text and HTML in one message.
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer } from '#ports';

export function sesMailer(options: { region: string; sender: string; client?: SESv2Client }): Mailer & { client: SESv2Client } {
  const client = options.client ?? new SESv2Client({ region: options.region, maxAttempts: 3 });
  return {
    client,
    async send(message) {
      const charset = 'UTF-8';
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.sender,
          Destination: { ToAddresses: message.to },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: charset },
              Body: { Text: { Data: message.text, Charset: charset }, Html: { Data: message.html, Charset: charset } },
            },
          },
        }),
      );
      return { id: result.MessageId ?? '' };
    },
  };
}
