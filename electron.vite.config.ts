import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const shared = resolve(import.meta.dirname, 'src/shared');

/** `npx accord` runs the built file directly, so it must be executable. */
function executableCli(): Plugin {
  return {
    name: 'accord:executable-cli',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (file === 'accord.js') chmodSync(resolve(options.dir ?? 'out/main', file), 0o755);
      }
    },
  };
}

export default defineConfig({
  main: {
    resolve: { alias: { '@shared': shared } },
    plugins: [executableCli()],
    build: {
      outDir: 'out/main',
      // The libraries the workers load are bundled in: a worker resolving and compiling them
      // package by package took twice as long to start (~95 against ~43 ms for the parser).
      externalizeDeps: { exclude: ['chokidar', 'htmlparser2', 'minisearch', 'yaml'] },
      rollupOptions: {
        // Every Node-side entry point is built here, so the desktop shell, the command line,
        // the server and the workers share one bundle of the core library.
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          accord: resolve(import.meta.dirname, 'src/cli/accord.ts'),
          'launch-desktop': resolve(import.meta.dirname, 'src/cli/launch-desktop.ts'),
          'shard-worker': resolve(import.meta.dirname, 'src/core/shard-worker.ts'),
          'folder-watcher-worker': resolve(
            import.meta.dirname,
            'src/core/folder-watcher-worker.ts',
          ),
          bench: resolve(import.meta.dirname, 'src/cli/bench.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: { '@shared': shared } },
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot load modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    // Relative asset paths: the page loads from file:// in Electron and from / in browser mode.
    base: './',
    resolve: { alias: { '@shared': shared } },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
  },
});
