// What the report repository and its queries answer: a creation's outcome and a page of a list.
import type { ReportSummary, StoredReport } from './report.schema.ts';

export interface ReportPage {
  items: ReportSummary[];
  nextCursor: string | null;
}

/** What creating a report did. */
export type CreatedReport =
  | { outcome: 'created'; report: StoredReport }
  /** A report was already stored under this id (a retried submission): that one, and whether the retry sent
   *  the same request (same request hash; always true when neither carried one). */
  | { outcome: 'exists'; report: StoredReport; sameRequest: boolean }
  /** The employee's OPD is not in the region's directory: nothing was written. */
  | { outcome: 'unknown-opd' };
