import { escapeHtml } from './html-escape';

/**
 * Chromium's header and footer templates for `printToPDF`. They are HTML that Chromium renders in
 * its own context, so the title — taken from an untrusted post — must be escaped; the classes
 * `pageNumber` and `totalPages` are filled in by Chromium.
 */

/** An empty header: without one Chromium prints the date and the document title at the top. */
export const PDF_HEADER_TEMPLATE = '<span></span>';

/** `<title> — page X of Y`, small and centred. */
export function pdfFooterTemplate(title: string): string {
  return (
    '<div style="width:100%;font-size:8px;font-family:sans-serif;color:#555;text-align:center;padding:0 12mm;">' +
    `${escapeHtml(title)} — page <span class="pageNumber"></span> of <span class="totalPages"></span>` +
    '</div>'
  );
}
