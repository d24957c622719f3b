import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dateFromFileName, daysInMonth, readCalendarDate } from './calendar-date';

describe('readCalendarDate', () => {
  it.each([
    ['2024-11-20', '2024-11-20'],
    ['2024-1-5', '2024-01-05'],
    ['2024/11/20', '2024-11-20'],
    ['2024-11-20T23:30:00Z', '2024-11-20'],
    // The day as written in Singapore, not the UTC instant (2022-02-01 01:30 UTC is still the
    // 1st, but 00:30 +0800 would be the 31st of January in UTC).
    ['2022-02-01 00:30:00 +0800', '2022-02-01'],
    ['2022-02-01 09:30:00 +0800', '2022-02-01'],
    ['November 5, 2023', '2023-11-05'],
    ['Nov 5 2023', '2023-11-05'],
    ['Nov. 5th, 2023', '2023-11-05'],
    ['5 November 2023', '2023-11-05'],
    ['Wednesday, 20 November 2024', '2024-11-20'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s as %s', (written, date) => {
    expect(readCalendarDate(written)).toEqual({ kind: 'date', date });
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    'February 30, 2024',
    '1900-02-29',
  ])('calls %s impossible instead of rolling it over', (written) => {
    expect(readCalendarDate(written)).toEqual({ kind: 'impossible' });
  });

  it.each(['soon', '20241120', 'Smarch 5, 2023', '11/20/2024', ''])(
    'does not guess at %j',
    (written) => {
      expect(readCalendarDate(written)).toEqual({ kind: 'unrecognised' });
    },
  );

  it('knows month lengths and leap years', () => {
    expect([
      daysInMonth(2024, 2),
      daysInMonth(2100, 2),
      daysInMonth(2000, 2),
      daysInMonth(2024, 4),
    ]).toEqual([29, 28, 29, 30]);
  });
});

describe('dateFromFileName', () => {
  it('reads a valid YYYY-MM-DD- prefix only', () => {
    expect(dateFromFileName('2024-11-20-my-post.md')).toBe('2024-11-20');
    expect(dateFromFileName('2024-02-30-bad.md')).toBeNull();
    expect(dateFromFileName('my-post.md')).toBeNull();
    expect(dateFromFileName('2024-11-20.md')).toBeNull();
  });
});

describe('time zone independence', () => {
  const here = fileURLToPath(new URL('.', import.meta.url));

  it('uses no Date anywhere in the parser, so no time zone can shift a day', () => {
    const sources = readdirSync(here).filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
    );
    expect(sources.length).toBeGreaterThan(5);
    for (const name of sources) {
      expect(readFileSync(new URL(name, import.meta.url), 'utf8'), name).not.toMatch(
        /\bDate\s*[.(]|new Date\b/,
      );
    }
  });

  it('parses the same dates under UTC, Los Angeles and Kiritimati (UTC+14)', () => {
    const script = `
      import { parsePostFile } from './parse-post.ts';
      const post = (path, text) => parsePostFile({ relativePath: path, bytes: new TextEncoder().encode(text), mtimeMs: 0 }, new Map());
      const dates = [
        post('a.md', '---\\ndate: 2024-11-20\\n---\\nx'),
        post('b.md', '---\\ndate: 2022-02-01 00:30:00 +0800\\n---\\nx'),
        post('2024-01-01-c.md', 'x'),
      ].map((outcome) => outcome.post.date);
      console.log(JSON.stringify([Intl.DateTimeFormat().resolvedOptions().timeZone, dates]));
    `;
    for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      const output = execFileSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          cwd: here,
          env: { ...process.env, TZ: zone },
          encoding: 'utf8',
        },
      );
      expect(JSON.parse(output)).toEqual([zone, ['2024-11-20', '2022-02-01', '2024-01-01']]);
    }
  });
});
