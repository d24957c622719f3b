/**
 * Turns a Markdown post body into simplified HTML for *reading its text*: paragraphs, headings,
 * lists, block quotes, code, GFM tables and bold, with raw HTML passed through. It is not a
 * renderer (the article view renders the body itself); it exists because a general Markdown
 * library costs 0.3–1 ms per 4 KB post and goes superlinear on deeply nested lists, while
 * indexing 10,000 posts needs a few microseconds per kilobyte and must survive hostile files.
 *
 * Linear time, no recursion. Deliberate simplifications: nested block quotes are flattened,
 * lazy continuation lines only continue paragraphs, and list item contents are read as text.
 */
export function markdownToHtml(source: string): string {
  return new MarkdownScanner().convert(source);
}

interface OpenList {
  /** Column of the item marker. */
  readonly indent: number;
  /** Column where the item's content starts; deeper lines belong to the item. */
  contentIndent: number;
  /** `-`, `*`, `+`, `.` or `)`: a different marker starts a new list. */
  readonly marker: string;
  readonly ordered: boolean;
}

const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*)|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^( {0,3})(`{3,}|~{3,})/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const BLOCKQUOTE_PREFIX = /^(?: {0,3}> ?)+/;
// CommonMark HTML block starts (types 1, 2 and 6; others read as paragraphs with inline HTML).
const HTML_RAW_BLOCK = /^ {0,3}<(script|pre|style|textarea)(?:\s|>|$)/i;
const HTML_COMMENT = /^ {0,3}<!--/;
const HTML_BLOCK = new RegExp(
  String.raw`^ {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|/?>|$)`,
  'i',
);

class MarkdownScanner {
  private readonly out: string[] = [];
  private paragraph: string[] | null = null;
  private readonly lists: OpenList[] = [];
  private inBlockquote = false;
  private fence: { readonly char: string; readonly length: number } | null = null;
  /** `null` outside an HTML block; otherwise what ends it. */
  private htmlBlockEnd: RegExp | 'blank-line' | null = null;
  private inTable = false;
  private previousBlank = false;

  convert(source: string): string {
    let start = 0;
    while (start <= source.length) {
      let end = source.indexOf('\n', start);
      if (end === -1) end = source.length;
      this.line(source.slice(start, end));
      start = end + 1;
    }
    this.closeAll();
    if (this.inBlockquote) this.out.push('</blockquote>');
    return this.out.join('');
  }

  private line(raw: string): void {
    let line = raw.includes('\t') ? expandTabs(raw) : raw;

    if (this.htmlBlockEnd !== null) {
      this.out.push(line, '\n');
      const end = this.htmlBlockEnd;
      if (end === 'blank-line' ? isBlank(line) : end.test(line)) this.htmlBlockEnd = null;
      return;
    }

    // Inside a fence only the quote's own prefix is markup ("> ```" … "> ```").
    const quote = this.fence === null || this.inBlockquote ? BLOCKQUOTE_PREFIX.exec(line) : null;
    const quoted = quote !== null;
    if (quote) line = line.slice(quote[0].length);
    if (quoted !== this.inBlockquote) {
      this.closeAll();
      this.out.push(quoted ? '<blockquote>' : '</blockquote>');
      this.inBlockquote = quoted;
    }

    if (this.fence !== null) {
      const closing = FENCE.exec(line);
      const marker = closing?.[2];
      if (
        marker &&
        marker[0] === this.fence.char &&
        marker.length >= this.fence.length &&
        isBlank(line.slice(closing[0].length))
      ) {
        this.out.push('</pre>\n');
        this.fence = null;
      } else {
        this.out.push(escapeHtml(line), '\n');
      }
      return;
    }

    if (isBlank(line)) {
      this.closeParagraph();
      this.closeTable();
      this.previousBlank = true;
      return;
    }
    const wasBlank = this.previousBlank;
    this.previousBlank = false;

    // A paragraph's underline turns it into a heading (before "---" can be a rule or list item).
    const innermostList = this.lists[this.lists.length - 1];
    if (
      this.paragraph !== null &&
      !this.inTable &&
      (innermostList === undefined || leadingSpaces(line) >= innermostList.contentIndent)
    ) {
      const underline = SETEXT_UNDERLINE.exec(line);
      if (underline) {
        const level = underline[1]?.startsWith('=') ? 1 : 2;
        this.out.push(`<h${level}>`, renderInline(this.paragraph.join('\n')), `</h${level}>\n`);
        this.paragraph = null;
        return;
      }
    }

    if (this.inTable) {
      if (line.includes('|')) {
        this.tableRow(line);
        return;
      }
      this.closeTable();
    }

    const indent = leadingSpaces(line);
    const item = THEMATIC_BREAK.test(line) ? null : LIST_ITEM.exec(line);
    // Outside a list, only "1." or a bullet with text may interrupt a paragraph, so a wrapped
    // line that happens to start with "2023. " stays text.
    const interrupts =
      this.lists.length > 0 || this.paragraph === null || wasBlank || startsParagraphList(item);
    if (item && interrupts) {
      this.listItem(indent, item[2] ?? '-', (item[3] ?? ' ').length, item[4] ?? '');
      return;
    }

    // Inside a list: indented lines continue the item, unindented ones after a blank end the list.
    let contentIndent = 0;
    if (this.lists.length > 0) {
      while (
        this.lists.length > 0 &&
        indent < (this.lists[this.lists.length - 1]?.contentIndent ?? 0)
      ) {
        if (!wasBlank && this.paragraph !== null) break; // lazy continuation of the item's text
        this.closeList();
      }
      contentIndent = this.lists[this.lists.length - 1]?.contentIndent ?? 0;
      if (wasBlank) this.closeParagraph();
    }
    this.block(line, Math.max(0, indent - contentIndent));
  }

  /** A non-list line, `relativeIndent` columns deeper than its container's content. */
  private block(line: string, relativeIndent: number): void {
    if (this.paragraph !== null && relativeIndent < 4 && !this.startsBlock(line)) {
      this.paragraph.push(line.trim());
      return;
    }
    if (relativeIndent >= 4 && this.paragraph === null) {
      this.out.push('<pre>', escapeHtml(line.trim()), '</pre>\n');
      return;
    }
    const content = line.trim();
    if (THEMATIC_BREAK.test(line)) {
      this.closeParagraph();
      this.out.push('<hr>\n');
      return;
    }
    const heading = atxHeading(content);
    if (heading !== null) {
      this.closeParagraph();
      this.out.push(`<h${heading.level}>`, renderInline(heading.text), `</h${heading.level}>\n`);
      return;
    }
    const fence = FENCE.exec(line.trimStart());
    if (fence) {
      this.closeParagraph();
      const marker = fence[2] ?? '```';
      this.fence = { char: marker[0] ?? '`', length: marker.length };
      this.out.push('<pre>');
      return;
    }
    if (HTML_RAW_BLOCK.test(content) || HTML_COMMENT.test(content) || HTML_BLOCK.test(content)) {
      this.closeParagraph();
      const raw = HTML_RAW_BLOCK.exec(content);
      this.htmlBlockEnd = raw
        ? new RegExp(`</${raw[1]}>`, 'i')
        : HTML_COMMENT.test(content)
          ? /-->/
          : 'blank-line';
      this.out.push(content, '\n');
      if (this.htmlBlockEnd !== 'blank-line' && this.htmlBlockEnd.test(content.slice(4)))
        this.htmlBlockEnd = null;
      return;
    }
    if (
      this.paragraph !== null &&
      this.paragraph.length === 1 &&
      this.paragraph[0]?.includes('|') &&
      TABLE_DELIMITER.test(line)
    ) {
      const header = this.paragraph[0];
      this.paragraph = null;
      this.out.push('<table>\n');
      this.inTable = true;
      this.tableRow(header);
      return;
    }
    if (this.paragraph === null) this.paragraph = [content];
    else this.paragraph.push(content);
  }

  /** Whether a line would interrupt a paragraph rather than continue it. */
  private startsBlock(line: string): boolean {
    const content = line.trim();
    return (
      THEMATIC_BREAK.test(line) ||
      atxHeading(content) !== null ||
      FENCE.test(line.trimStart()) ||
      HTML_BLOCK.test(content) ||
      HTML_RAW_BLOCK.test(content) ||
      HTML_COMMENT.test(content) ||
      (this.paragraph?.length === 1 &&
        (this.paragraph[0]?.includes('|') ?? false) &&
        TABLE_DELIMITER.test(line))
    );
  }

  private listItem(indent: number, marker: string, spacing: number, content: string): void {
    this.closeParagraph();
    const ordered = /\d/.test(marker);
    const markerKind = ordered ? marker.slice(-1) : marker;
    // Content starting 5+ columns after the marker is indented code: CommonMark counts 1 column.
    const contentIndent = indent + marker.length + (spacing > 4 || content === '' ? 1 : spacing);
    while (this.lists.length > 0 && indent < (this.lists[this.lists.length - 1]?.indent ?? 0))
      this.closeList();
    const top = this.lists[this.lists.length - 1];
    if (top !== undefined && indent < top.contentIndent) {
      if (top.marker === markerKind) {
        this.out.push('</li>\n<li>');
        top.contentIndent = contentIndent;
        this.itemText(content);
        return;
      }
      this.closeList();
    }
    this.lists.push({ indent, contentIndent, marker: markerKind, ordered });
    this.out.push(ordered ? '<ol>\n<li>' : '<ul>\n<li>');
    this.itemText(content);
  }

  private itemText(content: string): void {
    if (content.trim() !== '') this.paragraph = [content.trim()];
  }

  private tableRow(line: string): void {
    let row = line.trim();
    if (row.startsWith('|')) row = row.slice(1);
    if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
    const cells = row.split(/(?<!\\)\|/).map((cell) => `<td>${renderInline(cell.trim())}</td>`);
    this.out.push('<tr>', cells.join(''), '</tr>\n');
  }

  private closeTable(): void {
    if (!this.inTable) return;
    this.out.push('</table>\n');
    this.inTable = false;
  }

  private closeParagraph(): void {
    if (this.paragraph === null) return;
    this.out.push('<p>', renderInline(this.paragraph.join('\n')), '</p>\n');
    this.paragraph = null;
  }

  private closeList(): void {
    this.closeParagraph();
    const list = this.lists.pop();
    if (list) this.out.push(list.ordered ? '</li>\n</ol>\n' : '</li>\n</ul>\n');
  }

  private closeAll(): void {
    this.closeParagraph();
    this.closeTable();
    if (this.fence !== null) {
      this.out.push('</pre>\n');
      this.fence = null;
    }
    while (this.lists.length > 0) this.closeList();
  }
}

function startsParagraphList(item: RegExpExecArray | null): boolean {
  if (item === null || (item[4] ?? '').trim() === '') return false;
  const marker = item[2] ?? '';
  return !/\d/.test(marker) || Number.parseInt(marker, 10) === 1;
}

function atxHeading(content: string): { level: number; text: string } | null {
  if (!content.startsWith('#')) return null;
  let level = 0;
  while (level < content.length && content[level] === '#') level += 1;
  if (level > 6) return null;
  const next = content[level];
  if (next !== undefined && next !== ' ' && next !== '\t') return null;
  let text = content.slice(level).trim();
  // An optional closing sequence of #s, when separated by a space.
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end -= 1;
  if (end === 0) text = '';
  else if (end < text.length && (text[end - 1] === ' ' || text[end - 1] === '\t'))
    text = text.slice(0, end).trimEnd();
  return { level, text };
}

const SPECIAL = /[\\`*_<&>[\]!]/g;
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const AUTOLINK = /^[a-z][a-z0-9+.-]{1,31}:[^\s<>]*$/i;
const TAG_START = /[A-Za-z/!?]/;

/** A closing delimiter still expected; the innermost is last. */
interface PendingClose {
  readonly at: number;
  readonly length: number;
  readonly tag: string;
}

/**
 * Inline Markdown to HTML in linear time: links and images become their text, `**`/`__` become
 * `<strong>`, `*`/`_` become `<em>`, code spans are escaped, inline HTML passes through.
 */
export function renderInline(text: string): string {
  let html = '';
  let position = 0;
  const pending: PendingClose[] = [];
  const find = forwardSearch(text);

  SPECIAL.lastIndex = 0;
  for (let match = SPECIAL.exec(text); match !== null; match = SPECIAL.exec(text)) {
    const at = match.index;
    html += text.slice(position, at);
    // A closer skipped over (inside a code span or tag) closes here instead of never.
    for (let top = pending.at(-1); top !== undefined && top.at < at; top = pending.at(-1)) {
      html += `</${top.tag}>`;
      pending.pop();
    }
    const char = match[0];
    const next = text[at + 1] ?? '';
    position = at + 1;
    if (char === '\\') {
      if (ESCAPABLE.test(next)) {
        html += escapeHtml(next);
        position = at + 2;
      } else html += '\\';
    } else if (char === '&' || char === '>') {
      html += char; // entities stay entities; a stray > is text to an HTML parser
    } else if (char === '<') {
      const close = TAG_START.test(next) ? find('>', at) : -1;
      if (close === -1) html += '&lt;';
      else {
        const inner = text.slice(at + 1, close);
        html += AUTOLINK.test(inner) ? escapeHtml(inner) : `<${inner}>`;
        position = close + 1;
      }
    } else if (char === '!' || char === '[') {
      if (char === '!' && next !== '[') html += '!';
    } else if (char === ']') {
      // "[text](url)" and "[text][ref]" read as "text".
      const close = next === '(' ? find(')', at + 2) : next === '[' ? find(']', at + 2) : -1;
      if (close !== -1 && close - at < 2000) position = close + 1;
    } else if (char === '`') {
      let run = 1;
      while (text[at + run] === '`') run += 1;
      const fence = '`'.repeat(run);
      const close = find(fence, at + run);
      if (close === -1) {
        html += fence;
        position = at + run;
      } else {
        html += `<code>${escapeHtml(text.slice(at + run, close))}</code>`;
        position = close + run;
      }
    } else {
      let run = 1;
      while (text[at + run] === char) run += 1;
      position = at + run;
      html += emphasis(text, at, run, char, pending, find);
    }
    SPECIAL.lastIndex = position;
  }
  html += text.slice(position);
  for (let top = pending.pop(); top !== undefined; top = pending.pop()) html += `</${top.tag}>`;
  return html;
}

/**
 * `indexOf` for callers whose start positions only move forward: the last answer per needle is
 * remembered, so a thousand openers looking for one far-away closer cost one scan, not a thousand.
 */
function forwardSearch(text: string): (needle: string, from: number) => number {
  const last = new Map<string, { from: number; found: number }>();
  return (needle, from) => {
    const previous = last.get(needle);
    if (
      previous !== undefined &&
      from >= previous.from &&
      (previous.found === -1 || from <= previous.found)
    ) {
      return previous.found;
    }
    const found = text.indexOf(needle, from);
    last.set(needle, { from, found });
    return found;
  };
}

/** Closes or opens `*`/`_` emphasis for a run of `length` delimiters at `at`. */
function emphasis(
  text: string,
  at: number,
  length: number,
  char: string,
  pending: PendingClose[],
  find: (needle: string, from: number) => number,
): string {
  let html = '';
  let left = length;
  let position = at;
  for (
    let top = pending.at(-1);
    top !== undefined && top.at < at + length && top.length <= at + length - top.at;
    top = pending.at(-1)
  ) {
    html += char.repeat(top.at - position) + `</${top.tag}>`;
    left -= top.at - position + top.length;
    position = top.at + top.length;
    pending.pop();
  }
  const before = text[position - 1] ?? ' ';
  const after = text[position + left] ?? ' ';
  const canOpen = left > 0 && !/\s/.test(after) && (char === '*' || !/[\p{L}\p{N}]/u.test(before));
  let opened = '';
  while (left > 0 && canOpen) {
    const size = left >= 2 ? 2 : 1;
    const delimiter = char.repeat(size);
    const limit = pending.at(-1)?.at ?? Infinity;
    let close = find(delimiter, position + left);
    // A single delimiter must not take half of a double one.
    while (size === 1 && close !== -1 && close < limit && text[close + 1] === char)
      close = find(delimiter, close + 2);
    if (close === -1 || close >= limit || /\s/.test(text[close - 1] ?? ' ')) break;
    if (char === '_' && /[\p{L}\p{N}]/u.test(text[close + size] ?? ' ')) break;
    const tag = size === 2 ? 'strong' : 'em';
    pending.push({ at: close, length: size, tag });
    opened += `<${tag}>`;
    left -= size;
  }
  return html + char.repeat(left) + opened;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) =>
    char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;',
  );
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function leadingSpaces(line: string): number {
  let count = 0;
  while (line[count] === ' ') count += 1;
  return count;
}

function expandTabs(line: string): string {
  let prefixEnd = 0;
  while (line[prefixEnd] === ' ' || line[prefixEnd] === '\t') prefixEnd += 1;
  let column = 0;
  for (let index = 0; index < prefixEnd; index += 1)
    column = line[index] === '\t' ? column + 4 - (column % 4) : column + 1;
  return ' '.repeat(column) + line.slice(prefixEnd);
}
