import type { CustomScheme } from 'electron';
import { ASSET_SCHEME } from '@shared/ipc-channels';
import type { LibraryService } from '../core/library-service';
import { readPostImage } from './post-image-file';

/**
 * The `accord-asset:` protocol: post images, served only from inside the open folder.
 * Addresses look like `accord-asset://post/?id=<post id>&src=<src as written>` (built by the
 * preload's `assetUrl`). Which files may be served is decided by {@link readPostImage}; anything
 * else is a plain 404.
 */

/** Registered before `app.ready`: a standard, secure scheme that `fetch()` cannot use. */
export const ASSET_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: ASSET_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: false,
    corsEnabled: false,
    stream: false,
  },
};

/** The host part of every asset address. */
export const ASSET_HOST = 'post';

/** Answers one `accord-asset:` request. */
export type AssetRequestHandler = (request: Request) => Promise<Response>;

/** `currentLibrary` returns the open library, or `null` while none is open. */
export function createAssetRequestHandler(
  currentLibrary: () => LibraryService | null,
): AssetRequestHandler {
  return async (request) => {
    if (request.method !== 'GET') return notFound();
    const target = parseAssetUrl(request.url);
    const library = currentLibrary();
    if (!target || !library) return notFound();
    const image = await readPostImage(library, target.postId, target.src);
    if (!image) return notFound();
    return new Response(new Uint8Array(image.bytes), {
      status: 200,
      headers: {
        'Content-Type': image.contentType,
        'Content-Length': String(image.bytes.byteLength),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}

/** The post id and image `src` of an asset address, or `null` if it is not one. */
export function parseAssetUrl(url: string): { postId: string; src: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${ASSET_SCHEME}:` || parsed.hostname !== ASSET_HOST) return null;
  if (parsed.pathname !== '/' && parsed.pathname !== '') return null;
  const postId = parsed.searchParams.get('id');
  const src = parsed.searchParams.get('src');
  if (!postId || !src || postId.includes('\0') || src.includes('\0')) return null;
  return { postId, src };
}

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}
