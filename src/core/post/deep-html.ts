import { Parser } from 'htmlparser2';
import { collapseWhitespace } from './collapse-whitespace';
import { VOID_ELEMENTS } from './html-void-elements';

/**
 * htmlparser2 keeps its open-element stack with `Array.unshift`, so each tag costs time in
 * proportion to the nesting depth: 80,000 nested elements take minutes. Real posts nest a dozen
 * levels; past this depth a body is read as flat text instead.
 */
export const MAX_HTML_DEPTH = 256;

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(\/?)>/g;

/** Whether elements nest deeper than `limit` (counting unclosed tags as open). Linear time. */
export function isNestedDeeperThan(html: string, limit: number): boolean {
  // Each level needs its own "<": counting them (native indexOf) is far cheaper than the scan.
  let tags = 0;
  for (let at = html.indexOf('<'); at !== -1 && tags <= limit; at = html.indexOf('<', at + 1))
    tags += 1;
  if (tags <= limit) return false;
  let depth = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match !== null; match = TAG.exec(html)) {
    if (match[1] === '/') depth = Math.max(0, depth - 1);
    else if (match[3] !== '/' && !VOID_ELEMENTS.has((match[2] ?? '').toLowerCase())) {
      depth += 1;
      if (depth > limit) return true;
    }
  }
  return false;
}

const HIDDEN_CONTENT = new Set(['script', 'style', 'template', 'noscript']);
/** Phrasing elements: words on both sides belong to one line ("<b>Name</b>: text"). */
const INLINE_ELEMENTS = new Set([
  'a',
  'abbr',
  'b',
  'cite',
  'code',
  'em',
  'font',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
]);

/**
 * The readable text of HTML without its structure: tags removed (block tags leave a line break
 * so words stay apart), script and style contents dropped, entities decoded. Linear time.
 */
export function flattenHtmlText(html: string): string {
  let stripped = '';
  let position = 0;
  // Where each hidden element's closing tag was last found: positions only move forward, so a
  // search never needs repeating and many unclosed <script>s stay linear.
  const closes = new Map<string, RegExp & { found?: number }>();
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match !== null; match = TAG.exec(html)) {
    const name = (match[2] ?? '').toLowerCase();
    stripped += html.slice(position, match.index).replaceAll('<', '&lt;');
    if (!INLINE_ELEMENTS.has(name)) stripped += '\n';
    position = match.index + match[0].length;
    if (match[1] !== '/' && HIDDEN_CONTENT.has(name)) {
      position = closingTagAt(html, name, position, closes);
    }
    TAG.lastIndex = position;
  }
  stripped += html.slice(position).replaceAll('<', '&lt;');

  // No tags are left, so htmlparser2 here only decodes entities (its stack stays empty).
  const parts: string[] = [];
  new Parser({ ontext: (text) => parts.push(text) }, { decodeEntities: true }).end(stripped);
  const lines: string[] = [];
  for (const line of parts.join('').split('\n')) {
    const collapsed = collapseWhitespace(line);
    if (collapsed !== '') lines.push(collapsed);
  }
  return lines.join('\n');
}

function closingTagAt(
  html: string,
  name: string,
  from: number,
  closes: Map<string, RegExp & { found?: number }>,
): number {
  let search = closes.get(name);
  if (search === undefined) {
    search = new RegExp(`</${name}`, 'gi');
    closes.set(name, search);
  }
  if (search.found === undefined || (search.found !== html.length && search.found < from)) {
    search.lastIndex = from;
    search.found = search.exec(html)?.index ?? html.length;
  }
  return search.found;
}
