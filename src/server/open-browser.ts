import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeHtml } from '../core/render/html-escape';

/**
 * Opens `url` (which carries the secret token) in the system browser, best effort: a machine
 * without a desktop simply keeps the printed address. Never throws; says on stderr when it could
 * not.
 *
 * The browser is not handed the address itself: a command line is readable by every user of the
 * machine (`/proc/<pid>/cmdline`, `ps`), and the token is what keeps them out. Like Jupyter, it
 * is handed a page in a folder only this user can read, which sends the browser on to the address.
 *
 * @returns removes that page; call it when the server stops.
 */
export async function openInBrowser(url: string): Promise<() => Promise<void>> {
  let folder: string;
  let page: string;
  try {
    folder = await mkdtemp(join(tmpdir(), 'accord-open-'));
    page = join(folder, 'open.html');
    await writeFile(page, redirectPage(url), { mode: 0o600 });
  } catch (error) {
    process.stderr.write(
      `serve: could not prepare a page for the browser (${(error as Error).message}); open the address yourself\n`,
    );
    return async () => undefined;
  }
  launch(pathToFileURL(page).href);
  return () => rm(folder, { recursive: true, force: true });
}

function redirectPage(url: string): string {
  const address = escapeHtml(url);
  return [
    '<!doctype html>',
    '<meta charset="utf-8">',
    `<meta http-equiv="refresh" content="0;url=${address}">`,
    '<title>Accord Reader</title>',
    `<p>Opening Accord Reader… If nothing happens, <a href="${address}">open it here</a>.</p>`,
    '',
  ].join('\n');
}

function launch(target: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [target]]
      : process.platform === 'win32'
        ? // `start` is a shell built-in; the empty string is the window title it expects first.
          ['cmd', ['/c', 'start', '""', target.replaceAll('&', '^&')]]
        : ['xdg-open', [target]];
  const complain = () =>
    process.stderr.write(
      `serve: could not open a browser (${command}); open the address yourself\n`,
    );
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', complain);
    child.unref();
  } catch {
    complain();
  }
}
