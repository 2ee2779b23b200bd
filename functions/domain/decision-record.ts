// A decision link's record (stored under the hash of its id) and a link as it is opened: what the decision store
// keeps and the pages show.
import type { Approver } from './approvers.ts';
import type { CaseFacts } from './case-facts.ts';
import type { LinkDecision, StoredReport } from './report.schema.ts';
import type { Step } from './workflow.ts';

/** The e-mails a decision link's record remembers as sent. */
export type DecisionMail = 'requestMailedAt' | 'reminderMailedAt' | 'escalationMailedAt';

/** One decision link's record, stored under the hash of its id. */
export interface DecisionRecord {
  key: string;
  /** The id is HMAC(link secret, nonce): reminders send the same link again without storing it. */
  nonce: string;
  regionId: string;
  reportId: string;
  step: Step;
  /** Step APPEAL: the objection this link decides. */
  appealId?: string;
  approver: Approver;
  status: 'PENDING' | 'USED' | 'EXPIRED' | 'HANDED_OVER';
  createdAt: string;
  /** HANDED_OVER: the record of the approver who holds the step now. */
  handedTo?: string;
  /** The record this one took over from, when the approver changed. */
  handedFrom?: string;
  /** Handed over: the first record of this round's hand-overs. Each hand-over also points the origin's `handedTo`
   *  at the newest record, so a wait or a step holding any key of the round reaches the live record in a few reads
   *  however often the approver changed (the fifth soak hour: 26 hand-overs of one PPK step outran a 20-hop walk). */
  origin?: string;
  remindAt: string;
  /** When the wait of this round ends (absent on older records: the link's expiry). */
  deadlineAt?: string;
  /** When the link stops working: the round's deadline, or later for the round after the last escalation,
   *  whose link stays valid while the report waits on overdue. */
  expiresAt: string;
  /** Escalations of this step before this link was made (0 for the first request). */
  escalations?: number;
  /** When each e-mail about this link went out (checked before sending, written right after). */
  requestMailedAt?: string;
  reminderMailedAt?: string;
  escalationMailedAt?: string;
  /** The workflow's current task token for this wait, when one is waiting. */
  taskToken?: string;
  decision?: LinkDecision;
}

/** A decision link opened: its record, the report it decides and the case's facts, as the pages show them. */
export interface OpenDecision {
  record: DecisionRecord;
  report: StoredReport;
  facts: CaseFacts;
}
