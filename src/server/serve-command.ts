import { bundledPostsDir } from '../core/resource-paths';
import { openLibrary } from '../core/library';
import type { LibraryService } from '../core/library-service';
import { isLoopbackHost } from './host-check';
import { openInBrowser } from './open-browser';
import { startReaderServer, type ReaderServer } from './reader-server';
import { parseServeOptions, SERVE_USAGE, type ServeOptions } from './serve-options';

/**
 * Runs `accord serve` with its own arguments (after `serve`); resolves to the exit code once the
 * server has shut down (Ctrl-C or SIGTERM: 0), or at once if it could not start (1; bad
 * arguments: 2). Prints exactly one line to stdout once listening: the address to open.
 */
export async function runServeCommand(args: readonly string[]): Promise<number> {
  let options: ServeOptions;
  try {
    options = parseServeOptions(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(SERVE_USAGE);
    return 0;
  }
  if (!isLoopbackHost(options.host)) {
    process.stderr.write(
      `serve: warning: listening on ${options.host}; anyone who can reach it and learns the token can read the folder\n`,
    );
  }

  const folder = options.folder ?? bundledPostsDir();
  // Bind before opening the library: a taken port is reported at once, with no indexing started.
  let startOpening!: () => void;
  const opening = new Promise<LibraryService>((resolve) => {
    startOpening = () =>
      resolve(
        openLibrary({
          folder,
          cacheDir: options.cacheDir,
          aliasesFile: options.aliasesFile,
          watch: true,
        }),
      );
  });
  let server: ReaderServer;
  try {
    server = await startReaderServer({ library: opening, host: options.host, port: options.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${options.port} is already in use (try --port 0 for a free one)`
        : oneLine(error);
    process.stderr.write(`serve: cannot listen on ${options.host}:${options.port}: ${reason}\n`);
    return 1;
  }
  startOpening();

  let library: LibraryService;
  try {
    library = await opening;
  } catch (error) {
    await server.close();
    process.stderr.write(`serve: cannot open ${folder}: ${oneLine(error)}\n`);
    return 1;
  }

  process.stdout.write(`Accord Reader is serving ${folder} at ${server.url}\n`);
  const removeOpenPage = options.open ? await openInBrowser(server.url) : null;

  await untilStopSignal();
  await server.close();
  await library.close();
  await removeOpenPage?.();
  return 0;
}

/** Resolves on the first Ctrl-C or SIGTERM, then stops intercepting them. */
function untilStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
}
