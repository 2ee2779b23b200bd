// ISO 8601 durations as regions write them in their settings (P3D, PT12H, P1DT6H, PT30S).

const PATTERN = /^P(?:(\d{1,3})W)?(?:(\d{1,3})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,5})M)?(?:(\d{1,6})S)?)?$/;

/** Seconds in an ISO 8601 duration of weeks, days, hours, minutes and seconds; null when it is not one. */
export function durationSeconds(value: string): number | null {
  const match = PATTERN.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) return null;
  const [, w, d, h, m, s] = match.map((part) => Number(part ?? 0));
  return (((w! * 7 + d!) * 24 + h!) * 60 + m!) * 60 + s!;
}
