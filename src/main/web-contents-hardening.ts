import type { WebContents } from 'electron';
import { parseExternalUrl } from './external-url';

/**
 * Applied to every webContents the app ever creates (from `app.on('web-contents-created')`), so
 * no window — the main one, the print window, or one created by a future feature — can open new
 * windows, navigate away from its document, or embed a `<webview>`.
 */
export function hardenWebContents(
  contents: WebContents,
  openExternal: (url: string) => void,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    // `target=_blank` links and `window.open`: never a new Electron window. A plain web or mail
    // address goes to the system's handler; anything else is dropped.
    const external = parseExternalUrl(url);
    if (external) openExternal(external);
    return { action: 'deny' };
  });
  // The page loads once (by `loadURL`/`loadFile`, which do not emit these); any navigation the
  // page itself starts — a link, a form, a dropped file, `location =` — is refused.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
