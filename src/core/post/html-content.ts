import { Parser } from 'htmlparser2';
import { collapseWhitespace } from './collapse-whitespace';
import { MAX_HTML_DEPTH, flattenHtmlText, isNestedDeeperThan } from './deep-html';
import { readLeadIn, startsWithMarker, type InlineSegment, type LeadIn } from './lead-in';

/** What the parser needs from a body's HTML, gathered in one streaming pass. */
export interface HtmlContent {
  /** Readable text: no tags, no script/style, entities decoded, one line per block. */
  readonly text: string;
  /** Text of the first `<h1>`, whitespace collapsed. */
  readonly firstHeading: string | null;
  /** Bold lead-in items that stand in runs of at least two, in document order. */
  readonly areaItems: readonly LeadIn[];
  /** Nested too deeply to read its structure: only the text was read. */
  readonly flattened: boolean;
}

/** Marks a block boundary in the collected text; NUL never survives decoding into a post. */
const BLOCK_BREAK = '\0';

// Contents never shown to a reader.
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'head', 'iframe', 'object']);
const BOLD = new Set(['strong', 'b']);
const HEADING_LEVEL: ReadonlyMap<string, number> = new Map([
  ['h1', 1],
  ['h2', 2],
  ['h3', 3],
  ['h4', 4],
  ['h5', 5],
  ['h6', 6],
]);
// Block-level elements other than p, li and headings: they separate lines of text and break a
// run of list-like paragraphs.
const CONTAINERS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hgroup',
  'hr',
  'html',
  'main',
  'menu',
  'nav',
  'ol',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/**
 * Receives the inline text of one block. `group` identifies the run the block's items may join:
 * the list for `<li>`s, the parent element for paragraphs.
 */
interface CaptureOwner {
  readonly group: number;
  readonly kind: 'flow' | 'list-item' | 'heading';
  readonly headingLevel: number;
  segments: InlineSegment[] | null;
  /** A list item stops collecting once a nested list (or other block) starts inside it. */
  sealed: boolean;
}

interface OpenElement {
  readonly name: string;
  /** The element whose children form one run (nearest block ancestor, or this block). */
  readonly flowId: number;
  readonly owner: CaptureOwner;
  readonly role: 'hidden' | 'bold' | 'inline' | 'block' | 'list-paragraph';
}

/** One item found in a block, or `null` for a block that interrupts a run. */
interface AreaRecord {
  readonly group: number;
  readonly item: LeadIn | null;
}

/**
 * Walks HTML once with htmlparser2 (streaming, so 10,000 nested elements cost no stack) and
 * returns the readable text, the first `<h1>` and the cooperation-area items.
 *
 * Area items are `<li>`s of one list, or consecutive paragraphs (or lines within a paragraph)
 * starting with a marker such as `a.` or `(ii)`, whose text opens with a bold lead-in — see
 * {@link readLeadIn}. Only runs of at least two count: one bold-led paragraph is a dateline or a
 * heading, not a list of areas.
 */
export function extractHtmlContent(html: string): HtmlContent {
  if (isNestedDeeperThan(html, MAX_HTML_DEPTH)) {
    return { text: flattenHtmlText(html), firstHeading: null, areaItems: [], flattened: true };
  }
  const textParts: string[] = [];
  const records: AreaRecord[] = [];
  let firstHeading: string | null = null;
  let hiddenDepth = 0;
  let boldDepth = 0;
  let nextId = 0;

  const rootOwner = newOwner(0, 'flow', 0);
  const stack: OpenElement[] = [{ name: '#root', flowId: 0, owner: rootOwner, role: 'block' }];

  const finish = (owner: CaptureOwner): void => {
    const segments = owner.segments;
    owner.segments = null;
    if (segments === null || segments.length === 0) return;
    if (owner.kind === 'heading') {
      if (owner.headingLevel === 1 && firstHeading === null) {
        const heading = collapseWhitespace(segments.map((segment) => segment.text).join(''));
        if (heading !== '') firstHeading = heading;
      }
    } else if (owner.kind === 'list-item') {
      records.push({ group: owner.group, item: readLeadIn(segments, false) });
    } else {
      for (const line of splitAtMarkerLines(segments)) {
        records.push({ group: owner.group, item: readLeadIn(line, true) });
      }
    }
  };

  const parser = new Parser(
    {
      onopentag(name) {
        const parent = stack[stack.length - 1] ?? stack[0]!;
        if (hiddenDepth > 0 || HIDDEN.has(name)) {
          if (HIDDEN.has(name)) hiddenDepth += 1;
          stack.push({ ...parent, name, role: HIDDEN.has(name) ? 'hidden' : 'inline' });
          return;
        }
        if (BOLD.has(name)) {
          boldDepth += 1;
          stack.push({ ...parent, name, role: 'bold' });
          return;
        }
        if (name === 'br') {
          textParts.push(BLOCK_BREAK);
          parent.owner.segments?.push({ text: '\n', bold: false });
          stack.push({ ...parent, name, role: 'inline' });
          return;
        }
        const isParagraph = name === 'p';
        const headingLevel = HEADING_LEVEL.get(name) ?? 0;
        if (!isParagraph && name !== 'li' && headingLevel === 0 && !CONTAINERS.has(name)) {
          stack.push({ ...parent, name, role: 'inline' });
          return;
        }
        textParts.push(BLOCK_BREAK);
        // Editors (tiptap) wrap list item text in <p>: it still belongs to the item.
        if (
          isParagraph &&
          parent.role === 'block' &&
          parent.owner.kind === 'list-item' &&
          parent.name === 'li'
        ) {
          const segments = parent.owner.segments;
          if (segments !== null && segments.length > 0) segments.push({ text: '\n', bold: false });
          stack.push({ ...parent, name, role: 'list-paragraph' });
          return;
        }
        // A block inside another block's text ends that text (a nested list ends its item).
        const interrupted = parent.owner;
        if (interrupted.segments !== null && interrupted.segments.length > 0) finish(interrupted);
        interrupted.segments = null;
        if (interrupted.kind === 'list-item') interrupted.sealed = true;

        nextId += 1;
        let owner: CaptureOwner;
        if (name === 'li') owner = newOwner(parent.flowId, 'list-item', 0);
        else if (isParagraph) owner = newOwner(parent.flowId, 'flow', 0);
        else {
          records.push({ group: parent.flowId, item: null });
          owner = newOwner(
            headingLevel > 0 ? parent.flowId : nextId,
            headingLevel > 0 ? 'heading' : 'flow',
            headingLevel,
          );
        }
        stack.push({ name, flowId: nextId, owner, role: 'block' });
      },
      ontext(data) {
        if (hiddenDepth > 0) return;
        textParts.push(data);
        const owner = (stack[stack.length - 1] ?? stack[0]!).owner;
        if (owner.sealed) return;
        if (owner.segments === null) {
          if (data.trim() === '') return;
          owner.segments = [];
        }
        owner.segments.push({ text: data, bold: boldDepth > 0 });
      },
      onclosetag(name) {
        const element = stack[stack.length - 1];
        // htmlparser2 reports a close for every open, implied ones included; the guard only
        // protects the root from an unexpected extra close.
        if (element === undefined || stack.length === 1 || element.name !== name) return;
        stack.pop();
        if (element.role === 'hidden') hiddenDepth -= 1;
        else if (element.role === 'bold') boldDepth -= 1;
        else if (element.role === 'list-paragraph') textParts.push(BLOCK_BREAK);
        else if (element.role === 'block') {
          textParts.push(BLOCK_BREAK);
          finish(element.owner);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  finish(rootOwner);

  return {
    text: collapseLines(textParts.join('')),
    firstHeading,
    areaItems: selectRuns(records),
    flattened: false,
  };
}

function newOwner(group: number, kind: CaptureOwner['kind'], headingLevel: number): CaptureOwner {
  return { group, kind, headingLevel, segments: null, sealed: false };
}

/**
 * Splits a paragraph's text where a new line starts with a marker, so "(i) **A**: …\n(ii) **B**: …"
 * written as one Markdown paragraph gives two items. Soft-wrapped lines stay together.
 */
function splitAtMarkerLines(segments: readonly InlineSegment[]): InlineSegment[][] {
  let text = '';
  const starts: number[] = [];
  for (const segment of segments) {
    starts.push(text.length);
    text += segment.text;
  }
  const cuts: number[] = [];
  for (
    let newline = text.indexOf('\n');
    newline !== -1;
    newline = text.indexOf('\n', newline + 1)
  ) {
    if (startsWithMarker(text, newline + 1)) cuts.push(newline + 1);
  }
  if (cuts.length === 0) return [segments.slice()];

  const lines: InlineSegment[][] = [];
  let current: InlineSegment[] = [];
  let cut = 0;
  segments.forEach((segment, index) => {
    const start = starts[index] ?? 0;
    let offset = 0;
    while (cut < cuts.length && (cuts[cut] ?? Infinity) < start + segment.text.length) {
      const local = (cuts[cut] ?? 0) - start;
      if (local > offset)
        current.push({ text: segment.text.slice(offset, local), bold: segment.bold });
      lines.push(current);
      current = [];
      offset = Math.max(offset, local);
      cut += 1;
    }
    if (offset < segment.text.length)
      current.push({ text: segment.text.slice(offset), bold: segment.bold });
  });
  lines.push(current);
  return lines.filter((line) => line.length > 0);
}

/** Keeps items that stand in runs of two or more within their group, in document order. */
function selectRuns(records: readonly AreaRecord[]): LeadIn[] {
  const open = new Map<number, number[]>();
  const chosen: number[] = [];
  const close = (group: number): void => {
    const run = open.get(group);
    if (run !== undefined && run.length >= 2) chosen.push(...run);
    open.delete(group);
  };
  records.forEach((record, index) => {
    if (record.item === null) close(record.group);
    else {
      const run = open.get(record.group);
      if (run === undefined) open.set(record.group, [index]);
      else run.push(index);
    }
  });
  for (const group of [...open.keys()]) close(group);
  chosen.sort((a, b) => a - b);
  const items: LeadIn[] = [];
  for (const index of chosen) {
    const item = records[index]?.item;
    if (item) items.push(item);
  }
  return items;
}

function collapseLines(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(BLOCK_BREAK)) {
    const collapsed = collapseWhitespace(line);
    if (collapsed !== '') lines.push(collapsed);
  }
  return lines.join('\n');
}
