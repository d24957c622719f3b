/** The renderer's source folder (`src/renderer/src/`), as a `file:` address. */
const SOURCE_ROOT = import.meta.url.replace(/test\/read-source\.ts(?:\?.*)?$/, '');

/**
 * The text of a renderer source file, by its path under `src/renderer/src/` ("styles/app.css"),
 * for tests that hold the code and a stylesheet to each other. Vitest hands
 * `import css from './x.css?raw'` back empty (it does not process CSS), and the renderer's type
 * settings have no Node types, hence the untyped dynamic import.
 */
export async function readSource(path: string): Promise<string> {
  const specifier = 'node:fs/promises';
  const fs = (await import(/* @vite-ignore */ specifier)) as {
    readFile(path: string, encoding: 'utf8'): Promise<string>;
  };
  if (!SOURCE_ROOT.startsWith('file://')) throw new Error(`readSource: not a file: ${SOURCE_ROOT}`);
  return fs.readFile(decodeURIComponent(SOURCE_ROOT.slice('file://'.length) + path), 'utf8');
}
