import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A JSON answer; API answers are per-request state, never cached. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body ?? null);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
  });
  response.end(payload);
}

/** A one-line JSON error, `{ "error": "serve: …" }`, which the browser client shows as is. */
export function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  sendJson(response, status, { error: `serve: ${message}`.replace(/\s+/g, ' ') });
}

/** `405 Method Not Allowed` with the `Allow` header listing what the route takes. */
export function sendMethodNotAllowed(response: ServerResponse, allow: readonly string[]): void {
  sendError(response, 405, `method not allowed (use ${allow.join(' or ')})`, {
    Allow: allow.join(', '),
  });
}

/**
 * Streams a file the caller has already vetted. HEAD gets the headers only. The size comes from
 * the same `stat` the body is read after, so a file being rewritten yields a short body at worst.
 */
export async function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  contentType: string,
  cacheControl: string,
): Promise<void> {
  const { size } = await stat(path);
  response.writeHead(200, {
    'Content-Type': contentType,
    'Content-Length': size,
    'Cache-Control': cacheControl,
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(path);
    stream.on('error', () => {
      response.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(response);
  });
}

/** Largest JSON body the API reads; a filter is a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Reads a request body up to {@link MAX_BODY_BYTES}; `null` if it is longer. */
export async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    length += buffer.length;
    if (length > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
