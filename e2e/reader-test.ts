import { resolve } from 'node:path';
import {
  _electron,
  expect,
  test as base,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { findElectronBinary } from '../src/cli/electron-binary';
import { startAccordServe, type AccordServe } from './support/accord-serve';
import {
  copyCorpus,
  digestSnapshot,
  makeTempDir,
  removeDir,
  snapshotFolder,
  type CorpusName,
} from './support/corpus';
import { watchForeignRequests } from './support/network-guard';
import { ReaderPage } from './pages/reader-page';

export type Shell = 'browser' | 'electron';

/** Set per project in `playwright.config.ts`. */
export interface ShellOption {
  shell: Shell;
}

/** Set per spec with `test.use(…)`. */
interface ReaderOptions {
  /** Which corpus the temp folder is a copy of. */
  corpus: CorpusName;
}

interface ReaderFixtures {
  /** Skips the test before anything starts when its shell cannot run here. */
  shellAvailable: void;
  /** The temp copy of the corpus the app reads; byte-identical before and after the test. */
  postsFolder: string;
  /**
   * Paths (relative, forward slashes; a trailing `/` means "everything below") the test itself
   * changes. They are left out of the byte-identity check; every other file must be unchanged.
   */
  expectedFolderChanges: Set<string>;
  /** The running `accord serve` (browser shell only). */
  server: AccordServe | null;
  /**
   * The desktop app's main process (electron shell only), for what a person would do in a native
   * dialog, which a page cannot reach.
   */
  electronApp: ElectronApplication | null;
  /** The reader, loaded and ready, in whichever shell the project runs. */
  app: ReaderPage;
}

export const ELECTRON_MISSING = 'Electron binary not installed (npx install-electron)';

export const test = base.extend<ReaderFixtures & ReaderOptions & ShellOption>({
  shell: ['browser', { option: true }],
  corpus: ['sample', { option: true }],

  shellAvailable: [
    async ({ shell }, use, testInfo) => {
      testInfo.skip(shell === 'electron' && findElectronBinary() === null, ELECTRON_MISSING);
      await use();
    },
    // Automatic fixtures are set up first, so a skipped test never starts a browser or server.
    { auto: true },
  ],

  // Playwright's fixture signature needs the (empty) destructuring.
  // eslint-disable-next-line no-empty-pattern
  expectedFolderChanges: async ({}, use) => {
    await use(new Set());
  },

  postsFolder: async ({ corpus, expectedFolderChanges }, use) => {
    const folder = await copyCorpus(corpus);
    const before = await snapshotFolder(folder);
    await use(folder);
    const after = await snapshotFolder(folder);
    await removeDir(resolve(folder, '..'));
    // The test may declare the paths it changes itself only after the first snapshot.
    const ignore = (path: string): boolean => isExpectedChange(expectedFolderChanges, path);
    expect(
      digestSnapshot(after, ignore),
      'the posts folder must be byte-identical after the test',
    ).toBe(digestSnapshot(before, ignore));
  },

  server: async ({ shell, postsFolder }, use) => {
    if (shell !== 'browser') {
      await use(null);
      return;
    }
    const cacheDir = await makeTempDir('cache');
    const server = await startAccordServe({ folder: postsFolder, cacheDir });
    try {
      await use(server);
    } finally {
      const code = await server.stop();
      await removeDir(cacheDir);
      expect(code, `accord serve must exit cleanly on SIGTERM\n${server.stderr()}`).toBe(0);
    }
  },

  electronApp: async ({ shell, postsFolder, timezoneId }, use) => {
    if (shell !== 'electron') {
      await use(null);
      return;
    }
    const userData = await makeTempDir('user-data');
    const electronApp = await _electron.launch({
      executablePath: findElectronBinary()!,
      // The app folder, then the posts folder as a positional argument (see
      // `src/main/command-line-folder.ts`). Root in a container has no sandbox namespace.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), resolve('.'), postsFolder],
      env: {
        ...(process.env as Record<string, string>),
        ACCORD_USER_DATA_DIR: userData,
        ACCORD_CACHE_DIR: resolve(userData, 'cache'),
        // The browser shell gets its time zone from the context; Electron from the process.
        TZ: timezoneId ?? process.env.TZ ?? 'UTC',
      },
    });
    try {
      await use(electronApp);
    } finally {
      await electronApp.close();
      await removeDir(userData);
    }
  },

  app: async ({ shell, server, electronApp, page }, use) => {
    if (shell === 'browser') {
      const foreign = watchForeignRequests(page.context(), server!.origin);
      await page.goto(server!.url);
      const app = new ReaderPage(page, 'browser');
      await app.waitUntilReady();
      await waitUntilIndexed(app, server!);
      await use(app);
      expect(foreign(), 'no request may leave 127.0.0.1').toEqual([]);
      return;
    }
    const foreign = watchForeignRequests(electronApp!.context());
    const window: Page = await electronApp!.firstWindow();
    await window.setViewportSize({ width: 1280, height: 800 });
    const app = new ReaderPage(window, 'electron');
    await app.waitUntilReady();
    await expect(window.getByRole('progressbar')).toHaveCount(0, { timeout: 30_000 });
    await use(app);
    expect(foreign(), 'no request may leave the machine').toEqual([]);
  },
});

/**
 * `data-ready` means "a first result is on screen", which may be the empty answer given while
 * the first index still runs. Journeys start from the indexed folder: wait until the server
 * says the index is ready and the page shows that generation (or a newer one).
 */
async function waitUntilIndexed(app: ReaderPage, server: AccordServe): Promise<void> {
  let generation = 0;
  await expect
    .poll(
      async () => {
        const response = await app.page.request.post(`${server.origin}/api/getStatus`, {
          headers: { 'x-accord-token': server.token },
          data: {},
        });
        const status = (await response.json()) as { state: string; generation: number };
        generation = status.generation;
        return status.state;
      },
      { timeout: 30_000, message: 'the first index of the posts folder' },
    )
    .toBe('ready');
  await expect
    .poll(() => app.generation(), { timeout: 30_000, message: 'the indexed result on screen' })
    .toBeGreaterThanOrEqual(generation);
}

/** Journeys that only make sense against `accord serve` skip themselves in the desktop shell. */
export function browserShellOnly(shell: Shell): void {
  test.skip(shell !== 'browser', 'only the browser shell has an HTTP server');
}

function isExpectedChange(changes: ReadonlySet<string>, path: string): boolean {
  for (const change of changes) {
    if (change.endsWith('/') ? path.startsWith(change) : path === change) return true;
  }
  return false;
}

export { expect };
