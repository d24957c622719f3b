/**
 * How large a digest may be, for the desktop's PDF export and the browser's printable digest
 * alike: past this, printing takes minutes and the result is no longer a digest.
 */
export const MAX_DIGEST_POSTS = 500;

/**
 * The one-line reason a digest of `total` posts is refused.
 *
 * @example
 * digestTooLargeMessage(1200); // '1200 articles match; narrow the filters to at most 500 for a digest'
 */
export function digestTooLargeMessage(total: number): string {
  return `${total} articles match; narrow the filters to at most ${MAX_DIGEST_POSTS} for a digest`;
}
