import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CacheChecksum } from './cache-checksum';

describe('CacheChecksum', () => {
  it('gives the CRC-32 of the bytes, as eight hex digits', () => {
    expect(new CacheChecksum().update(Buffer.from('hello')).digest()).toBe('3610a686');
    expect(new CacheChecksum().digest()).toBe('00000000');
  });

  it('is the checksum of everything fed to it, whatever the pieces, empty ones included', () => {
    const whole = Buffer.from('accord-search-shard/4\n and some postings');
    const pieces = [
      whole.subarray(0, 7),
      new Uint8Array(new Uint32Array(0).buffer),
      whole.subarray(7, 20),
      new Uint8Array(0),
      whole.subarray(20),
      new Uint8Array(new Uint32Array(0).buffer),
    ];
    const checksum = new CacheChecksum();
    for (const piece of pieces) checksum.update(piece);
    expect(checksum.digest()).toBe(crc32(whole).toString(16).padStart(8, '0'));
  });
});
