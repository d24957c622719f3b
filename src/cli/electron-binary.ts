/**
 * Finds the Electron binary without triggering Electron 45's lazy download (requiring the
 * `electron` package would try to fetch it and fail with a stack trace when offline).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Absolute path of the Electron executable, or null when it is not installed. */
export function findElectronBinary(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const candidate = join(override, relative ?? 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const binary = join(packageDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

export const MISSING_ELECTRON_MESSAGE = [
  'accord: the Electron binary is not installed, so the desktop app cannot start.',
  '  Install it with:  npx install-electron   (needs internet access once)',
  '  Or read the same folder in your browser:  npm run serve',
].join('\n');
