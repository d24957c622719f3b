import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The app's `resources/` folder (bundled sample posts, the area alias table).
 *
 * Found by walking up from this module, because the same code runs from `src/core/` under the test
 * runner and from `out/main/` (or a chunk below it) once bundled. `ACCORD_RESOURCES_DIR` overrides
 * it, which the packaged desktop app uses (`process.resourcesPath`).
 */
export function resourcesDir(): string {
  if (process.env.ACCORD_RESOURCES_DIR) return process.env.ACCORD_RESOURCES_DIR;
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'posts'))) return (cached = candidate);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('resources: cannot find the resources folder');
    dir = parent;
  }
}

/** The bundled sample folder the app opens on first run. */
export function bundledPostsDir(): string {
  return join(resourcesDir(), 'posts');
}
