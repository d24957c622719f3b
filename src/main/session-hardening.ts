import type { Session } from 'electron';

/**
 * The policy of the renderer page, sent as a header as well as in `index.html`'s meta tag (which
 * repeats all of it but `frame-ancestors`, ignored in a meta policy): a header cannot be removed
 * by markup that gets into the page, and it also covers responses that have no meta tag.
 */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: accord-asset:; " +
  "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
  "object-src 'none'";

export interface SessionPolicy {
  /** Addresses the app may load besides its own files and assets: the dev server, in development. */
  readonly allowedOrigins: readonly string[];
  /** The Content-Security-Policy header for documents. */
  readonly contentSecurityPolicy: string;
}

/** Schemes the app's own content uses. Nothing is ever fetched from the network. */
const LOCAL_SCHEMES = new Set(['file:', 'accord-asset:', 'data:', 'devtools:']);

/**
 * Locks a session down: every permission request and check is denied (the reader needs none:
 * no camera, notifications, geolocation, clipboard reads, HID, serial…), every request to the
 * network is cancelled, and documents get the CSP header.
 */
export function hardenSession(session: Session, policy: SessionPolicy): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);

  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, policy.allowedOrigins) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') {
      callback({});
      return;
    }
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [policy.contentSecurityPolicy];
    callback({ responseHeaders: headers });
  });
}

/** True for the app's own schemes and the allowed origins (the dev server and its websocket). */
export function isAllowedRequest(url: string, allowedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  const origin = parsed.protocol === 'ws:' ? `http://${parsed.host}` : parsed.origin;
  return allowedOrigins.includes(origin);
}
