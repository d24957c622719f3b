/** Facts a Jekyll post's relative path gives away: its name, date prefix and category folder. */

const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}-/;

/** The last path segment (`a/b/2024-11-20-x.md` → `2024-11-20-x.md`). */
export function fileNameOf(relativePath: string): string {
  const slash = Math.max(relativePath.lastIndexOf('/'), relativePath.lastIndexOf('\\'));
  return relativePath.slice(slash + 1);
}

/** Jekyll copies `.html` files without front matter as static pages: they are not posts. */
export function isHtmlPath(relativePath: string): boolean {
  return /\.html?$/i.test(relativePath);
}

/** `2024-11-20-my-post.md` → "My post": the slug in words, date prefix dropped. */
export function titleFromFileName(relativePath: string): string {
  const fileName = fileNameOf(relativePath);
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  if (/^\d{4}-\d{2}-\d{2}$/.test(stem)) return stem; // a bare date reads better as written
  const words = stem
    .replace(DATE_PREFIX, '')
    .replace(/[-_\s]+/g, ' ')
    .trim();
  if (words === '') return stem.trim() || 'Untitled';
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The folder above `_posts` in words: `media/press-releases/_posts/x.md` → "Press Releases". */
export function categoryFromPath(relativePath: string): string | null {
  const segments = relativePath.split(/[/\\]/);
  const postsIndex = segments.lastIndexOf('_posts');
  const folder = postsIndex >= 1 ? segments[postsIndex - 1] : undefined;
  if (folder === undefined) return null;
  const words = folder
    .split(/[-_\s]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return words.length > 0 ? words.join(' ') : null;
}
