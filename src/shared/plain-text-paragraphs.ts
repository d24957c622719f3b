/**
 * The plain-text fallback both renderers share (the reader's `post-body-boundary.tsx` and the
 * print renderer's `post-body-html.ts`), for a body the core decided not to format
 * (`Post.plainTextReason`) or that failed to format.
 */

/** More paragraphs than this are merged, so a plain-text fallback stays cheap to show. */
const MAX_PLAIN_PARAGRAPHS = 1000;
const COMMENT_START = '<!--';
/** A tag, read loosely (linear: it never crosses another `<` or `>`). */
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>/g;
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));/g;

/**
 * A post body as paragraphs of plain text, for showing a body that cannot be formatted: HTML
 * comments and tags removed (block tags and blank lines end a paragraph), common entities
 * decoded, white space collapsed. Markdown punctuation stays as written, so no text is lost.
 * Linear time and no recursion, whatever the body; the result is text, to be escaped to show.
 */
export function plainTextParagraphs(body: string): string[] {
  let text = '';
  let position = 0;
  // Comments are removed first, each up to its end; an unclosed one leaves the rest as text.
  for (let start = body.indexOf(COMMENT_START); start !== -1;) {
    const end = body.indexOf('-->', start + COMMENT_START.length);
    if (end === -1) break;
    text += body.slice(position, start) + ' ';
    position = end + 3;
    start = body.indexOf(COMMENT_START, position);
  }
  text += body.slice(position);
  text = text.replace(TAG, (_tag, _slash: string, name: string) =>
    BLOCK_TAGS.has(name.toLowerCase()) ? '\n\n' : name.toLowerCase() === 'br' ? '\n' : '',
  );
  const paragraphs: string[] = [];
  for (const part of text.split(/\n\s*\n/)) {
    const paragraph = decodeEntities(part).replace(/\s+/g, ' ').trim();
    if (paragraph !== '') paragraphs.push(paragraph);
  }
  if (paragraphs.length <= MAX_PLAIN_PARAGRAPHS) return paragraphs;
  const size = Math.ceil(paragraphs.length / MAX_PLAIN_PARAGRAPHS);
  const merged: string[] = [];
  for (let index = 0; index < paragraphs.length; index += size) {
    merged.push(paragraphs.slice(index, index + size).join(' '));
  }
  return merged;
}

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (entity, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? entity;
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
      ? String.fromCodePoint(code)
      : entity;
  });
}
