/** Where index caches live on this machine. */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_FOLDER = 'accord-reader';

/**
 * `$ACCORD_CACHE_DIR`, else the OS cache directory + `accord-reader`
 * (`~/.cache`, `~/Library/Caches`, `%LOCALAPPDATA%`).
 */
export function defaultCacheRoot(): string {
  if (process.env.ACCORD_CACHE_DIR) return process.env.ACCORD_CACHE_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', APP_FOLDER);
  if (process.platform === 'win32') {
    return join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), APP_FOLDER);
  }
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), APP_FOLDER);
}

/** One sub-folder per posts folder, named by a hash of its real path. */
export function cacheDirectoryFor(cacheRoot: string, folderRealPath: string): string {
  const key = createHash('sha256').update(folderRealPath).digest('hex').slice(0, 24);
  return join(cacheRoot, key);
}
