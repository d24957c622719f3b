import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ASSET_SCHEME, IpcChannel } from '@shared/ipc-channels';

/**
 * `DesktopApp.start` against a mocked Electron: each hardening step is unit-tested on its own
 * elsewhere; this proves start wires every one of them, and before the first window exists.
 */

const electron = vi.hoisted(() => {
  const userData = { path: '' };
  return {
    userData,
    app: {
      isPackaged: false,
      getPath: vi.fn(() => userData.path),
      getAppPath: vi.fn(() => '/nonexistent/app'),
      getName: vi.fn(() => 'Accord Reader'),
      on: vi.fn(),
      quit: vi.fn(),
      showAboutPanel: vi.fn(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        setSpellCheckerEnabled: vi.fn(),
        webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
      },
    },
    protocol: { handle: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn(), on: vi.fn() },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => template),
      setApplicationMenu: vi.fn(),
    },
    shell: { openExternal: vi.fn() },
    dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn(), showMessageBox: vi.fn() },
    nativeTheme: {},
    BrowserWindow: vi.fn(),
  };
});
vi.mock('electron', () => ({ ...electron, default: electron }));

const window = vi.hoisted(() => ({
  createMainWindow: vi.fn(() => ({
    once: vi.fn(),
    on: vi.fn(),
    webContents: { isDestroyed: () => false, getURL: () => '', send: vi.fn() },
  })),
}));
vi.mock('./main-window', () => window);

// The folder is opened through the library; this test is about the shell around it.
vi.mock('../core/library', () => ({
  openLibrary: vi.fn(async (options: { folder: string }) => ({
    folder: options.folder,
    status: () => ({
      folder: options.folder,
      folderName: 'posts',
      state: 'ready',
      indexed: 0,
      total: 0,
      polling: false,
      generation: 1,
    }),
    whenReady: async () => undefined,
    onDidChangeStatus: () => () => undefined,
    onDidChangePosts: () => () => undefined,
    close: async () => undefined,
  })),
}));

const { DesktopApp } = await import('./desktop-app');

/** When `mock` was first called, in the order of every mock call of this test. */
const firstCall = (mock: { mock: { invocationCallOrder: number[] } }): number => {
  const [first] = mock.mock.invocationCallOrder;
  if (first === undefined) throw new Error('desktop-app.test: expected a call');
  return first;
};

describe('DesktopApp.start', () => {
  beforeEach(async () => {
    electron.userData.path = await mkdtemp(join(tmpdir(), 'accord-desktop-'));
  });
  afterEach(async () => {
    await rm(electron.userData.path, { recursive: true, force: true });
    vi.clearAllMocks();
  });

  it('hardens the session, every web contents, the asset scheme and IPC before the first window', async () => {
    await DesktopApp.start({ mainDirectory: '/nonexistent/app/out/main' });
    const opened = firstCall(window.createMainWindow);

    const session = electron.session.defaultSession;
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(firstCall(session.webRequest.onHeadersReceived)).toBeLessThan(opened);

    const created = electron.app.on.mock.calls.find(([event]) => event === 'web-contents-created');
    expect(created, 'a web-contents-created listener').toBeDefined();
    expect(firstCall(electron.app.on)).toBeLessThan(opened);
    const contents = { setWindowOpenHandler: vi.fn(), on: vi.fn() };
    (created![1] as (event: unknown, contents: unknown) => void)({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.on.mock.calls.map(([event]) => event)).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    );

    expect(electron.protocol.handle).toHaveBeenCalledWith(ASSET_SCHEME, expect.any(Function));
    expect(firstCall(electron.protocol.handle)).toBeLessThan(opened);

    const handled = electron.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(handled).toEqual(expect.arrayContaining(Object.values(IpcChannel)));
    expect(firstCall(electron.ipcMain.handle)).toBeLessThan(opened);
  });
});
