/** Words read per minute for space-separated scripts. */
export const WORDS_PER_MINUTE = 200;
/** Characters read per minute for Chinese, Japanese and Korean, which have no spaces to count. */
export const CJK_CHARACTERS_PER_MINUTE = 400;

/**
 * Estimated reading time in whole minutes, rounded up: words / 200 plus CJK characters / 400.
 * At least 1 when the text has anything to read, 0 when it has nothing.
 *
 * A word is a run of characters between spaces that holds at least one letter or digit, so
 * "EU-Singapore" is one word and a lone dash is none. Each Han, kana or Hangul character counts
 * on its own. A character loop, because this runs for every post of a cold index.
 */
export function readingMinutes(text: string): number {
  let words = 0;
  let cjkCharacters = 0;
  let inWord = false;
  let wordHasLetter = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // ASCII first: nearly every character of a post is, and it needs two comparisons at most.
    if (code < 0x80) {
      if (code <= 0x20) {
        if (inWord && wordHasLetter) words += 1;
        inWord = false;
        continue;
      }
      if (!inWord) {
        inWord = true;
        wordHasLetter = false;
      }
      if (!wordHasLetter && isAsciiLetterOrDigit(code)) wordHasLetter = true;
    } else if (isCjk(code)) {
      cjkCharacters += 1;
      if (inWord && wordHasLetter) words += 1;
      inWord = false;
    } else if (isSpace(code)) {
      if (inWord && wordHasLetter) words += 1;
      inWord = false;
    } else {
      if (!inWord) {
        inWord = true;
        wordHasLetter = false;
      }
      if (!wordHasLetter && isLetterOrDigit(code)) wordHasLetter = true;
    }
  }
  if (inWord && wordHasLetter) words += 1;
  if (words === 0 && cjkCharacters === 0) return 0;
  return Math.max(
    1,
    Math.ceil(words / WORDS_PER_MINUTE + cjkCharacters / CJK_CHARACTERS_PER_MINUTE),
  );
}

function isSpace(code: number): boolean {
  return (
    code <= 0x20 ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x3000 ||
    code === 0x2028 ||
    code === 0x2029
  );
}

/** ASCII letters and digits, and anything beyond Latin-1 punctuation (accented and other scripts). */
function isLetterOrDigit(code: number): boolean {
  if (code < 0x80) return isAsciiLetterOrDigit(code);
  // General Punctuation (dashes, quotes, ellipsis) and Latin-1 symbols are not letters.
  return code >= 0xc0 && !(code >= 0x2000 && code <= 0x2bff);
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
}

/** Hiragana, katakana, CJK ideographs (incl. extension A and compatibility) and Hangul syllables. */
function isCjk(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}
