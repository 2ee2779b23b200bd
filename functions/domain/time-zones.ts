// A region's time zone and the dates and times people read in it (WIB, WITA, WIT): the one place for zone arithmetic.

export type IndonesianZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

const WITA_PROVINCES = new Set([51, 52, 53, 63, 64, 65, 71, 72, 73, 74, 75, 76]);
const WIT_PROVINCES = new Set([81, 82, 91, 92, 93, 94, 95, 96]);

/** The zone of a region by its Kemendagri code's province (first two digits), as SPEC.md's Region says. */
export function timeZoneForRegion(regionId: string): IndonesianZone {
  const province = Number.parseInt(regionId.slice(0, 2), 10);
  if (WITA_PROVINCES.has(province)) return 'Asia/Makassar';
  if (WIT_PROVINCES.has(province)) return 'Asia/Jayapura';
  return 'Asia/Jakarta';
}

/** A region's zone: the one it was given, else its province's. */
export function regionTimeZone(region: { id: string; timeZone?: string | undefined }): string {
  return region.timeZone ?? timeZoneForRegion(region.id);
}

const ABBREVIATIONS: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** WIB, WITA or WIT; other zones by their UTC offset (UTC+07:00). */
export function zoneAbbreviation(timeZone: string, at: Date = new Date()): string {
  return ABBREVIATIONS[timeZone] ?? `UTC${offsetLabel(offsetMinutes(timeZone, at))}`;
}

/** True when Intl knows the zone (the admin command and settings check a given zone with it). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string, at: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  let format = partsFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
}

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(timeZone: string, at: Date): number {
  const p = partsIn(timeZone, at);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The calendar date (YYYY-MM-DD) in the zone at that instant: the region's "today". */
export function localDate(at: Date, timeZone: string): string {
  const p = partsIn(timeZone, at);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A time as a person reads it in the region: `2024-10-02 14:30 WITA`. */
export function formatLocal(at: Date | string, timeZone: string): string {
  const instant = typeof at === 'string' ? new Date(at) : at;
  const p = partsIn(timeZone, instant);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${zoneAbbreviation(timeZone, instant)}`;
}

/** The instant a local wall-clock time (date YYYY-MM-DD, time HH:MM) happens in the zone. */
export function instantOf(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  // Indonesian zones keep one offset all year; the second pass settles zones whose offset changes that day.
  let guess = wall - offsetMinutes(timeZone, new Date(wall)) * 60_000;
  guess = wall - offsetMinutes(timeZone, new Date(guess)) * 60_000;
  return new Date(guess);
}

/** The last millisecond of a local date in the zone (a due date "ends" then). */
export function endOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const next = new Date(Date.UTC(year!, month! - 1, day! + 1));
  return new Date(instantOf(next.toISOString().slice(0, 10), '00:00', timeZone).getTime() - 1);
}
