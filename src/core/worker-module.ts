/**
 * Starts the library's worker threads from their own modules, the same way under the test runner
 * (TypeScript source next to this file) and once bundled (`out/main/<name>.js`).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The worker entry points; each is an input of the main build in `electron.vite.config.ts`. */
export type WorkerModuleName = 'shard-worker' | 'folder-watcher-worker';

/** Where worker module `name` is: `.ts` next to this file under the test runner, `.js` once bundled. */
export function workerModuleUrl(name: WorkerModuleName): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL(`./${name}.ts`, here);
  // The bundler may put this code in a chunk one folder below the entry points.
  for (const candidate of [`./${name}.js`, `../${name}.js`]) {
    const url = new URL(candidate, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error(`library: cannot find the worker module ${name}.js`);
}

/** A new worker running module `name`. */
export function startWorker(name: WorkerModuleName, options: WorkerOptions): Worker {
  const url = workerModuleUrl(name);
  return url.pathname.endsWith('.ts')
    ? new Worker(typeScriptBootstrap(url), { ...options, eval: true })
    : new Worker(url, options);
}

/**
 * Under the test runner the worker is TypeScript source. `execArgv: ['--import', 'tsx']` is not
 * enough on Node 20 (the hooks are not applied to the worker's entry module), so a two-line
 * bootstrap registers tsx inside the worker and then imports the source.
 */
function typeScriptBootstrap(url: URL): string {
  // The ESM build of tsx's API, found through its package manifest (the CommonJS build cannot
  // register hooks from inside a worker).
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const apiPath = join(dirname(manifestPath), manifest.exports['./esm/api']!.import.default);
  const tsxApi = pathToFileURL(apiPath).href;
  return `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
}
