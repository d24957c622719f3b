import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The built command line; the suite runs what a person runs. */
export const ACCORD_CLI = resolve('out/main/accord.js');

/** The one line `accord serve` prints once listening. */
const SERVING_LINE =
  /^Accord Reader is serving (.+) at (http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43}))$/m;

export interface ServeOptions {
  readonly folder: string;
  readonly cacheDir: string;
  readonly extraArgs?: readonly string[];
}

/** A running `accord serve`. */
export interface AccordServe {
  /** The address it printed, token included. */
  readonly url: string;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly folder: string;
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `accord serve --port 0` on `folder` and resolves once it prints its address. Rejects
 * with its stderr if it exits first or says nothing within `timeoutMs`.
 */
export function startAccordServe(options: ServeOptions, timeoutMs = 30_000): Promise<AccordServe> {
  const child = spawn(
    process.execPath,
    [
      ACCORD_CLI,
      'serve',
      '--folder',
      options.folder,
      '--port',
      '0',
      '--cache-dir',
      options.cacheDir,
      ...(options.extraArgs ?? []),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ACCORD_CACHE_DIR: options.cacheDir },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));

  return new Promise((resolveServe, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`e2e: accord serve printed no address within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`e2e: accord serve exited (${code}) before listening\n${stderr}`));
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = SERVING_LINE.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      const [, folder, url, port, token] = match as unknown as [
        string,
        string,
        string,
        string,
        string,
      ];
      resolveServe({
        url,
        origin: `http://127.0.0.1:${port}`,
        port: Number(port),
        token,
        folder,
        stderr: () => stderr,
        stop: () => stopChild(child, exited),
      });
    });
  });
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<number | null>,
): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((done) =>
    setTimeout(() => done('timeout'), 10_000).unref(),
  );
  const outcome = await Promise.race([exited, timeout]);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    throw new Error('e2e: accord serve did not exit within 10 s of SIGTERM');
  }
  return outcome;
}
