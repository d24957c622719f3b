import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PORT } from './reader-server';

/** What `accord serve` was asked to do. */
export interface ServeOptions {
  /** Absolute path of the posts folder, or `null` for the bundled sample. */
  readonly folder: string | null;
  readonly port: number;
  readonly host: string;
  readonly open: boolean;
  /** `undefined`: the library's default (`$ACCORD_CACHE_DIR`, else the OS cache folder). */
  readonly cacheDir: string | undefined;
  /** A user's extra area alias table (JSON object: alias → canonical name). */
  readonly aliasesFile: string | undefined;
  readonly help: boolean;
}

export const SERVE_USAGE = `Usage: accord serve [--folder DIR] [--port N] [--host H] [--open] [--cache-dir DIR] [--aliases FILE]

Opens the reader in your browser, at an address only this machine can reach.

Options:
  --folder DIR     The posts folder (default: the bundled sample)
  --port N         Port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H         Interface to bind (default 127.0.0.1; anything else is reachable by others)
  --open           Open the address in the system browser
  --cache-dir DIR  Where the index cache lives (default: $ACCORD_CACHE_DIR or the OS cache folder)
  --aliases FILE   Extra area aliases: a JSON object of "alias": "Canonical Name"
  -h, --help       Show this help
`;

/** Parses `accord serve`'s arguments; throws one line (prefixed `serve:`) when they are wrong. */
export function parseServeOptions(args: readonly string[]): ServeOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        folder: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        open: { type: 'boolean', default: false },
        'cache-dir': { type: 'string' },
        aliases: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new Error(`serve: ${(error as Error).message}`);
  }
  return {
    folder: values.folder === undefined ? null : resolve(values.folder),
    port: values.port === undefined ? DEFAULT_PORT : parsePort(values.port),
    host: values.host ?? '127.0.0.1',
    open: values.open,
    cacheDir: values['cache-dir'] === undefined ? undefined : resolve(values['cache-dir']),
    aliasesFile: values.aliases === undefined ? undefined : resolve(values.aliases),
    help: values.help,
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new Error(`serve: --port must be a number from 0 to 65535, not "${text}"`);
  }
  return port;
}
