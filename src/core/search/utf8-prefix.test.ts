import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeUtf8Prefix } from './utf8-prefix';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('completeUtf8Prefix', () => {
  it('drops a character cut off at the end, of any length, and keeps whole ones', () => {
    const text = 'aé人😀'; // 1, 2, 3 and 4 bytes
    const bytes = encoder.encode(text);
    const prefixes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((length) =>
      decoder.decode(completeUtf8Prefix(bytes.subarray(0, length))),
    );
    expect(prefixes).toEqual([
      '',
      'a',
      'a',
      'aé',
      'aé',
      'aé',
      'aé人',
      'aé人',
      'aé人',
      'aé人',
      'aé人😀',
    ]);
  });

  it('always decodes to a prefix of the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat(), (text, cut) => {
        const bytes = encoder.encode(text);
        const prefix = decoder.decode(
          completeUtf8Prefix(bytes.subarray(0, cut % (bytes.length + 1))),
        );
        expect(text.startsWith(prefix)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
