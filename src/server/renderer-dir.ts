import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built renderer (`out/renderer/`), found by walking up from this module: the same code runs
 * from `src/server/` under the test runner and from `out/main/` once bundled. `ACCORD_RENDERER_DIR`
 * overrides it (a packaged app keeps the renderer elsewhere). Throws one line if it is not built.
 */
export function rendererDir(): string {
  const override = process.env.ACCORD_RENDERER_DIR;
  if (override) {
    if (existsSync(join(override, 'index.html'))) return override;
    throw new Error(`serve: ACCORD_RENDERER_DIR (${override}) has no index.html`);
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error('serve: the reader is not built; run `npx electron-vite build` first');
    }
    dir = parent;
  }
}
