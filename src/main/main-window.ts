import { BrowserWindow, screen } from 'electron';
import type { RendererLocation } from './renderer-location';
import type { WindowState } from './settings-store';
import { restoredWindowBounds, windowStateOf } from './window-state';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly location: RendererLocation;
  readonly savedState: WindowState | null;
  /** Called (debounced) when the size or position changes, and once on close. */
  readonly onStateChange: (state: WindowState) => void;
}

const SAVE_DELAY_MS = 500;

/** Creates the reader window with hardened preferences and restores its size and position. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const bounds = restoredWindowBounds(
    options.savedState,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Accord Reader',
    backgroundColor: '#ffffff',
    // Every switch that widens what the page can do is off: sandboxed, context-isolated, no
    // Node; the page reaches the app only through the preload's `window.accordReader`. Written
    // out literally so the Electronegativity check can verify it.
    webPreferences: {
      // Our own bundled preload, which exposes only the named ReaderApi methods.
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (options.savedState?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  let timer: NodeJS.Timeout | undefined;
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!window.isDestroyed()) options.onStateChange(windowStateOf(window));
    }, SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', () => {
    clearTimeout(timer);
    options.onStateChange(windowStateOf(window));
  });

  void window.loadURL(options.location.url);
  return window;
}
