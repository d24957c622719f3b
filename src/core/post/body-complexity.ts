/**
 * Decides, once per post, whether its body is safe to format with the Markdown pipeline the reader
 * and the print renderer use (micromark via remark, GFM, raw HTML through parse5, sanitize).
 *
 * That pipeline recurses once per level of nesting, so a body nested a few thousand levels deep
 * overflows the stack (the article view goes blank, a digest fails); and micromark is roughly
 * quadratic on long runs of unmatched brackets, table columns and emphasis markers (an 80 KB body
 * of brackets takes 30 s). A body that fails a rule here is shown as plain text with a notice.
 *
 * Every rule is a linear scan and errs towards "too complex" for what it measures. The rules read
 * Markdown and HTML approximately (see {@link htmlNestingDepth}), so both renderers also limit the
 * depth of the tree they build and fall back to plain text on any failure. Thresholds were
 * measured with the real pipeline (`renderPostBodyHtml`, warm, on a shared 2-core machine); the
 * bundled sample posts sit far below all of them.
 */
import { VOID_ELEMENTS } from './html-void-elements';

/** Longer bodies are plain text: the pipeline costs ~3–7 ms per KB even for ordinary text. */
export const MAX_FORMATTED_LENGTH = 256 * 1024;
/** HTML elements open at once. The pipeline overflows the stack between 1,000 and 2,000. */
export const MAX_HTML_NESTING = 256;
/** Block quotes and list items opened by one line (`> > > - x`), or implied by its indentation. */
export const MAX_CONTAINER_NESTING = 64;
/** `[` in the whole body: micromark matches labels in quadratic time (4,000 pairs: 0.2 s). */
export const MAX_BRACKETS = 2000;
/** `|` in one line: GFM tables are quadratic in their columns (4,000 columns: 13 s). */
export const MAX_PIPES_PER_LINE = 500;
/** Emphasis (`*`, `_`, `~`) that can nest at one point of a paragraph: each level is an element. */
export const MAX_EMPHASIS_NESTING = 128;
/**
 * Work micromark does matching emphasis markers, in characters walked back over (see
 * {@link measureEmphasis}); ~15 ns each, so this limit is ~0.15 s.
 */
export const MAX_EMPHASIS_WORK = 10_000_000;
/**
 * Elements the body would produce, roughly (see {@link markupEstimate}). The pipeline spends
 * 0.1–0.25 ms on each, so dense markup (`- a` on 15,000 lines: 60 KB, 4 s) freezes the reader
 * long before the length limit.
 */
export const MAX_MARKUP = 2500;
/** Walking past an opening marker costs micromark about as much as 64 characters (~0.8 µs). */
const OPENER_PASS_COST = 64;

const NUMBER = new Intl.NumberFormat('en-US');

/** Which rule a body failed. */
export type ComplexityRule =
  'length' | 'brackets' | 'columns' | 'nesting' | 'emphasis-nesting' | 'emphasis-work' | 'markup';

export interface BodyComplexity {
  readonly rule: ComplexityRule;
  /** A phrase completing "this post …", e.g. "nests its markup 3,000 levels deep". */
  readonly reason: string;
}

/**
 * Why `body` should be shown as plain text rather than formatted — a phrase that completes
 * "this post …" — or `null` when it is safe to format. Pure and linear in the body's length.
 */
export function plainTextReason(body: string): string | null {
  return assessBody(body)?.reason ?? null;
}

/** The first rule `body` fails, with its reason, or `null` when it is safe to format. */
export function assessBody(body: string): BodyComplexity | null {
  if (body.length > MAX_FORMATTED_LENGTH) {
    const size = NUMBER.format(Math.ceil(body.length / 1024));
    return { rule: 'length', reason: `is too long to format (${size} KB)` };
  }
  const brackets = countOf(body, '[');
  if (brackets > MAX_BRACKETS) {
    const count = NUMBER.format(brackets);
    return { rule: 'brackets', reason: `has too many square brackets to format (${count})` };
  }
  const pipes = mostPipesInALine(body);
  if (pipes > MAX_PIPES_PER_LINE) {
    const count = NUMBER.format(pipes);
    return {
      rule: 'columns',
      reason: `has a table row with too many columns to format (${count})`,
    };
  }
  const htmlDepth = htmlNestingDepth(body, MAX_HTML_NESTING);
  const containerDepth = containerNestingDepth(body);
  if (htmlDepth > MAX_HTML_NESTING || containerDepth > MAX_CONTAINER_NESTING) {
    const depth = NUMBER.format(Math.max(htmlDepth, containerDepth));
    return { rule: 'nesting', reason: `nests its markup ${depth} levels deep` };
  }
  const emphasis = measureEmphasis(body);
  if (emphasis.nesting > MAX_EMPHASIS_NESTING) {
    const depth = NUMBER.format(emphasis.nesting);
    return {
      rule: 'emphasis-nesting',
      reason: `nests emphasis (* _ ~) too deeply to format (${depth} levels)`,
    };
  }
  if (emphasis.work > MAX_EMPHASIS_WORK) {
    return {
      rule: 'emphasis-work',
      reason: 'has too many unmatched emphasis markers (* _ ~) to format',
    };
  }
  const markup = markupEstimate(body, brackets, emphasis.runs);
  if (markup > MAX_MARKUP) {
    const count = NUMBER.format(markup);
    return { rule: 'markup', reason: `has too much markup to format (about ${count} elements)` };
  }
  return null;
}

function countOf(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    count += 1;
  }
  return count;
}

/** Whether a line starting with `character` (after indentation) may start a block. */
function isBlockMarker(character: string): boolean {
  return character === '#' || isContainerStart(character);
}

/**
 * Roughly how many elements `body` becomes, from what marks them: blocks (a line after a blank
 * one, or one starting with a quote, list or heading marker; list items count twice, being
 * twice as dear), HTML tags (`<`, halved for the end tag), table cells (`|`), links (`[`, and the
 * `www.`, `://` and `@` of bare addresses) and emphasis (runs of markers, halved). Errs high: not
 * every `|` or `<` is one.
 */
export function markupEstimate(body: string, brackets: number, emphasisRuns: number): number {
  let blocks = 0;
  let previousBlank = true;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    const first = firstNonBlank(body, start, end);
    const blank = first >= end || (first === end - 1 && body[first] === '\r');
    if (!blank && isBlockMarker(body[first] ?? '')) {
      // Every marker can open its own quote or list item (`- - - x` is three lists), and a list
      // item costs about as much as two other elements.
      const { markers, listMarkers } = lineContainers(body.slice(start, end));
      blocks += Math.max(1, markers + listMarkers);
    } else if (!blank && previousBlank) blocks += 1;
    previousBlank = blank;
    start = end + 1;
  }
  return (
    blocks +
    Math.floor(countOf(body, '<') / 2) +
    countOf(body, '|') +
    brackets +
    countOf(body, 'www.') +
    countOf(body, '://') +
    countOf(body, '@') +
    Math.floor(emphasisRuns / 2)
  );
}

function mostPipesInALine(text: string): number {
  let most = 0;
  let count = 0;
  let lineEnd = text.indexOf('\n');
  for (let at = text.indexOf('|'); at !== -1; at = text.indexOf('|', at + 1)) {
    if (lineEnd !== -1 && at > lineEnd) {
      count = 0;
      lineEnd = text.indexOf('\n', at);
    }
    count += 1;
    if (count > most) most = count;
  }
  return most;
}

// ---- HTML nesting ----------------------------------------------------------------------------

/**
 * Their contents are text to an HTML parser, up to the matching end tag. (Not `noscript`: the
 * pipeline parses HTML with scripting off, so its contents are markup.)
 */
const RAW_TEXT_ELEMENTS = new Set([
  'iframe',
  'noembed',
  'noframes',
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
]);
/** An end tag never closes an element above one of these (HTML's "has an element in scope"). */
const SCOPE_BOUNDARIES = new Set([
  'applet',
  'caption',
  'html',
  'table',
  'td',
  'th',
  'marquee',
  'object',
  'template',
]);
/** End tags handled by HTML's "any other end tag" rule stop at these ("special" elements). */
const SPECIAL_ELEMENTS = new Set([
  ...SCOPE_BOUNDARIES,
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'button',
  'center',
  'colgroup',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'header',
  'hgroup',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'plaintext',
  'pre',
  'search',
  'section',
  'select',
  'summary',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);
/** Opening one of these closes an open `<p>` (HTML closes a paragraph before a block). */
const CLOSES_PARAGRAPH = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dd',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'plaintext',
  'pre',
  'search',
  'section',
  'summary',
  'table',
  'ul',
  'xmp',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Opening the key closes these when they are the innermost element (implied end tags). */
const IMPLIED_CLOSES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['li', new Set(['li'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['td', new Set(['td', 'th'])],
  ['th', new Set(['td', 'th'])],
  ['tr', new Set(['td', 'th', 'tr'])],
  ['tbody', new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot'])],
  ['thead', new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot'])],
  ['tfoot', new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['option', 'optgroup'])],
  ['a', new Set(['a'])],
  ['button', new Set(['button'])],
  ...[...HEADINGS].map((heading): [string, ReadonlySet<string>] => [heading, HEADINGS]),
]);

/** A tag name as an HTML tokenizer reads it: a letter, then anything but space, `/` and `>`. */
const TAG_OPEN = /<(\/?)([A-Za-z][^\s/>]*)/y;

/**
 * How deeply HTML elements in `body` nest, as an HTML parser would build them: elements stay open
 * until a matching end tag in scope (a stray `</span>` closes nothing), `<div/>` opens a div, the
 * usual implied end tags apply (`<p>`, `<li>`, table cells), and comments, quoted attribute values
 * and script or style contents hide what looks like tags in them. Once past `limit` it stops
 * applying scope rules (to stay linear) and returns the deepest level it saw.
 *
 * It does not know Markdown: a tag inside a code span counts as a tag. That errs towards deeper
 * for opening tags; an end tag hidden in a code span could make it report shallower, which is
 * why the renderers also guard the depth of the tree they build.
 */
export function htmlNestingDepth(body: string, limit: number): number {
  // Each level needs its own "<": few of them means shallow, whatever they are.
  let tags = 0;
  for (let at = body.indexOf('<'); at !== -1 && tags <= limit; at = body.indexOf('<', at + 1)) {
    tags += 1;
  }
  if (tags <= limit) return 0;

  const stack: string[] = [];
  const openCount = new Map<string, number>();
  let deepest = 0;
  const push = (name: string): void => {
    stack.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (stack.length > deepest) deepest = stack.length;
  };
  const pop = (): void => {
    const name = stack.pop();
    if (name !== undefined) openCount.set(name, (openCount.get(name) ?? 1) - 1);
  };
  const top = (): string | undefined => stack[stack.length - 1];
  const rawTextEnd = rawTextEnds(body);

  let position = 0;
  while (position < body.length) {
    const next = body.indexOf('<', position);
    if (next === -1) break;
    // Comments, <!DOCTYPE …>, <![CDATA[ … ]]> and <? … >: nothing inside is a tag.
    if (body.startsWith('<!--', next)) {
      // `<!-->` and `<!--->` are whole (empty) comments.
      const empty = body.startsWith('>', next + 4) ? 5 : body.startsWith('->', next + 4) ? 6 : 0;
      position = empty > 0 ? next + empty : endOf(body, '-->', next + 4);
      continue;
    }
    if (body[next + 1] === '!' || body[next + 1] === '?') {
      position = endOf(body, '>', next + 2);
      continue;
    }
    TAG_OPEN.lastIndex = next;
    const match = TAG_OPEN.exec(body);
    if (match === null || match.index !== next) {
      position = next + 1;
      continue;
    }
    const closing = match[1] === '/';
    const name = (match[2] ?? '').toLowerCase();
    const tagEnd = endOfTag(body, next + match[0].length);
    position = tagEnd;
    if (closing) {
      if ((openCount.get(name) ?? 0) === 0) continue; // closes nothing: a parser ignores it
      if (deepest > limit) {
        while (stack.length > 0 && top() !== name) pop();
        pop();
        continue;
      }
      // Close only within scope: `<div><table><td></div>` leaves the div open.
      const stopAt = SPECIAL_ELEMENTS.has(name) ? SCOPE_BOUNDARIES : SPECIAL_ELEMENTS;
      let index = stack.length - 1;
      while (index >= 0 && stack[index] !== name && !stopAt.has(stack[index] ?? '')) index -= 1;
      if (index < 0 || stack[index] !== name) continue;
      while (stack.length > index) pop();
      continue;
    }
    if (VOID_ELEMENTS.has(name)) continue;
    if (CLOSES_PARAGRAPH.has(name) && top() === 'p') pop();
    const implied = IMPLIED_CLOSES.get(name);
    while (implied !== undefined && implied.has(top() ?? '')) pop();
    // Tables get their implied row groups and rows: `<table><td>` is table > tbody > tr > td.
    if ((name === 'tr' || name === 'td' || name === 'th') && top() === 'table') push('tbody');
    if ((name === 'td' || name === 'th') && /^t(body|head|foot)$/.test(top() ?? '')) push('tr');
    push(name);
    if (RAW_TEXT_ELEMENTS.has(name)) {
      position = rawTextEnd(name, position);
      pop();
    } else if (name === 'plaintext') {
      break;
    }
  }
  return deepest;
}

/** Just past the first `needle` at or after `from`, or the end of `text` when there is none. */
function endOf(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at === -1 ? text.length : at + needle.length;
}

/**
 * Finds end tags of raw text elements (`</script`, any case). Searches only move forward and each
 * answer is remembered, so a thousand unclosed `<script>`s cost one scan, not a thousand.
 */
function rawTextEnds(text: string): (name: string, from: number) => number {
  const searches = new Map<string, { pattern: RegExp; found: number }>();
  return (name, from) => {
    let search = searches.get(name);
    if (search === undefined) {
      search = { pattern: new RegExp(`</${name}(?=[\\s/>])`, 'gi'), found: -1 };
      searches.set(name, search);
    }
    if (search.found !== text.length && search.found < from) {
      search.pattern.lastIndex = from;
      const match = search.pattern.exec(text);
      search.found = match === null ? text.length : match.index;
    }
    return search.found;
  };
}

/**
 * Just past the `>` that ends a tag whose name ends at `from`, read as an HTML tokenizer reads
 * attributes: a quote starts a value only right after `=`, and then a `>` inside it is text.
 */
function endOfTag(text: string, from: number): number {
  const length = text.length;
  let state: 'before-name' | 'name' | 'after-name' | 'before-value' | 'unquoted' = 'before-name';
  for (let at = from; at < length; at += 1) {
    const character = text[at];
    if (character === '>' && state !== 'before-value') return at + 1;
    const space = isHtmlSpace(character);
    switch (state) {
      case 'before-name':
        if (!space && character !== '/') state = 'name';
        break;
      case 'name':
        if (space) state = 'after-name';
        else if (character === '/') state = 'before-name';
        else if (character === '=') state = 'before-value';
        break;
      case 'after-name':
        if (character === '=') state = 'before-value';
        else if (character === '/') state = 'before-name';
        else if (!space) state = 'name';
        break;
      case 'before-value':
        if (character === '>') return at + 1;
        if (character === '"' || character === "'") {
          const close = text.indexOf(character, at + 1);
          if (close === -1) return length;
          at = close;
          state = 'before-name';
        } else if (!space) state = 'unquoted';
        break;
      case 'unquoted':
        if (space) state = 'before-name';
        break;
    }
  }
  return length;
}

function isHtmlSpace(character: string | undefined): boolean {
  return (
    character === ' ' ||
    character === '\t' ||
    character === '\n' ||
    character === '\f' ||
    character === '\r'
  );
}

// ---- Markdown container nesting -----------------------------------------------------------

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * The deepest Markdown container nesting any line opens: each `>` and list marker at the start of
 * a line (`> > - 1. x`) is a level, and so is every two columns of indentation before a list
 * marker (a nested list needs at least two more per level). Errs towards deeper.
 */
export function containerNestingDepth(body: string): number {
  let deepest = 0;
  let start = 0;
  while (start < body.length) {
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    // Only lines that start with a container marker, after indentation, can nest.
    const first = firstNonBlank(body, start, end);
    if (first < end && isContainerStart(body[first] ?? '')) {
      const depth = lineContainerDepth(body.slice(start, end));
      if (depth > deepest) deepest = depth;
    }
    start = end + 1;
  }
  return deepest;
}

function firstNonBlank(text: string, start: number, end: number): number {
  let at = start;
  while (at < end && (text[at] === ' ' || text[at] === '\t')) at += 1;
  return at;
}

function isContainerStart(character: string): boolean {
  return character === '>' || character === '-' || character === '+' || character === '*'
    ? true
    : character >= '0' && character <= '9';
}

function lineContainerDepth(line: string): number {
  const { markers, spaces } = lineContainers(line);
  if (markers === 0) return 0;
  // A space after each marker is ordinary; more indentation than that stands for parents on
  // earlier lines, at least one per two columns.
  return markers + Math.floor(Math.max(0, spaces - markers) / 2);
}

/** The quote and list markers that open `line`, and the columns of white space among them. */
function lineContainers(line: string): { markers: number; listMarkers: number; spaces: number } {
  if (THEMATIC_BREAK.test(line)) return { markers: 0, listMarkers: 0, spaces: 0 };
  let markers = 0;
  let listMarkers = 0;
  let spaces = 0;
  let column = 0;
  let at = 0;
  for (;;) {
    while (line[at] === ' ' || line[at] === '\t') {
      const width = line[at] === '\t' ? 4 - (column % 4) : 1;
      spaces += width;
      column += width;
      at += 1;
    }
    const marker = line[at] === '>' ? '>' : LIST_MARKER.exec(line.slice(at, at + 11))?.[0];
    if (marker === undefined) break;
    markers += 1;
    if (marker !== '>') listMarkers += 1;
    column += marker.length;
    at += marker.length;
  }
  return { markers, listMarkers, spaces };
}

// ---- Emphasis ---------------------------------------------------------------------------------

/**
 * An HTML tag Markdown passes through (CommonMark's open and closing tag syntax) on one line
 * without backticks. Its attribute values are not text, so `target="_blank"` is no emphasis.
 */
const INLINE_TAG =
  /<(?:[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^\s"'=<>`]+|'[^'`\n]*'|"[^"`\n]*"))?)*[ \t]*\/?|\/[A-Za-z][A-Za-z0-9-]*[ \t]*)>/g;
const EMPHASIS_RUN = /\*+|_+|~+/g;
const WHITESPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;
/** A line that starts its own block, so emphasis cannot continue across it. */
const BLOCK_START =
  /^ {0,3}(?:>[ \t]*)*(?: {0,3})(?:[-+*][ \t]+\S|1[.)][ \t]+\S|#{1,6}(?:[ \t]|$))/;
const MARKERS = ['*', '_', '~'] as const;
type Marker = (typeof MARKERS)[number];

export interface EmphasisMeasure {
  /** Most emphasis levels that could be open at one point of a paragraph. */
  readonly nesting: number;
  /** Runs of markers that could open or close emphasis. */
  readonly runs: number;
  /**
   * Work matching closing markers with opening ones, summed over the body, in characters: each
   * closer walks back to its opener (an unmatched one to the start of its paragraph), and each
   * open marker it passes costs {@link OPENER_PASS_COST} more.
   */
  readonly work: number;
}

/** One run of markers, read with CommonMark's flanking rules. */
interface Run {
  readonly marker: Marker;
  readonly at: number;
  readonly length: number;
  readonly canOpen: boolean;
  readonly canClose: boolean;
}

/**
 * Emphasis markers paragraph by paragraph (lines up to a blank line, a list item or a heading),
 * matched roughly as micromark matches them: a closer takes the nearest openers of its kind. Gives
 * how deep emphasis could nest and how far the matching walks, the cause of its quadratic time.
 */
export function measureEmphasis(body: string): EmphasisMeasure {
  const runs = emphasisRuns(body);
  if (runs.length === 0) return { nesting: 0, runs: 0, work: 0 };
  let nesting = 0;
  let work = 0;
  let first = 0;
  // Paragraph by paragraph: each ends before a blank line or a line that starts a block.
  let paragraphStart = 0;
  let start = 0;
  while (start <= body.length && first < runs.length) {
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    if (startsParagraph(body, start, end)) {
      const next = runsFrom(runs, first, start);
      if (next > first) {
        const measure = measureParagraph(runs, first, next, paragraphStart);
        if (measure.nesting > nesting) nesting = measure.nesting;
        work += measure.work;
      }
      first = next;
      paragraphStart = start;
    }
    start = end + 1;
  }
  if (first < runs.length) {
    const measure = measureParagraph(runs, first, runs.length, paragraphStart);
    if (measure.nesting > nesting) nesting = measure.nesting;
    work += measure.work;
  }
  return { nesting, runs: runs.length, work };
}

/** Whether the line `text[start, end)` ends the paragraph before it (blank, or a new block). */
function startsParagraph(text: string, start: number, end: number): boolean {
  const first = firstNonBlank(text, start, end);
  if (first >= end || text[first] === '\r') return true;
  const character = text[first];
  if (
    character !== '>' &&
    character !== '-' &&
    character !== '+' &&
    character !== '*' &&
    character !== '1' &&
    character !== '#'
  ) {
    return false;
  }
  return BLOCK_START.test(text.slice(start, end));
}

/** The index of the first run at or after position `at`, searching from `from`. */
function runsFrom(runs: readonly Run[], from: number, at: number): number {
  let index = from;
  while (index < runs.length && (runs[index]?.at ?? 0) < at) index += 1;
  return index;
}

function measureParagraph(
  runs: readonly Run[],
  from: number,
  to: number,
  paragraphStart: number,
): { nesting: number; work: number } {
  const closersLeft: Record<Marker, number> = { '*': 0, _: 0, '~': 0 };
  for (let index = from; index < to; index += 1) {
    const run = runs[index]!;
    if (run.canClose) closersLeft[run.marker] += run.length;
  }
  /** Open markers of each kind, innermost last: where each run starts and how many are left. */
  const open: Record<Marker, { at: number; left: number }[]> = { '*': [], _: [], '~': [] };
  const openCount: Record<Marker, number> = { '*': 0, _: 0, '~': 0 };
  let openRuns = 0;
  let nesting = 0;
  let work = 0;
  for (let index = from; index < to; index += 1) {
    const run = runs[index]!;
    let left = run.length;
    if (run.canClose) {
      // Each level could close only if something opened before it and something closes after.
      let possible = 0;
      for (const marker of MARKERS) possible += Math.min(openCount[marker], closersLeft[marker]);
      if (possible > nesting) nesting = possible;
      closersLeft[run.marker] -= run.length;
      // At most every open marker is passed on the way back.
      work += openRuns * OPENER_PASS_COST;
      const stack = open[run.marker];
      while (left > 0) {
        const opener = stack[stack.length - 1];
        if (opener === undefined) {
          // Nothing to match: the search runs back to the paragraph's start.
          work += run.at - paragraphStart;
          break;
        }
        work += run.at - opener.at;
        const used = Math.min(left, opener.left);
        opener.left -= used;
        openCount[run.marker] -= used;
        left -= used;
        if (opener.left === 0) {
          stack.pop();
          openRuns -= 1;
        }
      }
    }
    if (run.canOpen && left > 0) {
      open[run.marker].push({ at: run.at, left });
      openCount[run.marker] += left;
      openRuns += 1;
    }
  }
  return { nesting, work };
}

/** Runs of `*`, `_` and `~` (one or two) outside HTML tags, unescaped, that could open or close. */
function emphasisRuns(text: string): Run[] {
  const runs: Run[] = [];
  if (text.indexOf('*') === -1 && text.indexOf('_') === -1 && text.indexOf('~') === -1) {
    return runs;
  }
  let position = 0;
  // The next run found past the last stretch scanned, kept so no stretch is searched twice.
  let ahead: RegExpExecArray | null | undefined;
  const scan = (to: number): void => {
    if (ahead === undefined || (ahead !== null && ahead.index < position)) {
      EMPHASIS_RUN.lastIndex = position;
      ahead = EMPHASIS_RUN.exec(text);
    }
    for (let match = ahead; match !== null; match = ahead = EMPHASIS_RUN.exec(text)) {
      if (match.index >= to) break;
      let at = match.index;
      let length = match[0].length;
      if (isEscaped(text, at)) {
        at += 1;
        length -= 1;
      }
      const marker = match[0][0] as Marker;
      if (length === 0 || (marker === '~' && length > 2)) continue;
      const before = at > 0 ? text.charCodeAt(at - 1) : SPACE;
      const after = at + length < text.length ? text.charCodeAt(at + length) : SPACE;
      const beforeSpace = isWhitespace(before);
      const afterSpace = isWhitespace(after);
      const beforePunctuation = isPunctuation(before);
      const afterPunctuation = isPunctuation(after);
      const left = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation);
      const right = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation);
      const canOpen = marker === '_' ? left && (!right || beforePunctuation) : left;
      const canClose = marker === '_' ? right && (!left || afterPunctuation) : right;
      if (canOpen || canClose) runs.push({ marker, at, length, canOpen, canClose });
    }
  };
  INLINE_TAG.lastIndex = 0;
  for (let tag = INLINE_TAG.exec(text); tag !== null; tag = INLINE_TAG.exec(text)) {
    if (isEscaped(text, tag.index)) {
      INLINE_TAG.lastIndex = tag.index + 1;
      continue;
    }
    scan(tag.index);
    position = tag.index + tag[0].length;
  }
  scan(text.length);
  return runs;
}

const SPACE = 0x20;

/** Unicode white space (CommonMark), with a fast path for ASCII. */
function isWhitespace(code: number): boolean {
  if (code < 0x80) return code === SPACE || (code >= 0x09 && code <= 0x0d);
  return WHITESPACE.test(String.fromCharCode(code));
}

/** Unicode punctuation or symbol (CommonMark), with a fast path for ASCII. */
function isPunctuation(code: number): boolean {
  if (code < 0x80) {
    return (
      (code >= 0x21 && code <= 0x2f) ||
      (code >= 0x3a && code <= 0x40) ||
      (code >= 0x5b && code <= 0x60) ||
      (code >= 0x7b && code <= 0x7e)
    );
  }
  return PUNCTUATION.test(String.fromCharCode(code));
}

/** Whether the character at `at` is escaped by an odd number of backslashes before it. */
function isEscaped(text: string, at: number): boolean {
  let slashes = 0;
  while (at - slashes - 1 >= 0 && text[at - slashes - 1] === '\\') slashes += 1;
  return slashes % 2 === 1;
}
