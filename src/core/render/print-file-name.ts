import type { PostSummary } from '@shared/post';

const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}-/;
const MARKDOWN_EXTENSION = /\.(md|markdown|html?)$/i;
// Characters no file system in our targets accepts, plus control characters.
// eslint-disable-next-line no-control-regex
const UNSAFE_FILE_NAME = /[\u0000-\u001f<>:"/\\|?*]+/g;

/**
 * A post's slug for file names: the last segment of its permalink, else its file name without the
 * Jekyll date prefix and the extension. Never empty, never a path.
 */
export function postSlug(post: Pick<PostSummary, 'permalink' | 'path'>): string {
  const fromPermalink = post.permalink
    ?.split('/')
    .filter((segment) => segment !== '')
    .pop();
  const fromPath = post.path
    .split('/')
    .pop()
    ?.replace(MARKDOWN_EXTENSION, '')
    .replace(DATE_PREFIX, '');
  const slug = (fromPermalink ?? fromPath ?? '').replace(UNSAFE_FILE_NAME, '-').replace(/^\.+/, '');
  return slug.slice(0, 120) || 'article';
}

/** The suggested file name when saving an article as PDF: `<slug>.pdf`. */
export function articlePdfFileName(post: Pick<PostSummary, 'permalink' | 'path'>): string {
  return `${postSlug(post)}.pdf`;
}

/** The suggested file name for a digest made on `today` (`YYYY-MM-DD`). */
export function digestPdfFileName(today: string): string {
  return `accord-digest-${today}.pdf`;
}
