import { describe, expect, it } from 'vitest';
import { readingMinutes } from './reading-time';

describe('readingMinutes', () => {
  it('is words / 200 rounded up, at least 1, and 0 for nothing to read', () => {
    expect(readingMinutes('')).toBe(0);
    expect(readingMinutes(' – … ')).toBe(0);
    expect(readingMinutes('one')).toBe(1);
    expect(readingMinutes(Array(200).fill('word').join(' '))).toBe(1);
    expect(readingMinutes(Array(201).fill('word').join(' '))).toBe(2);
  });

  it('counts Chinese, Japanese and Korean by characters (400 a minute)', () => {
    expect(readingMinutes('合作'.repeat(200))).toBe(1);
    expect(readingMinutes('合作'.repeat(201))).toBe(2);
  });

  it("does not split words at apostrophes, hyphens or dots (EU-Singapore, Singapore's, 2.5)", () => {
    expect(readingMinutes(Array(100).fill("EU-Singapore's 2.5").join(' '))).toBe(1);
  });
});
