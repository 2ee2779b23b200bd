// What a use case reads of a region besides its records: its time zone, whether a date is still ahead there, and
// the OPDs its directory has (for the message that names them). Shared by intake, ceremonies and Satgas.
import type { Dependencies } from '#ports';
import type { Message } from '#domain/messages';
import { localDate, regionTimeZone } from '#domain/time-zones';
import { unknownOpd } from '#domain/directory.schema';

/** The region's time zone (its own, else its province's). */
export async function regionZone(deps: Pick<Dependencies, 'regions'>, regionId: string): Promise<string> {
  return regionTimeZone((await deps.regions.get(regionId)) ?? { id: regionId });
}

/** True when a date (YYYY-MM-DD) is after the region's today. A date before the earliest "today" on Earth
 *  (UTC−12) is past in every zone, so most dates need no read of the region. */
export async function isAfterRegionToday(deps: Pick<Dependencies, 'regions'>, regionId: string, date: string, now: Date): Promise<boolean> {
  if (date < localDate(now, 'Etc/GMT+12')) return false;
  return date > localDate(now, await regionZone(deps, regionId));
}

/** unknownOpd, reading the directory's OPDs (only on the way to a 400, so the happy path reads nothing more). */
export async function unknownOpdOf(deps: Pick<Dependencies, 'directory'>, regionId: string): Promise<Message> {
  return unknownOpd((await deps.directory.listOpds(regionId)).map((opd) => opd.opdId));
}
