// The rules of personal data (UU 27/2022) that more than one layer reads: how long the access log keeps an
// entry, the bound on one key's hourly count of distinct reports read, and what erasing a report leaves.
import { createHmac } from 'node:crypto';
import type { StoredReport } from './report.schema.ts';

/** An access-log entry is kept two years (SPEC: retention `accessLog`, default P2Y), then DynamoDB's TTL deletes it. */
export const ACCESS_LOG_RETENTION_SECONDS = 2 * 365 * 86400;

/** One API key's distinct reports in an hour are counted up to this many; the alarm's threshold
 *  (infra/config.ts `netra:unusualReadsPerHour`) must stay below it. */
export const DISTINCT_READS_CAP = 1000;

/** The route of an answer as the access log names it: the method and the path template. */
export const accessRoute = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

/** What an erased personal value reads as on pages and in answers: "(erased)". */
export const ERASED = '(dihapus)';

/** A NIP as an erased report keeps it: HMAC-SHA256 under the stack's link key, region-bound, so the region (with
 *  the key) can still tell whether an erased report was about a NIP it is given, and no one can list NIPs from it. */
export function keyedNipHash(secret: string, regionId: string, nip: string): string {
  return createHmac('sha256', secret).update(`netra-nip\n${regionId}\n${nip}`, 'utf8').digest('hex');
}

/** A closed report with its personal data erased (SPEC "Personal data"): the employee's name and NIP (kept as
 *  `nipHash`), the description, location and evidence, the reporter's identity, decision and appeal notes and
 *  grounds, and the approvers' names; codes, dates, decisions' outcomes and the sanction stay, and so do the
 *  counters, which live elsewhere. */
export function erasedReport<T extends StoredReport>(report: T, erasure: { at: string; nipHash?: string | undefined }): T {
  const { nip: _nip, ...employee } = report.employee;
  const erased: T = {
    ...report,
    description: ERASED,
    location: ERASED,
    evidenceUrls: [],
    employee: { ...employee, name: ERASED, ...(erasure.nipHash ? { nipHash: erasure.nipHash } : {}) },
    reporter: { kind: report.reporter.kind },
    decisions: report.decisions.map(({ notes: _notes, ...decision }) => ({ ...decision, by: { ...decision.by, name: ERASED } })),
    personalDataErasedAt: erasure.at,
  };
  delete erased.reporterSealed;
  if (report.appeals) {
    erased.appeals = report.appeals.map((appeal) => ({
      ...appeal, grounds: ERASED, documentUrls: [],
      ...(appeal.decision ? { decision: (({ notes: _n, ...decision }) => ({ ...decision, by: { ...decision.by, name: ERASED } }))(appeal.decision) } : {}),
    }));
  }
  return erased;
}
