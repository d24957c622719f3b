/**
 * Text folding that matches the search index: compatibility decomposition, combining marks
 * removed, lower case. "Économie" and "economie" fold to the same thing.
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Folded text plus, for every folded UTF-16 unit, the index of the original unit it came from. */
export interface FoldedText {
  readonly folded: string;
  readonly origin: readonly number[];
}

/**
 * Folds `text` one code point at a time, remembering where each folded unit came from, so a
 * match found in the folded text can be mapped back onto the original (whose length may differ:
 * "ﬁ" folds to "fi", "é" to "e").
 */
export function foldWithOrigins(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const piece = foldText(char);
    folded += piece;
    for (let unit = 0; unit < piece.length; unit += 1) origin.push(index);
    index += char.length;
  }
  origin.push(index);
  return { folded, origin };
}

const NO_WORD_BOUNDARY_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Ranges `[start, end)` of `text` where one of the (already folded) index `terms` starts a word.
 * Terms in scripts written without spaces (CJK, Thai) match anywhere. Ranges are sorted and never
 * overlap; the longest term wins where two start at the same place.
 */
export function findTermRanges(
  text: string,
  terms: readonly string[],
): { start: number; end: number }[] {
  const wanted = [...new Set(terms.map((term) => foldText(term.trim())).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  if (wanted.length === 0 || text.length === 0) return [];
  const { folded, origin } = foldWithOrigins(text);
  const ranges: { start: number; end: number }[] = [];
  let position = 0;
  while (position < folded.length) {
    let matched = 0;
    for (const term of wanted) {
      if (!folded.startsWith(term, position)) continue;
      const needsBoundary = !NO_WORD_BOUNDARY_SCRIPT.test(term[0] ?? '');
      if (needsBoundary && position > 0 && WORD_CHAR.test(folded[position - 1] ?? '')) continue;
      matched = term.length;
      break;
    }
    if (matched > 0) {
      const start = origin[position]!;
      const end = origin[position + matched]!;
      // A folded match may end inside one original character ("ﬁ" → "fi"): take all of it.
      const last = origin[position + matched - 1]!;
      ranges.push({ start, end: Math.max(end, last + 1) });
      position += matched;
    } else {
      position += 1;
    }
  }
  return ranges;
}
