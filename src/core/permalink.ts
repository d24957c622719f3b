/** Permalinks as posts write them and as links ask for them, brought to one comparable form. */

/**
 * `/a/b/`, `/a/b`, `a/b`, `/a/b/?x#y` all become `/a/b`. Case is kept: Jekyll's URLs are
 * case-sensitive. Returns `null` for an empty permalink.
 */
export function normalizePermalink(permalink: string): string | null {
  let path = permalink.trim().split(/[?#]/, 1)[0] ?? '';
  if (path === '') return null;
  if (!path.startsWith('/')) path = `/${path}`;
  path = path.replace(/\/{2,}/g, '/');
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}
