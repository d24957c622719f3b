/**
 * Which addresses may leave the app for the system's browser or mail client. Everything else —
 * `file:`, `javascript:`, custom schemes that launch other programs, malformed input — is refused,
 * because `shell.openExternal` hands the string to the OS as-is.
 */

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The normalised form of `raw` if it is an `http(s):` address with a host or a `mailto:` address,
 * otherwise `null`. Credentials in the address (`https://user:pass@host`) are refused: they are
 * a common way to disguise the real host.
 */
export function parseExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH)
    return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol === 'mailto:') return url.pathname.length > 0 ? url.href : null;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}
