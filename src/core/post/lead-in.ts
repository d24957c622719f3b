import { MAX_AREA_NAME_LENGTH, cleanAreaName } from './area-names';
import { collapseWhitespace } from './collapse-whitespace';

/** A piece of an item's inline text, and whether it is inside `<strong>`/`<b>`. */
export interface InlineSegment {
  readonly text: string;
  readonly bold: boolean;
}

/** A list entry that opens with a bold name: "**Information Exchange**: Sharing expertise…". */
export interface LeadIn {
  /** The bold name, with letters the markup split off re-attached; not yet alias-mapped. */
  readonly name: string;
  /** The entry's text without its marker, whitespace collapsed, at most 240 characters. */
  readonly sentence: string;
}

export const MAX_SENTENCE_LENGTH = 240;

/**
 * Item markers written as text: `a.` `b)` `(ii)` `iv.` `1)` `2.` `(3)` `-` `*` `•`. Must be
 * followed by whitespace so "I.e." or "-based" never count.
 */
const MARKER =
  /(?:\((?:[ivxlcdm]{1,6}|[a-z]|\d{1,3})\)|(?:[ivxlcdm]{1,6}|[a-z]|\d{1,3})[.)]|[-*•‣◦▪·–])(?=\s)/iy;

/** Whether text (from `from`, after optional spaces) starts with an item marker. */
export function startsWithMarker(text: string, from = 0): boolean {
  return markerEnd(text, skipSpaces(text, from)) !== -1;
}

/**
 * Reads an item's bold lead-in. The item must start (after its marker, which `markerRequired`
 * makes mandatory for paragraphs and lines) with bold text that is followed by `:` or a dash,
 * either inside the bold or right after it. Letters glued to the end of the bold run belong to
 * the name, because editors split words: `<strong>Standardisation Activitie</strong>s:`.
 */
export function readLeadIn(
  segments: readonly InlineSegment[],
  markerRequired: boolean,
): LeadIn | null {
  let text = '';
  const boldStarts: number[] = [];
  const boldEnds: number[] = [];
  for (const segment of segments) {
    const start = text.length;
    text += segment.text;
    if (!segment.bold || segment.text === '') continue;
    if (boldEnds.length > 0 && boldEnds[boldEnds.length - 1] === start)
      boldEnds[boldEnds.length - 1] = text.length;
    else {
      boldStarts.push(start);
      boldEnds.push(text.length);
    }
  }
  if (boldStarts.length === 0) return null;

  let position = skipSpaces(text, 0);
  const afterMarker = markerEnd(text, position);
  if (afterMarker !== -1) position = skipSpaces(text, afterMarker);
  else if (markerRequired) return null;
  const contentStart = position;

  // The first character after the marker must be bold (the run may begin before it, e.g. when
  // the marker itself is in bold).
  let run = boldEnds.findIndex((end) => end > position);
  if (run === -1 || (boldStarts[run] ?? Infinity) > position) return null;
  let boldEnd = boldEnds[run] ?? position;
  // Adjacent bold runs separated only by spaces form one name ("<b>Joint</b> <b>Testing</b>").
  while (run + 1 < boldStarts.length && text.slice(boldEnd, boldStarts[run + 1]).trim() === '') {
    run += 1;
    boldEnd = boldEnds[run] ?? boldEnd;
  }

  const name = nameFrom(text.slice(position, boldEnd), text.slice(boldEnd, boldEnd + 200));
  if (name === null) return null;
  return { name, sentence: sentenceFrom(text.slice(contentStart)) };
}

// Inside the bold: a colon anywhere, a spaced dash, or a dash ending the bold ("Name –"). An
// unspaced dash inside ("Singapore–EU Partnership") is part of the name.
const SEPARATOR_INSIDE = /\s*(?::|\s[-–—](?=\s|$)|[-–—]\s*$)/;
// Right after the bold: glued letters, then a colon or a dash ("-" only when spaced).
const SEPARATOR_AFTER = /^([\p{L}\p{N}'’]*)\s*(?::|[–—]|-(?=\s|$))/u;

function nameFrom(bold: string, after: string): string | null {
  if (bold.length > MAX_AREA_NAME_LENGTH * 4) return null; // a bold paragraph, not a name
  const inside = SEPARATOR_INSIDE.exec(bold);
  let raw: string | null = null;
  if (inside && bold.slice(inside.index + inside[0].length).trim() === '') {
    raw = bold.slice(0, inside.index); // "<b>Name:</b> text"
  } else if (inside && inside.index > 0) {
    raw = bold.slice(0, inside.index); // "<b>Name: more bold</b>"
  } else {
    const glued = SEPARATOR_AFTER.exec(after);
    if (glued) raw = bold + (glued[1] ?? '');
  }
  if (raw === null) return null;
  const name = cleanAreaName(raw);
  if (name === '' || name.length > MAX_AREA_NAME_LENGTH || !/\p{L}/u.test(name)) return null;
  return name;
}

function sentenceFrom(text: string): string {
  const sentence = collapseWhitespace(text);
  return sentence.length > MAX_SENTENCE_LENGTH
    ? `${sentence.slice(0, MAX_SENTENCE_LENGTH - 1)}…`
    : sentence;
}

function markerEnd(text: string, from: number): number {
  MARKER.lastIndex = from;
  return MARKER.test(text) ? MARKER.lastIndex : -1;
}

function skipSpaces(text: string, from: number): number {
  let position = from;
  while (position < text.length && /\s/.test(text[position] ?? '')) position += 1;
  return position;
}
