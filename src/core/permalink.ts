/** Permalinks as posts write them and as links ask for them, brought to one comparable form. */

const SLASH = 0x2f;
const QUESTION_MARK = 0x3f;
const NUMBER_SIGN = 0x23;

/**
 * `/a/b/`, `/a/b`, `a/b`, `/a/b/?x#y` all become `/a/b`. Case is kept: Jekyll's URLs are
 * case-sensitive. Returns `null` for an empty permalink.
 *
 * @example
 * normalizePermalink('/media-releases/ai-safety/'); // '/media-releases/ai-safety'
 * normalizePermalink('  '); // null
 */
export function normalizePermalink(permalink: string): string | null {
  return normalFormAtOnce(permalink) ?? normalizeInSteps(permalink);
}

/**
 * The normal form of a permalink that is already in it, or differs only by one trailing slash
 * (how Jekyll sites write them), found in one scan without a regex or an intermediate string;
 * `undefined` for anything else. Opening 100,000 posts normalizes every permalink.
 */
function normalFormAtOnce(permalink: string): string | undefined {
  const length = permalink.length;
  if (length === 0 || permalink.charCodeAt(0) !== SLASH) return undefined;
  for (let index = 1; index < length; index += 1) {
    const code = permalink.charCodeAt(index);
    if (code === QUESTION_MARK || code === NUMBER_SIGN) return undefined;
    if (code === SLASH && permalink.charCodeAt(index - 1) === SLASH) return undefined;
  }
  const last = permalink.charCodeAt(length - 1);
  // Whitespace to trim (any non-ASCII last character is left to the general path).
  if (last <= 0x20 || last >= 0x7f) return undefined;
  return length > 1 && last === SLASH ? permalink.slice(0, -1) : permalink;
}

/**
 * {@link normalizePermalink} by its rules, step by step, for any permalink: what the one-scan
 * path must agree with (exported for the test that holds it to that).
 */
export function normalizeInSteps(permalink: string): string | null {
  let path = permalink.trim().split(/[?#]/, 1)[0] ?? '';
  if (path === '') return null;
  if (!path.startsWith('/')) path = `/${path}`;
  path = path.replace(/\/{2,}/g, '/');
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}
