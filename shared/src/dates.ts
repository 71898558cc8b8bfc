// Dates read the Vietnamese way, always in the ward's time zone, whatever the build machine's.

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const partsFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
});

interface DateParts {
  weekday: string;
  day: string;
  month: string;
  year: string;
}

// formatToParts is slow (ICU): splitting each article's date took 0.8 s of a build of 10,000
// articles, and still about 0.3 s per thread once each instant was split only once. Vietnam has
// kept UTC+7 without daylight saving since June 1975, so from 1976 on the parts are plain
// arithmetic; earlier instants (other offsets) still go through ICU.
const FIXED_OFFSET_SINCE = Date.UTC(1976, 0, 1);
const OFFSET_MS = 7 * 3600 * 1000;
const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const partsCache = new Map<number, DateParts>();

function partsFromIcu(value: Date): DateParts {
  const map: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(value)) map[part.type] = part.value;
  // ICU spells weekdays "Thứ Hai" … "Chủ Nhật"; Vietnamese style writes "Chủ nhật" in lower case.
  const weekday = map.weekday.replace('Chủ Nhật', 'Chủ nhật');
  return { weekday, day: map.day, month: map.month, year: map.year };
}

function parts(date: Date | string): DateParts {
  const value = typeof date === 'string' ? new Date(date) : date;
  const time = value.getTime();
  if (Number.isNaN(time)) throw new RangeError(`Invalid date: ${String(date)}`);
  if (time >= FIXED_OFFSET_SINCE) {
    const local = new Date(time + OFFSET_MS);
    return {
      weekday: WEEKDAYS[local.getUTCDay()],
      day: String(local.getUTCDate()),
      month: String(local.getUTCMonth() + 1),
      year: String(local.getUTCFullYear()),
    };
  }
  const cached = partsCache.get(time);
  if (cached) return cached;
  const result = partsFromIcu(value);
  if (partsCache.size >= 100_000) partsCache.clear();
  partsCache.set(time, result);
  return result;
}

/** "Thứ Hai, 25/11/2024" */
export function formatLongDate(date: Date | string): string {
  const p = parts(date);
  return `${p.weekday}, ${p.day}/${p.month}/${p.year}`;
}

/** "ngày 12/3/2024" */
export function formatDayPhrase(date: Date | string): string {
  const p = parts(date);
  return `ngày ${p.day}/${p.month}/${p.year}`;
}

/** ISO date (YYYY-MM-DD) of the day the instant falls on in Vietnam. */
export function isoDateInVietnam(date: Date | string): string {
  const p = parts(date);
  return `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}`;
}
