/**
 * The stylesheet of every print document: A4, readable serif text, and the page-break rules that
 * keep images, table rows and figures whole and headings on the same page as the text they
 * introduce. Written for Chromium's print engine (the only one that renders these documents).
 */
export const PRINT_STYLESHEET = `
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
html { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #111; background: #fff; }
body { margin: 0; }
h1, h2, h3, h4, h5, h6 {
  font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25;
  break-after: avoid; page-break-after: avoid; break-inside: avoid; page-break-inside: avoid;
}
h1 { font-size: 20pt; margin: 0 0 6pt; }
h2 { font-size: 15pt; } h3 { font-size: 13pt; } h4, h5, h6 { font-size: 11pt; }
p, li { orphans: 3; widows: 3; }
img, figure, pre, blockquote, tr, .image-placeholder { break-inside: avoid; page-break-inside: avoid; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; font-size: 10pt; }
thead { display: table-header-group; }
th, td { border: 1px solid #999; padding: 3pt 5pt; text-align: left; vertical-align: top; }
pre, code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 9pt; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote { margin: 8pt 0 8pt 12pt; padding-left: 8pt; border-left: 2pt solid #bbb; }
a { color: inherit; }
a[href^="http"]::after, a[href^="mailto"]::after {
  content: " (" attr(href) ")"; font-size: 8.5pt; color: #444; overflow-wrap: anywhere;
}
.post-header { margin: 0 0 14pt; padding-bottom: 8pt; border-bottom: 1px solid #bbb; break-inside: avoid; }
.post-meta { margin: 2pt 0; font: 9.5pt/1.4 "Helvetica Neue", Arial, sans-serif; color: #333; }
.post-meta .label { font-weight: bold; }
.image-placeholder {
  display: block; margin: 6pt 0; padding: 4pt 6pt; border: 1px dashed #999;
  font: 9pt/1.4 "Helvetica Neue", Arial, sans-serif; color: #444; overflow-wrap: anywhere;
}
.digest-cover { break-after: page; page-break-after: always; padding-top: 60mm; }
.digest-cover h1 { font-size: 26pt; }
.digest-cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 3pt 10pt; margin: 16pt 0; }
.digest-cover dt { font-weight: bold; }
.digest-cover dd { margin: 0; }
.digest-contents { break-after: page; page-break-after: always; }
.digest-contents ol { padding-left: 18pt; }
.digest-contents li { margin: 3pt 0; break-inside: avoid; }
.digest-contents .contents-date { color: #444; font-size: 9.5pt; }
.digest-article + .digest-article { break-before: page; page-break-before: always; }
`;
