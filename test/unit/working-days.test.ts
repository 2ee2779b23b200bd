// Working days: weekends, the SKB 3 Menteri data (holidays and cuti bersama), a region's own days off, a year with
// no data counted as weekends only (and said), deadlines at the end of the day in the region's zone.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, weekendsOnlyNote, workingDeadline } from '../../functions/domain/working-days.ts';
import { HOLIDAY_YEARS } from '../../functions/domain/holidays.ts';

describe('working days', () => {
  it('skips weekends, national holidays and joint leave of the data', () => {
    const none = new Set<string>();
    expect(isWorkingDay('2024-11-27', none)).toBe(false); // Pilkada voting day (Keppres 33/2024)
    expect(isWorkingDay('2025-03-28', none)).toBe(false); // cuti bersama Nyepi
    expect(isWorkingDay('2026-12-24', none)).toBe(false); // cuti bersama Natal
    expect(isWorkingDay('2024-11-30', none)).toBe(false); // Saturday
    expect(isWorkingDay('2024-11-28', none)).toBe(true);
    // Idulfitri 2024: 8–15 April, holidays and joint leave over a weekend: 14 working days from Friday 5 April.
    expect(addWorkingDays('2024-04-05', 1)).toEqual({ date: '2024-04-16', weekendsOnly: [] });
  });

  it('adds the region\'s own days off', () => {
    expect(addWorkingDays('2024-04-05', 1, ['2024-04-16']).date).toBe('2024-04-17');
    expect(isWorkingDay('2024-04-17', new Set(['2024-04-17']))).toBe(false);
  });

  it('counts a year without data as weekends only, and says which', () => {
    expect(HOLIDAY_YEARS.has(2027)).toBe(false);
    const count = addWorkingDays('2026-12-30', 3);
    expect(count).toEqual({ date: '2027-01-04', weekendsOnly: [2027] }); // 31 Dec, then 1 and 4 Jan 2027 (no data)
    expect(weekendsOnlyNote(count.weekendsOnly)).toContain('Tahun 2027');
    expect(weekendsOnlyNote([])).toBeUndefined();
  });

  it('ends a deadline at 23:59:59.999 of the last day in the region\'s zone, counted on the region\'s date', () => {
    // 18:00 UTC on Friday 6 Dec 2024 is already Saturday 7 Dec in WITA: counting starts from the region's date.
    expect(workingDeadline('2024-12-06T18:00:00Z', 1, 'Asia/Makassar').at).toBe('2024-12-09T15:59:59.999Z');
    expect(workingDeadline('2024-12-06T18:00:00Z', 1, 'Asia/Jakarta').at).toBe('2024-12-09T16:59:59.999Z');
  });

  it('refuses a count out of range rather than looping', () => {
    expect(() => addWorkingDays('2024-01-01', 0)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-01-01', 401)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-01-01', 1.5)).toThrow(RangeError);
  });

  it('keeps each year\'s decree with its dates, and dates that exist', () => {
    for (const [year, data] of HOLIDAY_YEARS) {
      expect(data.basis[0], String(year)).toMatch(/^SKB /);
      for (const date of [...Object.keys(data.holidays), ...Object.keys(data.jointLeave)]) {
        expect(date.startsWith(`${year}-`), date).toBe(true);
        expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10), date).toBe(date);
      }
    }
  });
});
