// The case as approvers and Bawaslu read it: the report with its region's and OPD's names.
import type { Dependencies } from '#ports';
import type { StoredReport } from '#domain/report.schema';
import { caseFacts, type CaseFacts } from '#views/case-summary';

export async function factsOf(deps: Pick<Dependencies, 'regions' | 'directory'>, report: StoredReport): Promise<CaseFacts> {
  const [region, opd] = await Promise.all([deps.regions.get(report.regionId), deps.directory.getOpd(report.regionId, report.employee.opdId)]);
  return caseFacts(report, region?.name ?? report.regionId, opd?.name ?? report.employee.opdId);
}
