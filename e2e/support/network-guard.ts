import type { BrowserContext } from '@playwright/test';

/** Schemes that never leave the machine. `file:` and `accord-asset:` are the desktop shell's. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:', 'file:', 'accord-asset:', 'devtools:']);

/**
 * Records every request the pages of `context` make to anything but 127.0.0.1 (and, given
 * `origin`, to anything but that server on it). The fixture fails the test if the list is not
 * empty at the end: the reader must work fully offline and never load a post's remote images,
 * scripts or frames.
 */
export function watchForeignRequests(
  context: BrowserContext,
  origin?: string,
): () => readonly string[] {
  const foreign: string[] = [];
  context.on('request', (request) => {
    const address = request.url();
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      foreign.push(address);
      return;
    }
    if (LOCAL_SCHEMES.has(url.protocol)) return;
    if (origin !== undefined ? url.origin === origin : url.hostname === '127.0.0.1') return;
    foreign.push(address);
  });
  return () => foreign;
}
