import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTermPattern, foldText, isIndexableWord, tokenizeForIndex } from './tokenize';

/**
 * The index's terms as the term pattern defines them (what the snippet highlighter uses): the
 * tokenizer scans characters itself for speed, and must find exactly these.
 */
function termsByPattern(text: string): string[] {
  const pattern = createTermPattern();
  const folded = foldText(text);
  const terms: string[] = [];
  for (let match = pattern.exec(folded); match !== null; match = pattern.exec(folded)) {
    const run = match[0];
    if (match[1] === undefined) {
      if (isIndexableWord(run)) terms.push(run);
      continue;
    }
    const characters = Array.from(run);
    if (characters.length === 1) terms.push(run);
    else {
      for (let i = 0; i + 1 < characters.length; i += 1)
        terms.push(characters[i]! + characters[i + 1]!);
      terms.push(characters[characters.length - 1]!);
    }
  }
  return terms;
}

/** Characters at the edges of the classes: marks of every kind, CJK, surrogates, separators. */
const TRICKY_CHARACTERS = [
  ..."aZ09 .-’'\n\tÉéüßøłΣςΑ人工智能漢字かなカナー한국어ﬁＡＩ½ǅİ",
  '\u0301', // combining acute (a diacritic, removed by folding)
  '\u0345', // combining Greek ypogegrammeni (a mark that lower-cases to a letter)
  '\u3099', // combining voicing mark (kept, recomposed)
  '\u302e', // Hangul tone mark: a mark of the Hangul script
  '\u093f', // Devanagari vowel sign (a mark that is not a diacritic)
  '\u0915',
  '\u00a0',
  '\u200b',
  '\u2028',
  '\u{20000}', // Han outside the BMP
  '\u{1D400}', // mathematical bold A (NFKD → a)
  '\u{1F600}',
  '\ud800', // lone surrogates
  '\udc00',
];

describe('tokenizeForIndex', () => {
  it('finds exactly the terms of the term pattern, on any text', () => {
    const tricky = fc
      .array(fc.constantFrom(...TRICKY_CHARACTERS), { maxLength: 30 })
      .map((characters) => characters.join(''));
    const anyText = fc.oneof(
      tricky,
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        expect(tokenizeForIndex(text)).toEqual(termsByPattern(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('classifies every Basic Multilingual Plane character as the term pattern does', () => {
    const mismatches: string[] = [];
    for (let code = 0x80; code < 0x10000; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const character = String.fromCharCode(code);
      for (const text of [`a${character}b`, `人${character}工`]) {
        if (JSON.stringify(tokenizeForIndex(text)) !== JSON.stringify(termsByPattern(text)))
          mismatches.push(code.toString(16));
      }
    }
    expect(mismatches).toEqual([]);
  });
});
