// Working days (hari kerja): Monday to Friday less national holidays, joint leave and the region's own holidays,
// counted on the region's calendar; a year without holiday data counts weekends only and the answer says so.
import { HOLIDAY_YEARS } from './holidays.ts';
import { joined, message } from './messages.ts';
import { endOfLocalDay, localDate } from './time-zones.ts';

/** Every national day off of the years in the data (holidays and joint leave), by date. */
const NATIONAL = new Map<string, string>(
  [...HOLIDAY_YEARS.values()].flatMap((year) => [...Object.entries(year.holidays), ...Object.entries(year.jointLeave)]),
);

/** The longest count netra asks for is BPASN's 65 working days; a longer one is a bug, not a calendar. */
const MAX_DAYS = 400;

export interface WorkingDayCount {
  /** The last working day of the count (YYYY-MM-DD, the region's calendar). */
  date: string;
  /** Years the count crossed that have no holiday data: counted as weekends only. */
  weekendsOnly: number[];
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** The date `days` calendar days after a local date (YYYY-MM-DD). */
export function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A day the offices are open: not a weekend, not a national holiday or joint leave day, not one of the region's. */
export function isWorkingDay(date: string, regionHolidays: ReadonlySet<string>): boolean {
  return !isWeekend(date) && !NATIONAL.has(date) && !regionHolidays.has(date);
}

/** The `days`-th working day after `from` (a local date; `from` itself does not count). */
export function addWorkingDays(from: string, days: number, regionHolidays: readonly string[] = []): WorkingDayCount {
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new RangeError(`working days out of range: ${days}`);
  const own = new Set(regionHolidays);
  const unknown = new Set<number>();
  let date = from;
  // Bounded: at most `days` working days, and no week has fewer than one outside the holiday data.
  for (let counted = 0, steps = 0; counted < days && steps < days * 7 + 60; steps++) {
    date = plusDays(date, 1);
    const year = Number(date.slice(0, 4));
    if (!HOLIDAY_YEARS.has(year) && !isWeekend(date)) unknown.add(year);
    if (isWorkingDay(date, own)) counted++;
  }
  return { date, weekendsOnly: [...unknown].sort() };
}

/** A deadline of `days` working days after an instant, in the region: the end of that working day in its zone. */
export function workingDeadline(at: string | Date, days: number, timeZone: string, regionHolidays: readonly string[] = []) {
  const count = addWorkingDays(localDate(new Date(at), timeZone), days, regionHolidays);
  return { at: endOfLocalDay(count.date, timeZone).toISOString(), date: count.date, weekendsOnly: count.weekendsOnly };
}

/** What an answer that used a year without data says about it; undefined when every year had data. */
export function weekendsOnlyNote(years: readonly number[]): string | undefined {
  if (!years.length) return undefined;
  const list = years.join(', ');
  return joined(message(
    `Tahun ${list} dihitung tanpa hari libur nasional dan cuti bersama (SKB belum ada dalam data netra): hanya Sabtu dan Minggu yang dilewati`,
    `${list} counted without national holidays or joint leave (no decree in netra's data yet): only weekends skipped`,
  ));
}

/** The name of a national day off, for pages that explain a count ("Idulfitri 1445 H"). */
export function nationalDayOff(date: string): string | undefined {
  return NATIONAL.get(date);
}
