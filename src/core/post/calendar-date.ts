import type { IsoDate } from '@shared/post';

/**
 * Calendar dates as written, as `YYYY-MM-DD` strings. Pure string arithmetic: no `Date`, so no
 * time zone can shift a post to the previous or next day.
 */

/** What a written date turned out to be. */
export type CalendarDateReading =
  | { readonly kind: 'date'; readonly date: IsoDate }
  /** Looks like a date but is not on the calendar (`2024-02-30`, `2023-13-01`). */
  | { readonly kind: 'impossible' }
  | { readonly kind: 'unrecognised' };

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['jan', 1],
  ['january', 1],
  ['feb', 2],
  ['february', 2],
  ['mar', 3],
  ['march', 3],
  ['apr', 4],
  ['april', 4],
  ['may', 5],
  ['jun', 6],
  ['june', 6],
  ['jul', 7],
  ['july', 7],
  ['aug', 8],
  ['august', 8],
  ['sep', 9],
  ['sept', 9],
  ['september', 9],
  ['oct', 10],
  ['october', 10],
  ['nov', 11],
  ['november', 11],
  ['dec', 12],
  ['december', 12],
]);

const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?`;
const MONTH = String.raw`([a-z]{3,9})\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const END = String.raw`(?=$|[^\d])`;

// `2024-11-20`, `2024-11-20T09:30:00Z`, `2022-02-01 09:30:00 +0800`, `2024/11/20`: the calendar
// date is the part written before any time, whatever offset follows.
const NUMERIC = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?=$|[T\s_])/;
const MONTH_FIRST = new RegExp(String.raw`^${WEEKDAY}${MONTH}\s+${DAY},?\s+(\d{4})${END}`, 'i');
const DAY_FIRST = new RegExp(String.raw`^${WEEKDAY}${DAY}\s+${MONTH},?\s+(\d{4})${END}`, 'i');
const FILE_NAME_PREFIX = /^(\d{4})-(\d{2})-(\d{2})-/;

/**
 * Reads a date as written: ISO (`2024-11-20`, with any time and offset ignored), `2024/11/20`,
 * `November 5, 2023`, `Nov 5 2023`, `5 November 2023`, optionally after a weekday.
 */
export function readCalendarDate(written: string): CalendarDateReading {
  const text = written.trim();
  const numeric = NUMERIC.exec(text);
  if (numeric) return fromParts(numeric[1], numeric[3], numeric[4]);
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) return fromNamedMonth(monthFirst[3], monthFirst[1], monthFirst[2]);
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return fromNamedMonth(dayFirst[3], dayFirst[2], dayFirst[1]);
  return { kind: 'unrecognised' };
}

/** The valid `YYYY-MM-DD-` prefix of a Jekyll post file name, if any. */
export function dateFromFileName(fileName: string): IsoDate | null {
  const match = FILE_NAME_PREFIX.exec(fileName);
  if (!match) return null;
  const reading = fromParts(match[1], match[2], match[3]);
  return reading.kind === 'date' ? reading.date : null;
}

/** Whether the day exists in the proleptic Gregorian calendar. */
export function isRealCalendarDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days in a month (1–12) of a Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function fromNamedMonth(
  year: string | undefined,
  monthName: string | undefined,
  day: string | undefined,
): CalendarDateReading {
  const month = MONTHS.get((monthName ?? '').toLowerCase());
  if (month === undefined) return { kind: 'unrecognised' };
  return fromParts(year, String(month), day);
}

function fromParts(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
): CalendarDateReading {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (!isRealCalendarDate(y, m, d)) return { kind: 'impossible' };
  return { kind: 'date', date: `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}` };
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
