import type { Post } from '@shared/post';

/** One file handed to the parser. The scanner decides which files are candidates. */
export interface PostFileInput {
  /** Relative to the folder, forward slashes. Becomes the post id. */
  readonly relativePath: string;
  readonly bytes: Uint8Array;
  readonly mtimeMs: number;
}

/**
 * The parser's answer: a post with the plain text that feeds search, snippets and reading time;
 * or a reason the file is not a post (empty, not UTF-8 text, too large…).
 */
export type ParseOutcome =
  | { readonly kind: 'post'; readonly post: Post; readonly text: string }
  | { readonly kind: 'skipped'; readonly reason: string };

/** Lower-cased, whitespace-collapsed alias → canonical area name. */
export type AreaAliases = ReadonlyMap<string, string>;
