import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LibraryService } from '../core/library-service';
import { assetRequestSchema, describeIssues } from './api-requests';
import { containedRegularFile } from './contained-file';
import { imageContentType } from './content-types';
import { sendError, sendFile } from './http-responses';

/** `scheme:` or protocol-relative `//host`: an address on another machine. */
const REMOTE_ADDRESS = /^(?:[a-z][a-z0-9+.-]*:|\/\/|\\\\)/i;

/**
 * `GET /api/asset?post=<id>&src=<src>`: an image a post refers to. The library resolves `src`
 * against the post; the server then checks the answer again itself (regular file, real path inside
 * the folder, no dot-segments) and serves only raster image types, never SVG. Remote addresses are
 * never fetched: the page shows a placeholder for them.
 */
export async function handleAsset(
  request: IncomingMessage,
  response: ServerResponse,
  searchParams: URLSearchParams,
  library: LibraryService,
): Promise<void> {
  const parsed = assetRequestSchema.safeParse(Object.fromEntries(searchParams));
  if (!parsed.success) {
    sendError(response, 400, `asset: ${describeIssues(parsed.error)}`);
    return;
  }
  const { post, src } = parsed.data;
  if (REMOTE_ADDRESS.test(src)) {
    sendError(response, 404, 'asset: remote images are not fetched');
    return;
  }
  const resolved = await library.resolveAsset(post, src);
  const file = resolved === null ? null : await containedRegularFile(library.folder, resolved);
  if (file === null) {
    sendError(response, 404, 'asset: no such image in the folder');
    return;
  }
  const contentType = imageContentType(file);
  if (contentType === null) {
    // As if it were not there: the route serves images, and nothing about other files.
    sendError(response, 404, 'asset: only PNG, JPEG, GIF, WebP and AVIF images are served');
    return;
  }
  // Images change when a person edits the folder, so the browser revalidates every time.
  await sendFile(request, response, file, contentType, 'no-cache');
}
