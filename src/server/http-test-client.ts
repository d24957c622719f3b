import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface RawRequest {
  readonly method?: string;
  /** Sent exactly as given (no normalisation of `..` or percent-escapes, unlike `fetch`). */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * One HTTP request to `127.0.0.1:port` with full control over the request line and `Host`, which
 * `fetch` does not allow; for the server's tests.
 */
export function rawRequest(port: number, options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** A server-sent-events stream read event by event, for tests. */
export interface EventStreamReader {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Resolves with the first event (or comment, as `{ comment }`) that satisfies `predicate`. */
  next(predicate: (event: StreamItem) => boolean, timeoutMs?: number): Promise<StreamItem>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

export type StreamItem =
  | { readonly kind: 'event'; readonly name: string; readonly data: unknown }
  | { readonly kind: 'comment'; readonly text: string };

/** Opens `GET path` as an event stream and parses what arrives. */
export function openEventStream(
  port: number,
  path: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<EventStreamReader> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        headers: { host: `127.0.0.1:${port}`, accept: 'text/event-stream', ...headers },
        agent: false,
      },
      (response) => {
        const items: StreamItem[] = [];
        const waiters = new Set<() => void>();
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let boundary: number;
          while ((boundary = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            const item = parseBlock(block);
            if (item) items.push(item);
          }
          for (const wake of waiters) wake();
        });
        const ended = new Promise<void>((done) => response.on('close', done));
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          ended,
          close: () => request.destroy(),
          next: (predicate, timeoutMs = 10_000) =>
            new Promise((found, fail) => {
              const check = (): void => {
                const index = items.findIndex(predicate);
                if (index < 0) return;
                const [item] = items.splice(index, 1);
                waiters.delete(check);
                clearTimeout(timer);
                found(item as StreamItem);
              };
              const timer = setTimeout(() => {
                waiters.delete(check);
                fail(new Error(`event stream: nothing matching within ${timeoutMs} ms`));
              }, timeoutMs);
              waiters.add(check);
              check();
            }),
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

function parseBlock(block: string): StreamItem | null {
  const lines = block.split('\n');
  if (lines.every((line) => line.startsWith(':'))) {
    return { kind: 'comment', text: lines.map((line) => line.slice(1).trim()).join('\n') };
  }
  let name = 'message';
  const data: string[] = [];
  for (const line of lines) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return null;
  return { kind: 'event', name, data: JSON.parse(data.join('\n')) as unknown };
}
