import { ASSET_SCHEME } from '@shared/ipc-channels';

/**
 * `ReaderApi.assetUrl` in the desktop app: an `accord-asset:` address for an image of a post.
 * Pure and synchronous — the main process decides on each request whether the file may be served.
 */
export function desktopAssetUrl(postId: string, src: string): string {
  const query = new URLSearchParams({ id: postId, src });
  return `${ASSET_SCHEME}://post/?${query.toString()}`;
}
