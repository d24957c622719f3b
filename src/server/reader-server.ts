import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LibraryService } from '../core/library-service';
import { createAccessToken, tokensMatch } from './access-token';
import { handleApiCall } from './api-route';
import { isApiMethod } from './api-requests';
import { handleAsset } from './asset-route';
import { EventStreamHub } from './event-stream';
import { allowedHosts, isLoopbackHost, isWildcardHost } from './host-check';
import { sendError, sendMethodNotAllowed } from './http-responses';
import { rendererDir } from './renderer-dir';
import { applySecurityHeaders } from './security-headers';
import { handleStatic } from './static-route';

/** The port `accord serve` uses unless told otherwise: a stable origin keeps localStorage. */
export const DEFAULT_PORT = 4817;

/** Header carrying the access token on API calls that can set headers. */
export const TOKEN_HEADER = 'x-accord-token';

export interface ReaderServerOptions {
  /**
   * The open folder. A promise lets the caller bind the port first (and fail fast when it is
   * taken) while the library opens; requests wait for it.
   */
  readonly library: LibraryService | Promise<LibraryService>;
  /** Interface to bind; default `127.0.0.1`. */
  readonly host?: string;
  /** Default {@link DEFAULT_PORT}; `0` picks a free port. */
  readonly port?: number;
  /** Default: a fresh random token. */
  readonly token?: string;
  /** Default: the built renderer found by {@link rendererDir}. */
  readonly rendererDir?: string;
  /** Interval of the event stream's keep-alive comments. */
  readonly heartbeatMs?: number;
}

export interface ReaderServer {
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** The address to open: loopback, with the token in the fragment (never sent to the server). */
  readonly url: string;
  /** Open event streams, for diagnostics and tests. */
  readonly openStreams: number;
  /**
   * Ends the event streams and stops listening. Does not close the library (its opener owns it).
   */
  close(): Promise<void>;
}

/**
 * Serves the reader over HTTP: the built page, and the `ReaderApi` as JSON calls, server-sent
 * events and images. Every `/api/*` request needs the per-run token; every request needs a
 * loopback `Host` header. Rejects (with the `listen` error) if the port cannot be bound.
 */
export async function startReaderServer(options: ReaderServerOptions): Promise<ReaderServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? createAccessToken();
  const root = options.rendererDir ?? rendererDir();
  let hub: EventStreamHub | null = null;
  let closed = false;
  const ready = Promise.resolve(options.library).then((library) => {
    if (!closed) hub = new EventStreamHub(library, options.heartbeatMs);
    return library;
  });
  // A library that fails to open is reported by whoever opened it; requests then answer 500.
  ready.catch(() => undefined);
  let hosts: ReadonlySet<string> = new Set();

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`serve: ${request.method} ${request.url}: ${message}\n`);
      if (!response.headersSent) sendError(response, 500, message);
      else response.destroy();
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    applySecurityHeaders(response);
    const hostHeader = (request.headers.host ?? '').toLowerCase();
    if (!hosts.has(hostHeader)) {
      sendError(response, 421, 'this server answers only to its loopback address');
      return;
    }
    const target = request.url ?? '';
    if (!target.startsWith('/')) {
      sendError(response, 400, 'malformed request target');
      return;
    }
    // Prefixing a fixed origin keeps `//other-host/x` a path instead of an authority.
    const url = new URL(`http://localhost${target}`);
    const method = request.method ?? 'GET';
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    if (!isApi) {
      if (method !== 'GET' && method !== 'HEAD') return sendMethodNotAllowed(response, ['GET']);
      return handleStatic(request, response, url.pathname, root);
    }
    const name = url.pathname.slice('/api/'.length);
    const isCall = isApiMethod(name);
    const allowed = isCall ? ['POST'] : ['GET', 'HEAD'];
    if (!allowed.includes(method)) return sendMethodNotAllowed(response, allowed);
    const presented = request.headers[TOKEN_HEADER] ?? url.searchParams.get('token');
    if (!tokensMatch(Array.isArray(presented) ? presented[0] : presented, token)) {
      sendError(
        response,
        401,
        'missing or wrong access token; open the address accord serve printed',
      );
      return;
    }
    const library = await ready;
    if (isCall) return handleApiCall(name, request, response, library);
    if (name === 'events' && method === 'GET') {
      if (hub) return hub.open(response);
      return sendError(response, 503, 'the server is shutting down');
    }
    if (name === 'asset') return handleAsset(request, response, url.searchParams, library);
    sendError(response, 404, `no API route ${url.pathname}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  hosts = allowedHosts(port, host);
  const browserHost =
    isLoopbackHost(host) || isWildcardHost(host)
      ? '127.0.0.1'
      : host.includes(':')
        ? `[${host}]`
        : host;

  return {
    host,
    port,
    token,
    url: `http://${browserHost}:${port}/#token=${token}`,
    get openStreams() {
      return hub?.size ?? 0;
    },
    close: () => {
      closed = true;
      return closeServer(server, hub);
    },
  };
}

async function closeServer(server: Server, hub: EventStreamHub | null): Promise<void> {
  hub?.closeAll();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Idle keep-alive sockets would otherwise hold `close` open for seconds.
  server.closeIdleConnections();
  await closed;
}
