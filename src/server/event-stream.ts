import type { ServerResponse } from 'node:http';
import type { IndexStatus, PostsChangedEvent } from '@shared/library-events';
import type { LibraryService } from '../core/library-service';

/** Event names on `GET /api/events`; the browser client listens for exactly these. */
export const SERVER_EVENT = { status: 'status', posts: 'posts' } as const;

/** Comment lines keep proxies and the browser from timing out an idle stream. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

/**
 * Fans the library's change notifications out to every open server-sent-events stream. One
 * subscription to the library serves all streams; each stream is dropped as soon as its
 * connection closes, and {@link EventStreamHub.closeAll} ends them all at shutdown.
 */
export class EventStreamHub {
  private readonly streams = new Set<ServerResponse>();
  private readonly unsubscribes: Array<() => void>;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly library: LibraryService,
    heartbeatMs: number = DEFAULT_HEARTBEAT_MS,
  ) {
    this.unsubscribes = [
      library.onDidChangeStatus((status: IndexStatus) =>
        this.broadcast(SERVER_EVENT.status, status),
      ),
      library.onDidChangePosts((event: PostsChangedEvent) =>
        this.broadcast(SERVER_EVENT.posts, event),
      ),
    ];
    this.heartbeat = setInterval(() => this.writeAll(': heartbeat\n\n'), heartbeatMs);
    // The heartbeat alone must not keep the process alive once the server has closed.
    this.heartbeat.unref();
  }

  /** Number of open streams (for tests and diagnostics). */
  get size(): number {
    return this.streams.size;
  }

  /**
   * Turns `response` into an event stream. The current status goes out at once, so a client that
   * reconnects after a drop catches up on the generation it missed.
   */
  open(response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write('retry: 2000\n\n');
    this.streams.add(response);
    response.on('close', () => this.streams.delete(response));
    response.write(formatEvent(SERVER_EVENT.status, this.library.status()));
  }

  /** Ends every stream and stops listening to the library. */
  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }

  private broadcast(name: string, data: unknown): void {
    this.writeAll(formatEvent(name, data));
  }

  private writeAll(chunk: string): void {
    for (const stream of this.streams) {
      if (!stream.writableEnded) stream.write(chunk);
    }
  }
}

/** One named server-sent event. JSON never contains a raw newline, so one `data:` line is enough. */
export function formatEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
