// The case file of one report of the caller's region: the report, its region and OPD, and its chain checked.
import type { Dependencies } from '#ports';
import { NotFoundError } from '#domain/errors';
import { verifyChain } from '#domain/timeline-chain';
import { regionTimeZone } from '#domain/time-zones';
import type { CaseFileData } from '#domain/case-file';
import { reportWithTimeline } from '#domain/report.schema';

export async function caseFile(deps: Pick<Dependencies, 'reports' | 'regions' | 'directory' | 'clock'>, regionId: string, id: string): Promise<CaseFileData> {
  const found = await deps.reports.get(regionId, id);
  if (!found) throw new NotFoundError(`Laporan ${id} tidak ditemukan / report not found`);
  const report = reportWithTimeline(found.report, found.timeline);
  const [region, opd] = await Promise.all([deps.regions.get(regionId), deps.directory.getOpd(regionId, report.employee.opdId)]);
  if (!region) throw new NotFoundError(`Laporan ${id} tidak ditemukan / report not found`);
  const chain = verifyChain(report.id, report.timeline as Array<Record<string, unknown>>, report.timelineHash);
  return {
    report,
    opdName: opd?.name ?? report.employee.opdId,
    region,
    timeZone: regionTimeZone(region),
    chain,
    producedAt: deps.clock.now(),
  };
}
