/**
 * Wraps an asynchronous function so that at most one call runs at a time and, of the calls made
 * while one runs, only the latest runs next. The calls it replaced never settle: their callers
 * have moved on.
 *
 * For the timeline's first page while typing: every key asks a new question, and the server
 * answers them in order, so answering the stale ones in between would only delay the answer to
 * the one the reader is waiting for (measured at 10,000 posts: the last key's rows arrived up to
 * 250 ms later behind the questions for "n", "ne", "net"…).
 *
 * @example
 * const query = latestOnly((filter: PostFilter) => api.query(filter));
 * query({ query: 'sec' }); // runs
 * query({ query: 'secu' }); // replaced before it ran: never settles
 * query({ query: 'security' }); // runs once the first answer is in
 */
export function latestOnly<A extends unknown[], R>(
  run: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  let running = false;
  let waiting: { args: A; resolve: (value: R) => void; reject: (reason: unknown) => void } | null =
    null;
  const start = (args: A, resolve: (value: R) => void, reject: (reason: unknown) => void) => {
    running = true;
    run(...args)
      .then(resolve, reject)
      .finally(() => {
        running = false;
        const next = waiting;
        waiting = null;
        if (next) start(next.args, next.resolve, next.reject);
      });
  };
  return (...args) =>
    new Promise<R>((resolve, reject) => {
      if (running) waiting = { args, resolve, reject };
      else start(args, resolve, reject);
    });
}
