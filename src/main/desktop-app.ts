import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  session,
  shell,
  type WebContents,
} from 'electron';
import { stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { openLibrary } from '../core/library';
import type { LibraryService } from '../core/library-service';
import type { PostImageResolver } from '../core/render/print-document';
import { bundledPostsDir } from '../core/resource-paths';
import { localIsoDate } from '@shared/display-date';
import {
  ASSET_SCHEME,
  IpcEvent,
  type IpcEventContract,
  type IpcEventName,
} from '@shared/ipc-channels';
import type { IndexStatus } from '@shared/library-events';
import type { MenuCommand } from '@shared/reader-api';
import { chooseAliasesFile } from './aliases-file-choice';
import { showAliasesFileNotice } from './aliases-file-notice';
import { aliasesFileProblem } from './aliases-file-problem';
import { applicationMenuTemplate } from './application-menu';
import { createAssetRequestHandler } from './asset-protocol';
import { aliasesFileFromCommandLine } from './command-line-aliases';
import { folderFromCommandLine } from './command-line-folder';
import { registerIpcHandlers } from './ipc-handlers';
import { LibraryHost } from './library-host';
import { createMainWindow } from './main-window';
import { readPostImage } from './post-image-file';
import { createPdfRenderer } from './print/pdf-renderer';
import { createPrintService, type PrintService } from './print/print-service';
import { createPrintWindow } from './print/print-window';
import { rememberFolder } from './recent-folders';
import { rendererLocation, type RendererLocation } from './renderer-location';
import { RENDERER_CSP, hardenSession } from './session-hardening';
import { showSettingsRecoveryNotice } from './settings-recovery-notice';
import { SettingsStore, type SettingsRecovery } from './settings-store';
import { hardenWebContents } from './web-contents-hardening';

/** Inlined print images above this size are left out (a PDF of hundreds of MB helps nobody). */
const MAX_PRINT_IMAGE_BYTES = 10 * 1024 * 1024;
/** How long quitting waits for the library to close. */
const QUIT_CLOSE_LIMIT_MS = 3000;

/**
 * The desktop shell, once Electron is ready: one window, one open folder, the menu, the IPC
 * handlers, the asset protocol and printing. Everything security-relevant is installed before
 * the first window exists.
 */
export class DesktopApp {
  readonly #location: RendererLocation;
  readonly #settings: SettingsStore;
  readonly #host: LibraryHost;
  readonly #print: PrintService;
  #window: BrowserWindow | null = null;
  /** Whether the window has been shown: until then a notice waits for it. */
  #windowShown = false;
  /** The alias-file problem last reported by an open, so switching folders does not repeat it. */
  #reportedAliasesProblem: string | null = null;

  private constructor(location: RendererLocation, settings: SettingsStore) {
    this.#location = location;
    this.#settings = settings;
    this.#host = new LibraryHost(
      openLibrary,
      {
        status: (status) => this.#sendToPage(IpcEvent.didChangeStatus, status),
        posts: (event) => this.#sendToPage(IpcEvent.didChangePosts, event),
      },
      {
        aliasesFile: settings.current.aliasesFile,
        // A remembered table that has since gone or broken: say so once, open with built-in names.
        onAliasesFileProblem: (problem) => {
          if (problem === this.#reportedAliasesProblem) return;
          this.#reportedAliasesProblem = problem;
          this.#showAliasesProblem(problem);
        },
      },
    );
    this.#print = createPrintService({
      library: () => this.#host.require(),
      askSavePath: async ({ title, defaultPath }) => {
        const options = {
          title,
          defaultPath,
          filters: [{ name: 'PDF document', extensions: ['pdf'] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'] as (
            'createDirectory' | 'showOverwriteConfirmation'
          )[],
        };
        const result = this.#window
          ? await dialog.showSaveDialog(this.#window, options)
          : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      renderPdf: createPdfRenderer(createPrintWindow),
      writeFile: (path, bytes) => writeFile(path, bytes),
      resolveImage: printImageResolver,
      defaultFolder: () => {
        try {
          return app.getPath('documents');
        } catch {
          return homedir();
        }
      },
      today: () => localIsoDate(new Date()),
    });
  }

  /** Installs the app's policies and handlers, opens the window and the first folder. */
  static async start(options: { readonly mainDirectory: string }): Promise<DesktopApp> {
    const location = rendererLocation({
      indexHtmlPath: join(options.mainDirectory, '../renderer/index.html'),
      devServerUrl: process.env.ELECTRON_RENDERER_URL,
      isPackaged: app.isPackaged,
    });
    const devOrigins = location.url.startsWith('file:') ? [] : [new URL(location.url).origin];
    hardenSession(session.defaultSession, {
      allowedOrigins: devOrigins,
      // The dev server injects an inline script (React refresh) and talks over a websocket.
      contentSecurityPolicy:
        devOrigins.length === 0
          ? RENDERER_CSP
          : RENDERER_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
              "connect-src 'self'",
              `connect-src 'self' ${devOrigins[0]!.replace(/^http/, 'ws')}`,
            ),
    });

    const { store, recovery } = await SettingsStore.open(app.getPath('userData'));
    const desktop = new DesktopApp(location, store);
    app.on(
      'web-contents-created',
      (_event, contents) =>
        // hardenWebContents passes only addresses parseExternalUrl accepted (http(s)/mailto).
        hardenWebContents(contents, (url) => void shell.openExternal(url)), // eng-disable OPEN_EXTERNAL_JS_CHECK
    );
    protocol.handle(
      ASSET_SCHEME,
      createAssetRequestHandler(() => desktop.#host.current),
    );
    registerIpcHandlers(ipcMain, location, {
      status: () => desktop.#host.status(),
      library: () => desktop.#host.require(),
      // Validated by externalUrlSchema (http(s) with a host, or mailto) before it gets here.
      openExternal: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK
      printArticleToPdf: (postId) => desktop.#print.articleToPdf(postId),
      exportDigestPdf: (filter) => desktop.#print.digestToPdf(filter),
      pickAndOpenFolder: (requester) => desktop.pickAndOpenFolder(requester),
      openFolder: (folder) => desktop.openFolder(folder),
      recentFolders: () => desktop.#settings.current.recentFolders,
    });
    desktop.#rebuildMenu();
    desktop.#openWindow(options.mainDirectory, recovery);

    app.on('activate', () => {
      if (!desktop.#window) desktop.#openWindow(options.mainDirectory, null);
    });
    // Stop the watcher and the index workers cleanly (the cache is flushed on close), but never
    // let a stuck close keep the app from quitting.
    let closing = false;
    app.on('before-quit', (event) => {
      if (closing) return;
      closing = true;
      event.preventDefault();
      const deadline = new Promise((done) => setTimeout(done, QUIT_CLOSE_LIMIT_MS));
      void Promise.race([desktop.#host.close().catch(() => undefined), deadline]).then(() =>
        app.quit(),
      );
    });

    const aliasesArgument = aliasesFileFromCommandLine(process.argv, { cwd: process.cwd() });
    if (aliasesArgument) await desktop.useAliasesFile(aliasesArgument, { reopen: false });
    const fromCommandLine = await existingFolder(
      folderFromCommandLine(process.argv, { appPath: app.getAppPath(), cwd: process.cwd() }),
    );
    void desktop.openFolder(fromCommandLine ?? store.current.lastFolder ?? bundledPostsDir());
    return desktop;
  }

  /** A second launch: bring the window forward and open the folder it was given, if any. */
  async handleSecondInstance(argv: readonly string[], cwd: string): Promise<void> {
    const window = this.#window;
    if (window) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    }
    const folder = await existingFolder(
      folderFromCommandLine(argv, { appPath: app.getAppPath(), cwd }),
    );
    const aliases = aliasesFileFromCommandLine(argv, { cwd });
    // With a folder to open as well, that open applies the table: no need to reopen this one first.
    if (aliases) await this.useAliasesFile(aliases, { reopen: folder === null });
    if (folder) await this.openFolder(folder);
  }

  /**
   * Switches to the person's own area alias table (`null`: the built-in one), remembers it, and
   * reopens the open folder so its areas change at once. A file that is missing or not a valid
   * table is refused with one line to the person; the table in use stays.
   */
  async useAliasesFile(
    file: string | null,
    options: { readonly reopen?: boolean } = {},
  ): Promise<void> {
    const taken = await chooseAliasesFile(file, {
      problemWith: aliasesFileProblem,
      remember: (chosen) =>
        this.#settings.update((settings) => ({ ...settings, aliasesFile: chosen })),
      apply: (chosen) => {
        this.#reportedAliasesProblem = null;
        return this.#host.useAliasesFile(chosen, options);
      },
      tell: (problem) => this.#showAliasesProblem(problem),
    });
    if (taken) this.#rebuildMenu();
  }

  /** The native file picker for an alias table; cancelling changes nothing. */
  async pickAliasesFile(): Promise<void> {
    const current = this.#host.aliasesFile;
    const options = {
      title: 'Area Aliases',
      buttonLabel: 'Use',
      defaultPath: current ? dirname(current) : undefined,
      filters: [{ name: 'Area alias table', extensions: ['json'] }],
      properties: ['openFile'] as 'openFile'[],
    };
    const result = this.#window
      ? await dialog.showOpenDialog(this.#window, options)
      : await dialog.showOpenDialog(options);
    const file = result.canceled ? undefined : result.filePaths[0];
    if (file) await this.useAliasesFile(file);
  }

  /** Opens `folder` and, unless it is the bundled sample or failed, remembers it. */
  async openFolder(folder: string): Promise<IndexStatus> {
    const status = await this.#host.open(folder);
    if (status.state !== 'error' && status.folder !== bundledPostsDir()) {
      try {
        await this.#settings.update((settings) => ({
          ...settings,
          lastFolder: status.folder,
          recentFolders: rememberFolder(settings.recentFolders, status.folder),
        }));
      } catch (error) {
        console.error((error as Error).message);
      }
      this.#rebuildMenu();
    }
    // The first status is usually `indexing`, and while the settings were written the library
    // may have moved on (`ready`, or `missing` for a vanished recent folder) and said so in an
    // event the page has already taken. The page adopts this answer, so it must not be older.
    const latest = this.#host.status();
    return latest.folder === status.folder ? latest : status;
  }

  /** The native folder picker; `null` when cancelled. */
  async pickAndOpenFolder(requester?: WebContents): Promise<IndexStatus | null> {
    const parent = (requester && BrowserWindow.fromWebContents(requester)) ?? this.#window;
    const options = {
      title: 'Open Folder',
      buttonLabel: 'Open',
      defaultPath: this.#host.current?.folder,
      properties: ['openDirectory'] as 'openDirectory'[],
    };
    const result = parent
      ? await dialog.showOpenDialog(parent, options)
      : await dialog.showOpenDialog(options);
    const folder = result.canceled ? undefined : result.filePaths[0];
    return folder ? this.openFolder(folder) : null;
  }

  #openWindow(mainDirectory: string, recovery: SettingsRecovery | null): void {
    const window = createMainWindow({
      preloadPath: join(mainDirectory, '../preload/index.cjs'),
      location: this.#location,
      savedState: this.#settings.current.window,
      onStateChange: (state) => {
        this.#settings
          .update((settings) => ({ ...settings, window: state }))
          .catch((error: Error) => console.error(error.message));
      },
    });
    this.#window = window;
    this.#windowShown = false;
    window.once('ready-to-show', () => {
      if (this.#window === window) this.#windowShown = true;
    });
    window.on('closed', () => {
      if (this.#window === window) this.#window = null;
    });
    if (recovery) {
      window.once('ready-to-show', () => void showSettingsRecoveryNotice(dialog, window, recovery));
    }
  }

  #rebuildMenu(): void {
    const template = applicationMenuTemplate({
      platform: process.platform,
      isDevelopment: !app.isPackaged,
      appName: app.getName(),
      recentFolders: this.#settings.current.recentFolders,
      aliasesFile: this.#host.aliasesFile,
      actions: {
        openFolder: () => void this.pickAndOpenFolder(),
        openRecentFolder: (folder) => void this.openFolder(folder),
        clearRecentFolders: () => {
          this.#settings
            .update((settings) => ({ ...settings, recentFolders: [] }))
            .then(() => this.#rebuildMenu())
            .catch((error: Error) => console.error(error.message));
        },
        chooseAliasesFile: () => void this.pickAliasesFile(),
        useBuiltInAreaNames: () => void this.useAliasesFile(null),
        sendCommand: (command: MenuCommand) =>
          this.#sendToPage(IpcEvent.didInvokeMenuCommand, command),
        setTheme: (theme) => {
          nativeTheme.themeSource = theme;
        },
        showAbout: () => app.showAboutPanel(),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  /** One line to the person about an unusable alias file, once the window can carry it. */
  #showAliasesProblem(problem: string): void {
    console.warn(problem);
    const show = () =>
      void showAliasesFileNotice(dialog, this.#window, problem).catch((error: Error) =>
        console.error(error.message),
      );
    const window = this.#window;
    if (window && !this.#windowShown) window.once('ready-to-show', show);
    else show();
  }

  /** Sends an event to our page only — never to whatever else a window might be showing. */
  #sendToPage<E extends IpcEventName>(channel: E, payload: IpcEventContract[E]): void {
    const contents = this.#window?.webContents;
    if (!contents || contents.isDestroyed() || !this.#location.isRendererUrl(contents.getURL()))
      return;
    contents.send(channel, payload);
  }
}

function printImageResolver(library: LibraryService): PostImageResolver {
  return async (post, src) => {
    const image = await readPostImage(library, post.id, src);
    if (!image || image.bytes.byteLength > MAX_PRINT_IMAGE_BYTES) return null;
    return `data:${image.contentType};base64,${image.bytes.toString('base64')}`;
  };
}

async function existingFolder(folder: string | null): Promise<string | null> {
  if (!folder) return null;
  try {
    return (await stat(folder)).isDirectory() ? folder : null;
  } catch {
    return null;
  }
}
