import { describe, expect, it } from 'vitest';
import { formatDayPhrase, formatLongDate, isoDateInVietnam } from '../src/dates.ts';

describe('Vietnamese dates', () => {
  it('writes the weekday and day/month/year', () => {
    expect(formatLongDate('2024-11-25T03:00:00Z')).toBe('Thứ Hai, 25/11/2024');
    expect(formatLongDate('2024-03-17T03:00:00Z')).toBe('Chủ nhật, 17/3/2024');
  });

  it('uses Vietnam time, not the machine time zone', () => {
    // 20:00 UTC on the 24th is already 03:00 on Monday the 25th in Hà Nội.
    expect(formatLongDate('2024-11-24T20:00:00Z')).toBe('Thứ Hai, 25/11/2024');
    expect(isoDateInVietnam('2024-12-31T18:30:00Z')).toBe('2025-01-01');
    expect(formatLongDate('2024-11-24T16:59:00Z')).toBe('Chủ nhật, 24/11/2024');
  });

  it('writes "ngày d/m/yyyy" without leading zeros', () => {
    expect(formatDayPhrase('2024-03-12')).toBe('ngày 12/3/2024');
  });

  it('refuses an invalid date instead of printing "Invalid Date"', () => {
    expect(() => formatLongDate('not a date')).toThrow(RangeError);
  });
});

describe('Vietnamese dates without ICU', () => {
  // From 1976 on, dates are split by arithmetic on UTC+7; ICU, which knows the zone's history,
  // must agree on every one of these instants, and earlier ones still go through ICU. The oracle
  // is written out here on purpose (the same options as in dates.ts), not taken from the module.
  const icu = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    weekday: 'long',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  });
  const fromIcu = (date: Date) => {
    const map: Record<string, string> = {};
    for (const part of icu.formatToParts(date)) map[part.type] = part.value;
    return `${map.weekday.replace('Chủ Nhật', 'Chủ nhật')}, ${map.day}/${map.month}/${map.year}`;
  };

  it('agrees with ICU from 1976 to 2100, around midnight and new year included', () => {
    const instants = [Date.UTC(1976, 0, 1), Date.UTC(2024, 11, 31, 16, 59), Date.UTC(2024, 11, 31, 17), Date.UTC(2024, 1, 28, 17), Date.UTC(2100, 0, 1)];
    // A fixed sequence (a linear congruential generator), so a failure names the same instant again.
    let seed = 12345;
    for (let i = 0; i < 3000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      instants.push(Date.UTC(1976, 0, 1) + Math.floor((seed / 2 ** 31) * (Date.UTC(2100, 0, 1) - Date.UTC(1976, 0, 1))));
    }
    for (const time of instants) expect(formatLongDate(new Date(time)), new Date(time).toISOString()).toBe(fromIcu(new Date(time)));
  });

  it('keeps the zone history before 1976: Saigon time was UTC+8 in 1970', () => {
    // 16:30 UTC was 00:30 the next day at UTC+8, but still 23:30 at today's UTC+7.
    expect(formatLongDate('1970-06-01T16:30:00Z')).toBe(fromIcu(new Date('1970-06-01T16:30:00Z')));
    expect(formatLongDate('1970-06-01T16:30:00Z')).toBe('Thứ Ba, 2/6/1970');
  });
});
