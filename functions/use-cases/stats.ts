// Report counts for a region and election, read from counters the transitions keep exact (no scans).
import type { Dependencies } from '#ports';
import { statsFrom, type Stats } from '#domain/stats.schema';

export async function getStats(deps: Pick<Dependencies, 'reportQueries'>, regionId: string, electionId: Stats['electionId']): Promise<Stats> {
  return statsFrom(electionId, await deps.reportQueries.counters(regionId, electionId));
}
