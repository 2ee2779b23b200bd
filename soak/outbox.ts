// The stack's e-mails as the soak reads them: the outbox files `npm start` writes (what GET /local/outbox lists), read
// incrementally, so an hour of mail is not parsed again at every look.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Mail {
  id: string;
  to: string[];
  subject: string;
  text: string;
  sentAt: string;
  /** The decision link it carries, if any. */
  link: string | null;
  /** What the product says the e-mail is (MailMessage.kind); absent in files written before it said so. */
  kind: string | undefined;
  /** A reminder repeats the step's link; it is not a second request. */
  reminder: boolean;
}

const LINK = /https?:\/\/\S+\/decisions\/\S+/;
const RECEIPT = /NTR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;

export class OutboxReader {
  private readonly dir: string;
  private readonly byFile = new Map<string, Mail>();
  private readonly byReceipt = new Map<string, Mail[]>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'outbox');
  }

  /** Reads the messages written since the last call. */
  refresh(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((name) => name.endsWith('.json') && !this.byFile.has(name)).sort();
    } catch {
      return;
    }
    for (const name of names) {
      let stored: { id: string; kind?: string; to: string[]; subject: string; text: string; sentAt: string };
      try {
        stored = JSON.parse(readFileSync(join(this.dir, name), 'utf8'));
      } catch {
        continue; // renamed into place after the listing: read next time
      }
      const mail: Mail = {
        id: stored.id, kind: stored.kind, to: stored.to, subject: stored.subject, text: stored.text, sentAt: stored.sentAt,
        link: LINK.exec(stored.text)?.[0] ?? null, reminder: stored.kind ? stored.kind === 'reminder' : stored.subject.includes('Pengingat'),
      };
      this.byFile.set(name, mail);
      const receipt = RECEIPT.exec(stored.subject)?.[0];
      if (receipt) this.byReceipt.set(receipt, [...(this.byReceipt.get(receipt) ?? []), mail]);
    }
  }

  /** The e-mails about one report (its receipt code in the subject), oldest first. */
  about(receiptCode: string): Mail[] {
    return [...(this.byReceipt.get(receiptCode) ?? [])].sort((a, b) => a.id.localeCompare(b.id));
  }

  get count(): number {
    return this.byFile.size;
  }
}
