import type { MatchRange, Snippet } from '@shared/query';
import { createTermPattern, foldText } from './tokenize';

/** Default passage length in UTF-16 units, ellipses excluded. */
export const DEFAULT_SNIPPET_LENGTH = 180;

const ELLIPSIS = '…';
const WHITESPACE = /\s/;
const ANY_NON_WHITESPACE = /\S/;
const WHITESPACE_GLOBAL = /\s/g;
const TERM_PATTERN = createTermPattern();
const CJK_UNIT = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]/;

interface Span {
  readonly start: number;
  readonly end: number;
}

const isWhitespaceAt = (text: string, index: number): boolean =>
  WHITESPACE.test(text.charAt(index));
const isCjkAt = (text: string, index: number): boolean => CJK_UNIT.test(text.charAt(index));
const isLowSurrogateAt = (text: string, index: number): boolean => {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
};

/**
 * Calls `visit` with the original-text span of every term occurrence in `text[from, to)` that is
 * in `terms`, in order, until `visit` returns `false`. Terms are folded index terms; each run of
 * the original text is folded the way the tokenizer folds it, so `cafe` finds `Café` and the
 * reported offsets are those of `Café` in the original.
 */
function forEachMatch(
  text: string,
  terms: ReadonlySet<string>,
  from: number,
  to: number,
  visit: (start: number, end: number) => boolean,
): void {
  // Shared instance: `visit` never re-enters this function, so `lastIndex` is ours until we return.
  const pattern = TERM_PATTERN;
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const start = match.index;
    if (start >= to) return;
    const run = match[0];
    if (match[1] === undefined) {
      if (terms.has(foldText(run)) && !visit(start, start + run.length)) return;
      continue;
    }
    // A CJK run: the index holds its bigrams and its last character. Fold per code point and
    // keep each one's original offsets, so a folding that changes lengths cannot shift ranges;
    // a code point that folds to nothing (a stray accent) joins the character before it.
    const characters: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    let offset = start;
    for (const codePoint of run) {
      const folded = foldText(codePoint);
      if (folded === '' && ends.length > 0) ends[ends.length - 1] = offset + codePoint.length;
      else if (folded !== '') {
        characters.push(folded);
        starts.push(offset);
        ends.push(offset + codePoint.length);
      }
      offset += codePoint.length;
    }
    const last = characters.length - 1;
    for (let i = 0; i <= last; i += 1) {
      const characterStart = starts[i] as number;
      if (characterStart >= to) return;
      if (i < last && terms.has((characters[i] as string) + characters[i + 1])) {
        if (!visit(characterStart, ends[i + 1] as number)) return;
      }
      if (i === last && terms.has(characters[i] as string)) {
        if (!visit(characterStart, ends[i] as number)) return;
      }
    }
  }
}

const WORD_UNIT = /[\p{L}\p{N}\p{M}]/u;

/** Whether the UTF-16 unit at `index` belongs to a word, CJK included; ASCII without a regex. */
function isWordUnitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x80)
    return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122);
  return WORD_UNIT.test(text.charAt(index));
}

const isNonCjkWordUnitAt = (text: string, index: number): boolean =>
  isWordUnitAt(text, index) && (text.charCodeAt(index) < 0x80 || !isCjkAt(text, index));

/** Moves `index` back to the start of the (non-CJK) word it is in. */
function wordStartBefore(text: string, index: number): number {
  let start = index;
  while (start > 0 && isNonCjkWordUnitAt(text, start - 1)) start -= 1;
  return start;
}

/** The run of word characters (any script) around `[start, end)`. */
function surroundingRun(text: string, start: number, end: number): Span {
  let runStart = start;
  let runEnd = end;
  while (runStart > 0 && isWordUnitAt(text, runStart - 1)) runStart -= 1;
  while (runEnd < text.length && isWordUnitAt(text, runEnd)) runEnd += 1;
  return { start: runStart, end: runEnd };
}

/**
 * Letters whose folded form may differ from their lower case: non-ASCII letters, digits and
 * marks outside Han, kana and Hangul (which fold to themselves; half-width katakana, which do
 * not, are left out as too rare to pay for).
 */
const FOLDABLE = new RegExp(
  '^[[\\p{L}\\p{N}\\p{M}]--[A-Za-z0-9]--[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}]]$',
  'v',
);

/** The smallest index at which any term occurs in `haystack` as a substring, or -1. */
function earliestOccurrence(haystack: string, terms: ReadonlySet<string>): number {
  let earliest = -1;
  for (const term of terms) {
    const index = haystack.indexOf(term);
    if (index >= 0 && (earliest < 0 || index < earliest)) earliest = index;
  }
  return earliest;
}

/**
 * The first occurrence of a term as a token (not inside a longer word). Scanning token by token
 * from the start costs a regex match and a fold per word, and folding the whole text costs a
 * normalization of all of it; both add up over hundreds of hits. Instead find a candidate: the
 * earliest place a term occurs as a substring of the lower-cased text, or, earlier, a word whose
 * fold differs from its lower case (an accented word) and contains a term. A token match is
 * always one or the other, so the exact token scan can start at the candidate, and no candidate
 * means no match. Folding never merges or splits words, so a term found in the folded text is in
 * the fold of one of its words.
 */
function findFirstMatch(text: string, terms: ReadonlySet<string>): Span | null {
  if (terms.size === 0) return null;
  const lower = text.toLowerCase();
  // Lower-casing that changes the length (`İ`) would shift offsets: scan everything.
  let candidate = lower.length === text.length ? earliestOccurrence(lower, terms) : 0;
  // Nothing in the lower case: one normalization of the whole text tells whether folding finds
  // anything at all, cheaper than folding accented words one by one when nothing is there.
  if (candidate < 0 && earliestOccurrence(foldText(text), terms) < 0) return null;
  const limit = candidate < 0 ? text.length : candidate;
  // Every foldable letter is outside ASCII, and most text is ASCII: test only the other
  // characters against the Unicode-set expression (scanning with it is several times slower).
  for (let index = 0; index < limit; index += 1) {
    if (text.charCodeAt(index) < 0x80) continue;
    const codePoint = text.codePointAt(index)!;
    const character = String.fromCodePoint(codePoint);
    if (!FOLDABLE.test(character)) {
      index += character.length - 1;
      continue;
    }
    // The whole run, CJK included: a stray accent inside a CJK run changes that run's terms.
    const run = surroundingRun(text, index, index + character.length);
    if (earliestOccurrence(foldText(text.slice(run.start, run.end)), terms) >= 0) {
      candidate = run.start;
      break;
    }
    index = run.end - 1;
  }
  if (candidate < 0) return null;
  let first: Span | null = null;
  forEachMatch(text, terms, wordStartBefore(text, candidate), text.length, (start, end) => {
    first = { start, end };
    return false;
  });
  return first;
}

/** The first position in `[from, limit]` where a passage may start: after a space or inside CJK. */
function passageStart(text: string, from: number, limit: number): number {
  for (let index = from; index < limit; index += 1) {
    if (isLowSurrogateAt(text, index) || isWhitespaceAt(text, index)) continue;
    if (index === 0 || isWhitespaceAt(text, index - 1) || isCjkAt(text, index)) return index;
  }
  return limit;
}

/** The last position in `[limit, from]` where a passage may end: before a space or inside CJK. */
function passageEnd(text: string, from: number, limit: number): number {
  for (let index = from; index > limit; index -= 1) {
    if (isWhitespaceAt(text, index)) return index;
    if (isCjkAt(text, index) && isCjkAt(text, index - 1)) return index;
  }
  return isLowSurrogateAt(text, from) ? from + 1 : from;
}

/**
 * A passage of `text` around the first occurrence of any of `terms` (folded index terms, as in
 * `SearchHit.terms`), about `maxLength` long, starting and ending at word boundaries, with `…`
 * where the text was cut and `ranges` covering every occurrence of every term in the passage.
 * Line breaks become spaces (one for one, so ranges stay exact). Without any occurrence — the
 * match was in the title, say — the passage is the start of the text with no ranges.
 */
export function buildSnippet(
  text: string,
  terms: Iterable<string>,
  maxLength: number = DEFAULT_SNIPPET_LENGTH,
): Snippet {
  return cutSnippet(text, termSetOf(terms), maxLength, true)!;
}

/**
 * {@link buildSnippet} of a text known only by its beginning, `head` (any prefix of it that does
 * not split a character): the same snippet whenever the head decides it — a term occurs in it and
 * the passage ends well inside it — else `null`, and the whole text is needed.
 *
 * A word the head cuts short is harmless: it is the head's last word, so it either lies after the
 * passage, or is the first match itself, and then the passage runs to the head's end (`null`).
 *
 * Why: most snippets are cut from a text's first paragraphs (the passage ended within the first
 * 1,000 characters for 86% of the benchmark's), yet finding the first match lower-cased and
 * searched all of the text, and reading it from the cache file decoded all of it.
 *
 * @example
 * const head = 'Joint testing of models and benchmarks by both institu';
 * buildSnippetFromHead(head, ['testing'], 20); // → '…testing of models…', as for the whole text
 * buildSnippetFromHead(head, ['both'], 20); // → null: the passage would end with the head
 * buildSnippetFromHead(head, ['safety'], 20); // → null: the first match may come later
 */
export function buildSnippetFromHead(
  head: string,
  terms: Iterable<string>,
  maxLength: number = DEFAULT_SNIPPET_LENGTH,
): Snippet | null {
  return cutSnippet(head, termSetOf(terms), maxLength, false);
}

const termSetOf = (terms: Iterable<string>): ReadonlySet<string> =>
  terms instanceof Set ? (terms as ReadonlySet<string>) : new Set(terms);

/**
 * The snippet of `text`; when `text` is only the head of the text (`whole` false), `null`
 * wherever what follows the head could change it.
 */
function cutSnippet(
  text: string,
  termSet: ReadonlySet<string>,
  maxLength: number,
  whole: boolean,
): Snippet | null {
  const length = Math.max(1, Math.floor(maxLength));
  const firstMatch = findFirstMatch(text, termSet);
  // Without a match in the head, the first one may come later.
  if (!whole && firstMatch === null) return null;

  // Show a little context before the match (a quarter of the passage), more only when the match
  // is near the end and the passage would otherwise come out short. Without a match, start at
  // the first word of the text.
  const context = Math.max(
    Math.floor(length / 4),
    length - (text.length - (firstMatch?.start ?? 0)),
  );
  const start =
    firstMatch === null
      ? passageStart(text, 0, text.length)
      : passageStart(text, Math.max(0, firstMatch.start - context), firstMatch.start);
  const mustInclude = Math.max(firstMatch?.end ?? 0, start + 1);
  const target = Math.max(start + length, mustInclude);
  const end = target >= text.length ? text.length : passageEnd(text, target, mustInclude);

  const passage = text.slice(start, end).trimEnd();
  if (passage.trim() === '') return { text: '', ranges: [] };
  const cutBefore = start > 0 && ANY_NON_WHITESPACE.test(text.slice(0, start));
  const cutAfter = ANY_NON_WHITESPACE.test(text.slice(start + passage.length));
  // Nothing but blanks after the passage in the head — the passage ran to the head's end, or
  // the head ends in blanks: what follows the head would place, cut or close the passage.
  if (!whole && !cutAfter) return null;
  const shift = cutBefore ? ELLIPSIS.length - start : -start;
  const passageEndOffset = start + passage.length;

  const ranges: MatchRange[] = [];
  if (firstMatch !== null) {
    forEachMatch(text, termSet, start, passageEndOffset, (matchStart, matchEnd) => {
      const clippedEnd = Math.min(matchEnd, passageEndOffset);
      const previous = ranges[ranges.length - 1];
      // CJK bigrams overlap (`人工`, `工智`): merge them into one highlighted run.
      if (previous !== undefined && matchStart + shift <= previous.end) {
        const mergedEnd = Math.max(previous.end, clippedEnd + shift);
        ranges[ranges.length - 1] = { start: previous.start, end: mergedEnd };
      } else {
        ranges.push({ start: matchStart + shift, end: clippedEnd + shift });
      }
      return true;
    });
  }

  const body = passage.replace(WHITESPACE_GLOBAL, ' ');
  return {
    text: (cutBefore ? ELLIPSIS : '') + body + (cutAfter ? ELLIPSIS : ''),
    ranges,
  };
}
