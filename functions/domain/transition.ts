// A transition: one step of a report's life, as the use cases decide it and the report repository applies it
// whole or not at all (ReportStore.transition). What changes: the status (only while it is still `from`), the
// timeline entries, the decision and sanction, the appeal state, the flags (overdue, Bawaslu notified, follow-up),
// the workflow run, a decision link's record. Its counter changes and its overdue guard follow from what it means
// (its status move, decision, overdue mark, appeal event, national action): domain/counters.ts derives them, for the
// DynamoDB adapter and the fakes alike.
import type { ReportStatus } from './codes.ts';
import type { Appeal, AppealOutcome, SanctionRecord } from './appeals.ts';
import type { DecisionMail, DecisionRecord } from './decision-record.ts';
import type { NationalAction } from './national-bodies.ts';
import type { Decision, LinkDecision, StoredReport, TimelineEntry } from './report.schema.ts';

/** What happened to an appeal in this transition (its counters: domain/counters.ts). */
export type AppealEvent =
  /** Filed: open when in time, otherwise recorded as not admissible. */
  | { kind: 'filed'; admissible: boolean }
  /** An open appeal's decideBy passed. */
  | { kind: 'deadlinePassed' }
  /** Decided: the outcome, whether its deadline had passed, and the sanction level before and after (null: annulled). */
  | { kind: 'decided'; outcome: AppealOutcome; late: boolean; level: { from: string; to: string | null } };

export interface ReportTransition {
  /** The report as read: its keys, and what its counters depend on (a recommendation's source, its follow-up due
   *  time, its overdue mark, when it was received). */
  report: Pick<StoredReport, 'regionId' | 'id' | 'electionId'> & Partial<Pick<StoredReport, 'source' | 'followUpDueAt' | 'overdueAt' | 'createdAt'>>;
  /** The status the report must still have. */
  from: ReportStatus;
  /** The new status, when it changes. */
  to?: ReportStatus;
  at: string;
  timeline: TimelineEntry[];
  /** A step's decision (not an objection's): its outcome and level are counted when it closes the report. */
  decision?: Decision;
  sanction?: NonNullable<StoredReport['sanction']>;
  bawasluNotifiedAt?: string;
  /** A name this change is applied under at most once for the report (a notice's mark): a change with a name
   *  already applied is a TransitionConflict('once'), so a retried mark never writes its entry twice. */
  once?: string;
  /** After the sanction: the sanction (null: annulled), its history and the appeals as they now stand, written
   *  only while the report's appealsVersion is still `version` (0: never written), which it then counts up. */
  appeal?: { version: number; sanction: SanctionRecord | null; sanctionHistory: SanctionRecord[]; appeals: Appeal[] };
  /** What happened to an appeal (with `appeal`, the state it leaves). */
  appealEvent?: AppealEvent;
  /** Set on the report unless it already has one (a recommendation's follow-up due time). */
  followUpDueAt?: string;
  /** A national body's action on its recommendation, appended to the report's `nationalActions`. */
  nationalAction?: NationalAction;
  /** Marks the report overdue (see use-cases/sanction/shared/overdue.ts): only while it is not yet. */
  overdueAt?: string;
  /** The report's current workflow execution (its run number; see adapters/sfn/workflow.ts executionName). */
  workflowRun?: number;
  /** A decision record written in the same transaction. */
  record?:
    /** A new link for the step; it becomes the report's pending decision, only while that is still `replaces`. */
    | { create: DecisionRecord; replaces: string | null }
    /** Consumed (USED, with the decision) or EXPIRED, only while PENDING and, for USED, not yet expired and
     *  still the report's current link. */
    | { key: string; to: 'USED' | 'EXPIRED'; decision?: LinkDecision }
    /** An e-mail about this link went out: marked once (a second mark is a TransitionConflict('decision')). */
    | { key: string; mark: DecisionMail }
    /** The approver changed: the record `key` (only while PENDING and the report's pending decision) is
     *  HANDED_OVER to `to`, created beside it as the report's pending decision. */
    | { handOver: { key: string; to: DecisionRecord } };
}
