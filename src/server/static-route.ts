import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveSafeFile } from '../core/safe-path';
import { rendererContentType } from './content-types';
import { sendError, sendFile } from './http-responses';

/**
 * The built page: only regular files inside the renderer folder, `/` meaning `index.html`, no
 * directory listings and nothing whose name starts with a dot. `pathname` arrives still
 * percent-encoded; the shared path-safety helper decodes it exactly once and refuses encoded
 * separators and parent steps.
 */
export async function handleStatic(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  root: string,
): Promise<void> {
  const reference = pathname === '/' ? '/index.html' : pathname;
  const file = await resolveSafeFile(root, reference);
  const contentType = file === null ? null : rendererContentType(file);
  if (file === null || contentType === null) {
    sendError(response, 404, 'not found');
    return;
  }
  // Bundled assets carry a content hash in their names; the page itself must always be fresh.
  const cacheControl = reference.startsWith('/assets/')
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
  await sendFile(request, response, file, contentType, cacheControl);
}
