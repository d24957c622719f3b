/**
 * Text processing shared by the index, the query parser and the snippet highlighter, so that a
 * term found by search is always a term the highlighter can find again in the original text.
 *
 * Rules:
 * - lower case, compatibility forms unified (NFKD: `ﬁ` → `fi`, full-width `ＡＩ` → `ai`), and
 *   diacritics removed (`Zürich` → `zurich`, `café` → `cafe`), plus a few letters that carry no
 *   decomposition but are routinely typed without their stroke (`ø`, `ł`, `đ`, `ß`…);
 * - words are runs of letters, digits and marks of any script; everything else separates them;
 * - Chinese, Japanese and Korean runs have no spaces between words, so they are indexed as
 *   overlapping character bigrams (`人工智能` → `人工 工智 智能`) plus the run's last character,
 *   which makes every character the start of some term: a one-character query matches by prefix,
 *   and a longer query becomes its bigrams, all of which must match (the index combines with AND);
 * - single-character words outside CJK (`s` of `EU’s`, the `a.` of a list) are dropped: they
 *   carry no meaning and, used as a prefix, would expand to a large part of the vocabulary.
 *
 * Changing anything here changes the terms in the index: bump `SHARD_FORMAT_VERSION` in
 * `search-shard.ts` so cached shards are rebuilt.
 */

/** Scripts written without spaces between words, indexed as bigrams. */
const CJK_CLASS =
  '[[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u30FC]&&[\\p{L}\\p{N}\\p{M}]]';

/** Letters, digits and marks of scripts written with spaces between words. */
const WORD_CLASS = `[[\\p{L}\\p{N}\\p{M}]--${CJK_CLASS}]`;

/**
 * One pass finds both kinds of runs: group 1 is a CJK run (with any marks following its
 * characters, so that a stray accent does not split it), otherwise the match is a word. The
 * `v` flag (set operations) lets the word class exclude CJK without a per-character look-ahead.
 * ASCII letters and digits are tried first as their own small class: the full Unicode classes
 * are range searches per character, and this alone makes tokenizing English text ~2.5× faster
 * while matching exactly the same runs. Built with `new RegExp` because TypeScript only accepts
 * a `v` literal when targeting ES2024; Node 20 and Electron support it.
 */
const TERM_PATTERN_SOURCE = `(?:[A-Za-z0-9]|[${WORD_CLASS}--[A-Za-z0-9]])+|((?:${CJK_CLASS}\\p{M}*)+)`;

/** Only this pattern's `test` is used, so a shared instance is safe (no `g`, no `lastIndex`). */
const CJK_CHARACTER = new RegExp(CJK_CLASS, 'v');

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Combining marks that are diacritics (Latin, Greek and Cyrillic accents, Hebrew points, Arabic
 * harakat and tatweel). Deliberately not `\p{M}`: Indic vowel signs and the Japanese voicing marks
 * are marks too, and removing them would change the word.
 */
const DIACRITIC_RANGES =
  '\u0300-\u036f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u0640' +
  '\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f';

/** Letters without a Unicode decomposition that people nevertheless type without the stroke. */
const UNDECOMPOSABLE_REPLACEMENTS: Readonly<Record<string, string>> = {
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  ł: 'l',
  ø: 'o',
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  þ: 'th',
  // `toLowerCase` writes a word-final sigma as `ς`; people type `σ`.
  ς: 'σ',
};

/**
 * NFKD splits Hangul syllables into jamo and Japanese voiced kana into kana plus a voicing mark;
 * only text containing those needs recomposing with NFC afterwards.
 */
const DECOMPOSED_SYLLABLE_RANGES = '\u1100-\u11ff\u3099\u309a';

/**
 * Everything folding changes after NFKD, found in a single pass over the text: diacritics
 * (removed), letters without a decomposition (replaced), and runs of decomposed syllables (kept,
 * but noted so that NFC runs).
 */
// The classes hold combining marks on purpose: they match one mark at a time, never a sequence.
const FOLD_PATTERN = new RegExp(
  // eslint-disable-next-line no-misleading-character-class
  `[${DIACRITIC_RANGES}]+|[${Object.keys(UNDECOMPOSABLE_REPLACEMENTS).join('')}]|[${DECOMPOSED_SYLLABLE_RANGES}]+`,
  'g',
);
// eslint-disable-next-line no-misleading-character-class
const DIACRITIC = new RegExp(`[${DIACRITIC_RANGES}]`);

/** Words longer than this are not words (hashes, base64, run-together junk) and bloat the index. */
const MAX_WORD_LENGTH = 64;

/**
 * Folds text for comparison: lower case, compatibility forms unified, diacritics removed. Pure
 * ASCII text only pays for `toLowerCase`; other text for NFKD, one scan and, with Hangul or
 * voiced kana, NFC.
 */
export function foldText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  let needsRecomposition = false;
  // Lower-casing after NFKD also catches compatibility characters that decompose to capitals.
  const folded = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(FOLD_PATTERN, (match) => {
      const replacement = UNDECOMPOSABLE_REPLACEMENTS[match];
      if (replacement !== undefined) return replacement;
      if (DIACRITIC.test(match)) return '';
      needsRecomposition = true;
      return match;
    });
  return needsRecomposition ? folded.normalize('NFC') : folded;
}

/** A fresh global pattern whose matches are words, or CJK runs (capture group 1). */
export function createTermPattern(): RegExp {
  return new RegExp(TERM_PATTERN_SOURCE, 'gv');
}

/** Whether `text` contains a Han, kana or Hangul character. */
export function containsCjk(text: string): boolean {
  return CJK_CHARACTER.test(text);
}

/** Whether a word (a non-CJK match of the term pattern) is worth indexing. */
export function isIndexableWord(word: string): boolean {
  return word.length >= 2 && word.length <= MAX_WORD_LENGTH;
}

/**
 * Splits a CJK run into terms. `withLastCharacter` adds the run's final character on its own, so
 * that every character of the run begins some term (the index side needs it for one-character
 * prefix queries; a query of two or more characters does not).
 */
function pushCjkTerms(run: string, terms: string[], withLastCharacter: boolean): void {
  // Code points, not UTF-16 units: rarer Han characters lie outside the BMP.
  const characters = run.length === 1 ? [run] : Array.from(run);
  if (characters.length === 1) {
    terms.push(characters[0] as string);
    return;
  }
  for (let i = 0; i + 1 < characters.length; i += 1) {
    terms.push((characters[i] as string) + (characters[i + 1] as string));
  }
  if (withLastCharacter) terms.push(characters[characters.length - 1] as string);
}

/*
 * The term scanner below finds exactly the runs `createTermPattern()` matches (a test compares
 * them on random text), one character code at a time instead of through the regular expression:
 * indexing runs it over every post of a cold index, and matching the Unicode classes per
 * character plus allocating a match array per word cost about a third of the tokenizer's time.
 * Characters beyond ASCII are classified once each with the same classes as the pattern.
 */

/** Character classes of the scanner; `MARK` is a flag added to any of the three others. */
const OTHER = 1;
const WORD = 2;
const CJK = 3;
const MARK = 4;

const WORD_CHARACTER = new RegExp(`^${WORD_CLASS}$`, 'v');
const CJK_RUN_CHARACTER = new RegExp(`^${CJK_CLASS}$`, 'v');
const MARK_CHARACTER = /^\p{M}$/u;

/** Classes of BMP characters (0: not classified yet); other planes are rare and kept in a map. */
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function classify(codePoint: number): number {
  const character = String.fromCodePoint(codePoint);
  const kind = WORD_CHARACTER.test(character)
    ? WORD
    : CJK_RUN_CHARACTER.test(character)
      ? CJK
      : OTHER;
  return MARK_CHARACTER.test(character) ? kind | MARK : kind;
}

function classOf(codePoint: number): number {
  if (codePoint < 0x80) {
    // ASCII letters and digits are words; everything else in ASCII separates them.
    return (codePoint >= 0x30 && codePoint <= 0x39) ||
      ((codePoint | 0x20) >= 0x61 && (codePoint | 0x20) <= 0x7a)
      ? WORD
      : OTHER;
  }
  if (codePoint < 0x10000) {
    let known = bmpClasses[codePoint]!;
    if (known === 0) bmpClasses[codePoint] = known = classify(codePoint);
    return known;
  }
  let known = astralClasses.get(codePoint);
  if (known === undefined) astralClasses.set(codePoint, (known = classify(codePoint)));
  return known;
}

function collectTerms(text: string, withLastCjkCharacter: boolean): string[] {
  const folded = foldText(text);
  const terms: string[] = [];
  const length = folded.length;
  let index = 0;
  while (index < length) {
    let codePoint = folded.codePointAt(index)!;
    let kind = classOf(codePoint) & ~MARK;
    if (kind === OTHER) {
      index += codePoint > 0xffff ? 2 : 1;
      continue;
    }
    const start = index;
    if (kind === WORD) {
      // A word: letters, digits and marks of scripts written with spaces.
      do {
        index += codePoint > 0xffff ? 2 : 1;
        if (index >= length) break;
        codePoint = folded.codePointAt(index)!;
      } while ((classOf(codePoint) & ~MARK) === WORD);
      if (index - start >= 2 && index - start <= MAX_WORD_LENGTH) {
        terms.push(folded.slice(start, index));
      }
      continue;
    }
    // A CJK run: CJK characters, each followed by any marks.
    while (kind === CJK) {
      index += codePoint > 0xffff ? 2 : 1;
      kind = OTHER;
      while (index < length) {
        codePoint = folded.codePointAt(index)!;
        const next = classOf(codePoint);
        if ((next & ~MARK) === CJK) {
          kind = CJK;
          break;
        }
        if ((next & MARK) === 0) break;
        index += codePoint > 0xffff ? 2 : 1;
      }
    }
    pushCjkTerms(folded.slice(start, index), terms, withLastCjkCharacter);
  }
  return terms;
}

/** Terms of a document field, in order, repeats kept (term frequency matters to ranking). */
export function tokenizeForIndex(text: string): string[] {
  return collectTerms(text, true);
}

/** Terms of a search query, repeats removed (a repeated word must not count twice). */
export function tokenizeForQuery(query: string): string[] {
  return [...new Set(collectTerms(query, false))];
}
