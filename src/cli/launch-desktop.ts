/**
 * `npm start`: launches the desktop app with the locally installed Electron binary.
 *
 * On a machine that cannot download Electron we stop at once with one clear message.
 */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, MISSING_ELECTRON_MESSAGE } from './electron-binary';

function main(): void {
  const binary = findElectronBinary();
  if (!binary) {
    process.stderr.write(MISSING_ELECTRON_MESSAGE + '\n');
    process.exit(1);
  }
  const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const child = spawn(binary, [appDir, ...process.argv.slice(2)], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
