/**
 * `bytes`, the first bytes of some UTF-8 text, without the character cut off at their end, if
 * any: what decodes to an exact prefix of the text. Decoded as they are, the cut character would
 * become `�`, a character the text does not have.
 *
 * @example
 * const cafe = new TextEncoder().encode('Café'); // `é` is two bytes
 * completeUtf8Prefix(cafe.subarray(0, 4)); // → the bytes of 'Caf'
 * completeUtf8Prefix(cafe); // → all of them
 */
export function completeUtf8Prefix(bytes: Uint8Array): Uint8Array {
  // Back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  let lead = bytes.length - 1;
  while (lead >= 0 && (bytes[lead]! & 0xc0) === 0x80) lead -= 1;
  if (lead < 0) return bytes.subarray(0, 0);
  const first = bytes[lead]!;
  const length = first < 0x80 ? 1 : first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : 2;
  return lead + length <= bytes.length ? bytes : bytes.subarray(0, lead);
}
