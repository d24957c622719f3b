import { pathToFileURL } from 'node:url';

/**
 * Where the app's own page is loaded from, and whether a frame is that page. IPC handlers and
 * the permission checks trust nothing else: not a subframe, not a page the main window was
 * somehow navigated to, not the hidden print window.
 */
export interface RendererLocation {
  /** What to pass to `loadURL`. */
  readonly url: string;
  /** True if `url` is our page (any hash or query, which the renderer may use for state). */
  isRendererUrl(url: string): boolean;
}

/**
 * `devServerUrl` (electron-vite's `ELECTRON_RENDERER_URL`) is only honoured for an unpackaged
 * app; a packaged app always loads the built file.
 */
export function rendererLocation(options: {
  readonly indexHtmlPath: string;
  readonly devServerUrl?: string | undefined;
  readonly isPackaged: boolean;
}): RendererLocation {
  if (options.devServerUrl && !options.isPackaged) {
    const devOrigin = new URL(options.devServerUrl).origin;
    return {
      url: options.devServerUrl,
      isRendererUrl: (url) => safeUrl(url)?.origin === devOrigin,
    };
  }
  const indexUrl = pathToFileURL(options.indexHtmlPath);
  return {
    url: indexUrl.href,
    isRendererUrl: (url) => {
      const parsed = safeUrl(url);
      return (
        parsed?.protocol === 'file:' &&
        parsed.host === indexUrl.host &&
        parsed.pathname === indexUrl.pathname
      );
    },
  };
}

/** The fields of Electron's `WebFrameMain` the sender check needs. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** True only for the top-level frame showing our own page. */
export function isTrustedSenderFrame(
  frame: SenderFrame | null | undefined,
  location: RendererLocation,
): boolean {
  return frame != null && frame.parent === null && location.isRendererUrl(frame.url);
}

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
