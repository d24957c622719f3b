/**
 * Turning an untrusted reference (an image `src` in a post, a URL path asked of the HTTP server)
 * into a real file inside a folder, refusing every way out of it. Shared by the library's
 * `resolveAsset`, the desktop asset protocol and the browser-mode server.
 */
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

/** Encodings that would smuggle a separator, a NUL or a parent step past a single decode. */
const ENCODED_DANGER = /%(?:2f|5c|00|2e)/i;

/**
 * Validates `reference` and resolves it against `baseDir` (relative to the root, forward slashes)
 * without touching the disk.
 *
 * - `?query` and `#fragment` are dropped; percent-encoding is decoded exactly once.
 * - A reference starting with `/` is site-root relative; anything else is relative to `baseDir`.
 * - Refused (returns `null`): backslashes, NUL and control characters, encoded `/`, `\`, NUL or `.`,
 *   schemes and drive letters (`file:`, `C:`), protocol-relative `//host`, any segment starting
 *   with a dot (dot-files, and `..` that would leave the root), malformed encoding.
 * - `..` is allowed only while it stays inside the root (`../images/x.png` from a post folder).
 *
 * @returns the path relative to the root with forward slashes, or `null` when refused.
 */
export function normalizeSafeReference(reference: string, baseDir = ''): string | null {
  const withoutSuffix = reference.split(/[?#]/, 1)[0] ?? '';
  if (withoutSuffix === '' || withoutSuffix.includes('\\')) return null;
  if (ENCODED_DANGER.test(withoutSuffix)) return null;
  if (withoutSuffix.startsWith('//')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutSuffix);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return null;
  const rawSegments = decoded.split('/');
  // A scheme (`file:`, `http:`) or a drive letter (`C:`) in the first segment means "not a path".
  if (rawSegments[0]?.includes(':')) return null;
  const rootRelative = decoded.startsWith('/');
  const resolved: string[] = rootRelative ? [] : baseDir.split('/').filter((part) => part !== '');
  for (const segment of rawSegments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (resolved.length === 0) return null;
      resolved.pop();
      continue;
    }
    if (segment.startsWith('.')) return null;
    resolved.push(segment);
  }
  if (resolved.length === 0) return null;
  return resolved.join('/');
}

/** `path` ending in the platform's separator, so a name can be appended to it. */
export function withTrailingSeparator(path: string): string {
  return path.endsWith(sep) ? path : path + sep;
}

/** True when `candidate` is `root` or inside it (both already real, absolute paths). */
export function isPathInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(withTrailingSeparator(root));
}

/**
 * The real path of the regular file `reference` names inside `root`, or `null` when the reference
 * is refused by {@link normalizeSafeReference}, does not exist, is not a regular file, or is a
 * symbolic link (anywhere along the path) whose real path leaves the root or passes through a
 * dot-folder.
 *
 * @param root the folder everything must stay in (need not be a real path).
 * @param reference as written by the untrusted side (`images/a%20b.png`, `/assets/app.js`).
 * @param baseDir where a relative reference starts, relative to the root.
 */
export async function resolveSafeFile(
  root: string,
  reference: string,
  baseDir = '',
): Promise<string | null> {
  const relative = normalizeSafeReference(reference, baseDir);
  if (relative === null) return null;
  try {
    const rootReal = await realpath(root);
    const real = await realpath(join(rootReal, ...relative.split('/')));
    if (!isPathInside(rootReal, real) || real === rootReal) return null;
    const realRelative = real.slice(rootReal.length + 1).split(sep);
    if (realRelative.some((segment) => segment.startsWith('.'))) return null;
    const info = await stat(real);
    return info.isFile() ? real : null;
  } catch {
    return null;
  }
}
