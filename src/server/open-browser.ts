import { spawn } from 'node:child_process';

/**
 * Opens `url` in the system browser, best effort: a machine without a desktop simply keeps the
 * printed address. Never throws; says on stderr when it could not.
 */
export function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? // `start` is a shell built-in; the empty string is the window title it expects first.
          ['cmd', ['/c', 'start', '""', url.replaceAll('&', '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {
      process.stderr.write(
        `serve: could not open a browser (${command}); open the address yourself\n`,
      );
    });
    child.unref();
  } catch {
    process.stderr.write(
      `serve: could not open a browser (${command}); open the address yourself\n`,
    );
  }
}
