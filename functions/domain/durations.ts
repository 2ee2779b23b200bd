// ISO 8601 durations as regions write them in their settings (P3D, PT12H, P1DT6H, PT30S).

const PATTERN = /^P(?:(\d{1,3})W)?(?:(\d{1,3})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,5})M)?(?:(\d{1,6})S)?)?$/;

/** Seconds in an ISO 8601 duration of weeks, days, hours, minutes and seconds; null when it is not one. */
export function durationSeconds(value: string): number | null {
  const match = PATTERN.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) return null;
  const [, w, d, h, m, s] = match.map((part) => Number(part ?? 0));
  return (((w! * 7 + d!) * 24 + h!) * 60 + m!) * 60 + s!;
}

// Retention periods are calendar durations (P5Y, P18M, P90D): years and months are not a fixed number of seconds.
const CALENDAR = /^P(?:(\d{1,2})Y)?(?:(\d{1,3})M)?(?:(\d{1,5})D)?$/;

export interface CalendarDuration {
  years: number;
  months: number;
  days: number;
}

/** Years, months and days of an ISO 8601 duration with only those; null when it is not one (or is empty). */
export function calendarDuration(value: string): CalendarDuration | null {
  const match = CALENDAR.exec(value);
  if (!match || value === 'P') return null;
  const [, y, m, d] = match.map((part) => Number(part ?? 0));
  return { years: y!, months: m!, days: d! };
}

/** The instant `duration` after `from` (UTC calendar arithmetic; the 29th of February plus a year is the 1st of March). */
export function addCalendar(from: Date, duration: CalendarDuration): Date {
  const at = new Date(from.getTime());
  at.setUTCFullYear(at.getUTCFullYear() + duration.years, at.getUTCMonth() + duration.months, at.getUTCDate() + duration.days);
  return at;
}
