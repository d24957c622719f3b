import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { PrintToPDFOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPdfRenderer, type PrintWindow } from './pdf-renderer';

interface FakeWindow extends PrintWindow {
  loadedFile: string | null;
  pdfOptions: PrintToPDFOptions | null;
  destroyed: boolean;
}

let windows: FakeWindow[];
let printToPdf: (options: PrintToPDFOptions) => Promise<Buffer>;

function createWindow(): PrintWindow {
  const window: FakeWindow = {
    loadedFile: null,
    pdfOptions: null,
    destroyed: false,
    loadFile: vi.fn(async (file: string) => {
      window.loadedFile = file;
    }),
    destroy: () => {
      window.destroyed = true;
    },
    isDestroyed: () => window.destroyed,
    webContents: {
      printToPDF: (pdfOptions: PrintToPDFOptions) => {
        window.pdfOptions = pdfOptions;
        return printToPdf(pdfOptions);
      },
    },
  } as unknown as FakeWindow;
  windows.push(window);
  return window;
}

async function printFolders(): Promise<string[]> {
  return (await readdir(tmpdir())).filter(
    (name) => name.startsWith('accord-print-') && !name.includes('save'),
  );
}

beforeEach(() => {
  windows = [];
  printToPdf = async () => Buffer.from('%PDF');
});

describe('createPdfRenderer', () => {
  it('prints A4 with a footer carrying the escaped title, then destroys the window', async () => {
    const before = await printFolders();
    const bytes = await createPdfRenderer(createWindow)({
      html: '<p>x</p>',
      title: 'A <b>bold</b> "title"',
    });
    expect(Buffer.from(bytes).toString()).toBe('%PDF');
    const [window] = windows;
    expect(window!.loadedFile).toMatch(/accord-print-.*document\.html$/);
    expect(window!.pdfOptions).toMatchObject({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
    });
    expect(window!.pdfOptions!.footerTemplate).toContain(
      'A &lt;b&gt;bold&lt;/b&gt; &quot;title&quot; — page <span class="pageNumber"></span> of <span class="totalPages"></span>',
    );
    expect(window!.destroyed).toBe(true);
    // The temporary document is gone again.
    expect(await printFolders()).toEqual(before);
  });

  it('gives up after the time limit with a message, and cleans up', async () => {
    const before = await printFolders();
    printToPdf = () => new Promise<Buffer>(() => undefined);
    await expect(
      createPdfRenderer(createWindow)({ html: '<p>x</p>', title: 't', timeoutMs: 20 }),
    ).rejects.toThrow('print: making the PDF took longer than 1 s');
    expect(windows[0]!.destroyed).toBe(true);
    expect(await printFolders()).toEqual(before);
  });
});
