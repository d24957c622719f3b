/** Files larger than this are not read as posts (a press release is a few kilobytes). */
export const MAX_POST_BYTES = 5 * 1024 * 1024;

/** The text of a file, or why it is not post text. */
export type DecodedPost =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

// `fatal` makes invalid sequences throw instead of silently becoming U+FFFD; the default
// `ignoreBOM: false` drops a leading UTF-8 byte order mark.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a candidate file as UTF-8 text with `\n` line endings, or says in a short human sentence
 * why it is skipped: too large, UTF-16, binary (NUL bytes), invalid UTF-8, or empty/whitespace.
 */
export function decodePostBytes(bytes: Uint8Array): DecodedPost {
  if (bytes.length > MAX_POST_BYTES) {
    const megabytes = (bytes.length / (1024 * 1024)).toFixed(1);
    return { ok: false, reason: `larger than 5 MB (${megabytes} MB)` };
  }
  const first = bytes[0];
  const second = bytes[1];
  if ((first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff)) {
    return { ok: false, reason: 'not UTF-8 text (UTF-16 byte order mark)' };
  }
  // Checked before decoding: NUL is valid UTF-8 but marks binary files (images, archives…).
  if (bytes.indexOf(0) !== -1) return { ok: false, reason: 'not UTF-8 text (contains NUL bytes)' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'not UTF-8 text (invalid byte sequence)' };
  }
  if (text.trim() === '') return { ok: false, reason: 'empty file' };
  return { ok: true, text: text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text };
}
