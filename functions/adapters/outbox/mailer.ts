// The mailer on one machine: every message is a JSON file under NETRA_DATA_DIR/outbox, listed by /local/outbox.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ulid } from '#domain/ids';
import type { Mailer } from '#ports';
import type { MailMessage } from '#domain/mail-message';

export interface OutboxMessage extends MailMessage {
  id: string;
  from: string;
  sentAt: string;
}

export interface Outbox extends Mailer {
  dir: string;
  /** Every message, oldest first (so newest last). */
  list(): OutboxMessage[];
}

export function outboxMailer(options: { dataDir: string; sender: string; now?: () => Date }): Outbox {
  const dir = join(options.dataDir, 'outbox');
  const now = options.now ?? (() => new Date());
  let last = 0;
  return {
    dir,
    async send(message) {
      mkdirSync(dir, { recursive: true });
      const at = now();
      // ULIDs sort by time; one millisecond later than the last keeps two messages of the same
      // millisecond in the order they were sent.
      last = Math.max(at.getTime(), last + 1);
      const id = ulid(last);
      const stored: OutboxMessage = { id, from: options.sender, ...message, sentAt: at.toISOString() };
      const file = join(dir, `${id}.json`);
      // Written whole and renamed, so a reader never sees half a message.
      writeFileSync(`${file}.tmp`, JSON.stringify(stored, null, 2));
      renameSync(`${file}.tmp`, file);
      return { id };
    },
    list() {
      let names: string[];
      try {
        names = readdirSync(dir).filter((name) => name.endsWith('.json'));
      } catch {
        return [];
      }
      return names
        .sort()
        .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as OutboxMessage)
        .sort((a, b) => a.id.localeCompare(b.id));
    },
  };
}
