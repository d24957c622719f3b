import { afterEach, describe, expect, it } from 'vitest';
import { formatDisplayDate, formatMonthHeading, monthKeyOf } from './display-date';

// This file is also type-checked with the browser's types (src/shared is shared with the
// renderer), where `process` is not declared; reach the Node environment without Node types.
const environment = (globalThis as { process?: { env: Record<string, string | undefined> } })
  .process!.env;
const originalZone = environment.TZ;
afterEach(() => {
  if (originalZone === undefined) delete environment.TZ;
  else environment.TZ = originalZone;
});

describe('formatDisplayDate', () => {
  it.each([
    ['2024-11-20', '20 November 2024'],
    ['2024-01-01', '1 January 2024'],
    ['2023-12-31', '31 December 2023'],
    ['2020-02-29', '29 February 2020'],
    ['1999-07-04', '4 July 1999'],
  ])('shows %s as %s whatever the time zone', (input, expected) => {
    // The functions never build a Date, so the zone cannot move a day; prove it by changing it.
    for (const zone of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Singapore']) {
      environment.TZ = zone;
      expect(formatDisplayDate(input)).toBe(expected);
    }
  });

  it('leaves malformed dates visible as written', () => {
    expect(formatDisplayDate('2024-13-01')).toBe('2024-13-01');
    expect(formatDisplayDate('20 Nov 2024')).toBe('20 Nov 2024');
    expect(formatDisplayDate('2024-11-00')).toBe('2024-11-00');
  });
});

describe('formatMonthHeading', () => {
  it('names the month and year of a YYYY-MM key or a whole date', () => {
    expect(formatMonthHeading('2024-11')).toBe('November 2024');
    expect(formatMonthHeading('2024-01-31')).toBe('January 2024');
  });

  it('returns anything else unchanged', () => {
    expect(formatMonthHeading('2024-00')).toBe('2024-00');
    expect(formatMonthHeading('soon')).toBe('soon');
  });
});

describe('monthKeyOf', () => {
  it('groups a dated post by month and an undated one under null', () => {
    expect(monthKeyOf('2024-11-20')).toBe('2024-11');
    expect(monthKeyOf(null)).toBeNull();
  });
});
