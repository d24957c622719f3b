/**
 * Escaping for text we put into HTML ourselves (titles, dates, area names, filter values). Post
 * bodies never go through here: they go through the sanitizer, which builds a syntax tree.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` made safe as HTML element content or a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}
