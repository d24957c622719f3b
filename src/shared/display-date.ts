/**
 * Calendar dates for people to read. Posts carry dates as `YYYY-MM-DD` strings (see
 * `IsoDate`); turning them into `Date` objects would let the machine's time zone move a post to
 * the previous day, so everything here is plain string arithmetic.
 */

/** English month names, January first. Index with `month - 1`. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

function monthName(month: string): string | undefined {
  const index = Number(month) - 1;
  return Number.isInteger(index) ? MONTH_NAMES[index] : undefined;
}

/**
 * `'2024-11-20'` → `'20 November 2024'`. Input that is not a valid `YYYY-MM-DD` calendar string
 * is returned unchanged, so a malformed date stays visible instead of turning into "Invalid Date".
 */
export function formatDisplayDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const name = monthName(month);
  const dayNumber = Number(day);
  if (!name || dayNumber < 1 || dayNumber > 31) return isoDate;
  return `${dayNumber} ${name} ${year}`;
}

/**
 * `'2024-11'` (or a whole date, `'2024-11-20'`) → `'November 2024'`, for timeline headings.
 * Anything else is returned unchanged.
 */
export function formatMonthHeading(isoMonth: string): string {
  const match = ISO_MONTH.exec(isoMonth.slice(0, 7));
  if (!match || (isoMonth.length !== 7 && !ISO_DATE.test(isoMonth))) return isoMonth;
  const [, year, month] = match as unknown as [string, string, string];
  const name = monthName(month);
  return name ? `${name} ${year}` : isoMonth;
}

/** The `YYYY-MM` month a `YYYY-MM-DD` date falls in, or `null` for an undated post. */
export function monthKeyOf(isoDate: string | null): string | null {
  return isoDate && ISO_DATE.test(isoDate) ? isoDate.slice(0, 7) : null;
}

/** Today's calendar date in the local time zone as `YYYY-MM-DD` (for digest cover lines). */
export function localIsoDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
