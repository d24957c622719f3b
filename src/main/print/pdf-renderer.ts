import type { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDF_HEADER_TEMPLATE, pdfFooterTemplate } from '../../core/render/print-footer';

/** A print document and the title its footer shows. */
export interface PdfRequest {
  readonly html: string;
  readonly title: string;
  /** Give up after this long (default {@link DEFAULT_PDF_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
}

/** Turns a print document into PDF bytes. Writes nothing but its own temporary file. */
export type PdfRenderer = (request: PdfRequest) => Promise<Uint8Array>;

export const DEFAULT_PDF_TIMEOUT_MS = 30_000;

/** The part of `BrowserWindow` the renderer uses (so tests can pass a fake). */
export type PrintWindow = Pick<BrowserWindow, 'loadFile' | 'destroy' | 'isDestroyed'> & {
  readonly webContents: Pick<BrowserWindow['webContents'], 'printToPDF'>;
};

/**
 * Renders print documents in a hidden window from `createWindow` (see `createPrintWindow`:
 * offscreen, sandboxed, JavaScript off).
 *
 * The document goes through a file in a private temporary folder rather than a `data:` address:
 * inlined images easily exceed Chromium's limit on address length. The folder is removed
 * afterwards whatever happens.
 */
export function createPdfRenderer(createWindow: () => PrintWindow): PdfRenderer {
  return async ({ html, title, timeoutMs = DEFAULT_PDF_TIMEOUT_MS }) => {
    const folder = await mkdtemp(join(tmpdir(), 'accord-print-'));
    let window: PrintWindow | null = null;
    try {
      const file = join(folder, 'document.html');
      await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
      const render = async () => {
        window = createWindow();
        await window.loadFile(file);
        return window.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: PDF_HEADER_TEMPLATE,
          footerTemplate: pdfFooterTemplate(title),
          margins: { top: 0.6, bottom: 0.7, left: 0.6, right: 0.6 },
          generateDocumentOutline: true,
          generateTaggedPDF: true,
        });
      };
      return await withTimeout(render(), timeoutMs);
    } finally {
      const opened = window as PrintWindow | null;
      if (opened && !opened.isDestroyed()) opened.destroy();
      await rm(folder, { recursive: true, force: true });
    }
  };
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`print: making the PDF took longer than ${Math.ceil(timeoutMs / 1000)} s`),
        ),
      timeoutMs,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
