import { BrowserWindow } from 'electron';
import type { PrintWindow } from './pdf-renderer';

/**
 * The hidden window that turns a print document into a PDF (or shows the system print dialog
 * for it). The document is static HTML: no script at all, no preload, sandboxed, offscreen so
 * nothing ever flashes on screen. The options are written out literally so the Electronegativity
 * check can verify them.
 */
export function createPrintWindow(): PrintWindow {
  return new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    paintWhenInitiallyHidden: true,
    webPreferences: {
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      offscreen: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
