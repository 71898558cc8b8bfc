import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDayPhrase, formatLongDate, formatShortDate, isoDateInVietnam } from '../src/dates.ts';

describe('Vietnamese dates', () => {
  it('writes the weekday and day/month/year', () => {
    expect(formatLongDate('2024-11-25T03:00:00Z')).toBe('Thứ Hai, 25/11/2024');
    expect(formatLongDate('2024-03-17T03:00:00Z')).toBe('Chủ nhật, 17/3/2024');
  });

  it('uses Vietnam time, not the machine time zone', () => {
    // 20:00 UTC on the 24th is already 03:00 on Monday the 25th in Hà Nội.
    expect(formatLongDate('2024-11-24T20:00:00Z')).toBe('Thứ Hai, 25/11/2024');
    expect(isoDateInVietnam('2024-12-31T18:30:00Z')).toBe('2025-01-01');
    expect(formatDateTime('2024-11-24T20:05:00Z')).toBe('Thứ Hai, 25/11/2024, 03:05');
  });

  it('writes "ngày d/m/yyyy" without leading zeros', () => {
    expect(formatDayPhrase('2024-03-12')).toBe('ngày 12/3/2024');
    expect(formatShortDate('2021-07-15')).toBe('15/7/2021');
  });

  it('refuses an invalid date instead of printing "Invalid Date"', () => {
    expect(() => formatLongDate('not a date')).toThrow(RangeError);
  });
});
