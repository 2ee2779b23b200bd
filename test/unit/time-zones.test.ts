import { describe, expect, it } from 'vitest';
import { endOfLocalDay, formatLocal, instantOf, isTimeZone, localDate, timeZoneForRegion, zoneAbbreviation } from '#domain/time-zones';

describe('region time zones', () => {
  it('derives the zone from the province code', () => {
    expect(timeZoneForRegion('34.02')).toBe('Asia/Jakarta');
    expect(timeZoneForRegion('64.02')).toBe('Asia/Makassar');
    expect(timeZoneForRegion('62.03')).toBe('Asia/Jakarta');
    expect(timeZoneForRegion('51.71')).toBe('Asia/Makassar');
    expect(timeZoneForRegion('91.01')).toBe('Asia/Jayapura');
    expect(timeZoneForRegion('82.01')).toBe('Asia/Jayapura');
    expect(timeZoneForRegion('11.01')).toBe('Asia/Jakarta');
  });

  it('formats times with the zone abbreviation', () => {
    const at = '2024-10-02T06:30:00.000Z';
    expect(formatLocal(at, 'Asia/Jakarta')).toBe('2024-10-02 13:30 WIB');
    expect(formatLocal(at, 'Asia/Makassar')).toBe('2024-10-02 14:30 WITA');
    expect(formatLocal(at, 'Asia/Jayapura')).toBe('2024-10-02 15:30 WIT');
    expect(zoneAbbreviation('Europe/Berlin', new Date('2024-01-10T00:00:00Z'))).toBe('UTC+01:00');
  });

  it("knows the region's today across midnight", () => {
    const at = new Date('2024-10-01T16:30:00Z'); // 23:30 WIB, 00:30 WITA next day
    expect(localDate(at, 'Asia/Jakarta')).toBe('2024-10-01');
    expect(localDate(at, 'Asia/Makassar')).toBe('2024-10-02');
  });

  it('turns local wall-clock times into instants', () => {
    expect(instantOf('2024-10-02', '07:00', 'Asia/Makassar').toISOString()).toBe('2024-10-01T23:00:00.000Z');
    expect(endOfLocalDay('2024-10-31', 'Asia/Jakarta').toISOString()).toBe('2024-10-31T16:59:59.999Z');
    expect(endOfLocalDay('2024-12-31', 'Asia/Jayapura').toISOString()).toBe('2024-12-31T14:59:59.999Z');
  });

  it('checks zone names', () => {
    expect(isTimeZone('Asia/Makassar')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
