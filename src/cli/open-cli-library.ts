/**
 * Opens the folder for one command: no watching, a progress line on stderr when indexing takes
 * more than a second, and a one-line problem when the folder cannot be read.
 */
import { resolve } from 'node:path';
import { bundledPostsDir } from '../core/resource-paths';
import { openLibrary } from '../core/library';
import type { LibraryService } from '../core/library-service';
import { CommandProblem } from './cli-error';

const PROGRESS_DELAY_MS = 1000;
const numberFormat = new Intl.NumberFormat('en-US');

/** The parsed `FOLDER_OPTIONS` values every library command shares. */
export interface CliLibraryOptions {
  readonly folder?: string;
  readonly 'cache-dir'?: string;
  readonly aliases?: string;
}

/** The library for `--folder` (default: the bundled sample), indexed and ready. */
export async function openCliLibrary(options: CliLibraryOptions): Promise<LibraryService> {
  const folder = resolve(options.folder ?? bundledPostsDir());
  const startedAt = Date.now();
  let lastLine = 0;
  let shown = false;
  const interactive = process.stderr.isTTY === true;
  const library = await openLibrary({
    folder,
    watch: false,
    ...(options['cache-dir'] !== undefined ? { cacheDir: resolve(options['cache-dir']) } : {}),
    ...(options.aliases !== undefined ? { aliasesFile: resolve(options.aliases) } : {}),
    onProgress: (indexed, total) => {
      const now = Date.now();
      if (now - startedAt < PROGRESS_DELAY_MS || (now - lastLine < 250 && indexed < total)) return;
      if (!interactive && now - lastLine < 1000 && indexed < total) return;
      lastLine = now;
      shown = true;
      const line = `Indexing ${numberFormat.format(indexed)} of ${numberFormat.format(total)}…`;
      process.stderr.write(interactive ? `\r${line}\u001b[K` : `${line}\n`);
    },
  });
  await library.whenReady();
  if (shown && interactive) process.stderr.write('\r\u001b[K');
  const status = library.status();
  if (status.state === 'missing' || status.state === 'error') {
    await library.close();
    throw new CommandProblem(
      status.state === 'missing'
        ? `folder not found: ${folder}`
        : (status.message ?? `cannot read ${folder}`).replace(/^library: /, ''),
    );
  }
  return library;
}
