import { lstat, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import type { LibraryService } from '../core/library-service';
import { imageContentType } from '../server/content-types';

/** Post images larger than this are never read (a reader has no use for them; memory does). */
export const MAX_POST_IMAGE_BYTES = 50 * 1024 * 1024;

export interface PostImageFile {
  readonly path: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/**
 * Reads the image `src` of post `postId`, for the `accord-asset:` protocol and for printing.
 *
 * The library's `resolveAsset` applies the safe-path rules; its answer is checked again here —
 * real path inside the folder's real path, no segment starting with a dot, a regular file of
 * sensible size, an image type we serve — so a single bug cannot expose the rest of the disk.
 * Any failure is `null`: callers answer "not found" without saying why.
 */
export async function readPostImage(
  library: LibraryService,
  postId: string,
  src: string,
): Promise<PostImageFile | null> {
  try {
    const resolved = await library.resolveAsset(postId, src);
    if (!resolved) return null;
    const contentType = imageContentType(resolved);
    if (!contentType) return null;
    const [realFile, realFolder] = await Promise.all([
      realpath(resolved),
      realpath(library.folder),
    ]);
    const inside = relative(realFolder, realFile);
    if (
      inside === '' ||
      isAbsolute(inside) ||
      inside.split(sep).some((part) => part.startsWith('.'))
    )
      return null;
    const info = await lstat(realFile);
    if (!info.isFile() || info.size > MAX_POST_IMAGE_BYTES) return null;
    return { path: realFile, contentType, bytes: await readFile(realFile) };
  } catch {
    return null;
  }
}
