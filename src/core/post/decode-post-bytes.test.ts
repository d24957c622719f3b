import { describe, expect, it } from 'vitest';
import { MAX_POST_BYTES, decodePostBytes } from './decode-post-bytes';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decodePostBytes', () => {
  it('decodes UTF-8, drops a byte order mark and normalises CRLF and CR line endings', () => {
    expect(decodePostBytes(bytes(0xef, 0xbb, 0xbf, ...utf8('a\r\nb\rc')))).toEqual({
      ok: true,
      text: 'a\nb\nc',
    });
  });

  it('skips empty and whitespace-only files', () => {
    expect(decodePostBytes(bytes())).toEqual({ ok: false, reason: 'empty file' });
    expect(decodePostBytes(utf8(' \n\t\r\n'))).toEqual({ ok: false, reason: 'empty file' });
  });

  it('skips binary files with NUL bytes', () => {
    expect(decodePostBytes(bytes(0x89, 0x50, 0x4e, 0x47, 0x00, 0x01))).toEqual({
      ok: false,
      reason: 'not UTF-8 text (contains NUL bytes)',
    });
  });

  it('skips UTF-16 files by their byte order mark', () => {
    expect(decodePostBytes(bytes(0xff, 0xfe, 0x61, 0x00)).ok).toBe(false);
    expect(decodePostBytes(bytes(0xfe, 0xff, 0x00, 0x61))).toEqual({
      ok: false,
      reason: 'not UTF-8 text (UTF-16 byte order mark)',
    });
  });

  it('skips invalid UTF-8 such as Latin-1 text', () => {
    expect(decodePostBytes(bytes(0x63, 0x61, 0x66, 0xe9))).toEqual({
      ok: false,
      reason: 'not UTF-8 text (invalid byte sequence)',
    });
  });

  it('skips files over 5 MB before decoding them', () => {
    const outcome = decodePostBytes(new Uint8Array(MAX_POST_BYTES + 1).fill(0x61));
    expect(outcome).toEqual({ ok: false, reason: 'larger than 5 MB (5.0 MB)' });
    expect(decodePostBytes(new Uint8Array(MAX_POST_BYTES).fill(0x61)).ok).toBe(true);
  });
});
