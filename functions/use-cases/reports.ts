// The region's reports: intake (shared with the national bodies' push: shared/report-intake.ts) and queries.
import type { Dependencies } from '#ports';
import { NotFoundError } from '#domain/errors';
import { reportNotFound } from '#domain/not-found';
import { RECEIPT_CODE_PATTERN } from '#domain/ids';
import { joined, message } from '#domain/messages';
import { reportWithTimeline, type ListReportsQuery, type Report } from '#domain/report.schema';

export { submitReport } from './shared/report-intake.ts';

export async function getReport(deps: Pick<Dependencies, 'reports'>, regionId: string, id: string): Promise<Report> {
  const found = await deps.reports.get(regionId, id);
  if (!found) throw reportNotFound(id);
  return reportWithTimeline(found.report, found.timeline);
}

export function listReports(deps: Pick<Dependencies, 'reportQueries'>, regionId: string, query: ListReportsQuery) {
  return deps.reportQueries.list(regionId, query);
}

export async function trackReport(deps: Pick<Dependencies, 'reportQueries'>, code: string) {
  const normalised = code.trim().toUpperCase();
  const found = RECEIPT_CODE_PATTERN.test(normalised) ? await deps.reportQueries.findByReceipt(normalised) : null;
  if (!found) throw new NotFoundError(joined(message('Kode tanda terima tidak dikenal', 'unknown receipt code')));
  return { receiptCode: normalised, status: found.status, lastUpdate: found.updatedAt };
}
