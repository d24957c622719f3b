import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Snippet } from '@shared/query';
import { buildSnippet, buildSnippetFromHead } from './snippet';
import { tokenizeForIndex } from './tokenize';

/** The highlighted substrings of a snippet, in order. */
const highlighted = (snippet: Snippet): string[] =>
  snippet.ranges.map((range) => snippet.text.slice(range.start, range.end));

const filler = (word: string, count: number): string => Array(count).fill(word).join(' ');

describe('buildSnippet', () => {
  it('returns a short text whole, with every occurrence highlighted', () => {
    const snippet = buildSnippet('AI safety and more AI.', ['ai']);
    expect(snippet.text).toBe('AI safety and more AI.');
    expect(highlighted(snippet)).toEqual(['AI', 'AI']);
  });

  it('cuts a passage around the first match at word boundaries, with ellipses', () => {
    const text = `${filler('alpha', 60)} the maritime agreement ${filler('omega', 60)}`;
    const snippet = buildSnippet(text, ['maritime'], 80);
    expect(snippet.text.startsWith('…alpha')).toBe(true);
    expect(snippet.text.endsWith('omega…')).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(82);
    expect(highlighted(snippet)).toEqual(['maritime']);
  });

  it('highlights the accented original for a folded term', () => {
    const snippet = buildSnippet('Ministers met at the Café in Zürich.', ['cafe', 'zurich']);
    expect(highlighted(snippet)).toEqual(['Café', 'Zürich']);
  });

  it('maps offsets back correctly when folding changes the length', () => {
    // `ﬁ` folds to two letters, the decomposed accent to none: offsets must not drift.
    const text = 'The ﬁnance café (Cafe\u0301) in Straße 5 and the Finance desk.';
    const snippet = buildSnippet(text, ['finance', 'cafe', 'strasse']);
    expect(highlighted(snippet)).toEqual(['ﬁnance', 'café', 'Cafe\u0301', 'Straße', 'Finance']);
  });

  it('centres on an accented occurrence that precedes a literal one', () => {
    const text = `${filler('alpha', 40)} Café ${filler('beta', 60)} cafe ${filler('omega', 40)}`;
    const snippet = buildSnippet(text, ['cafe'], 60);
    expect(highlighted(snippet)).toEqual(['Café']);
  });

  it('highlights a Chinese word inside a sentence as one range', () => {
    const snippet = buildSnippet('新加坡与欧盟在人工智能安全方面加强合作', [
      '人工',
      '工智',
      '智能',
    ]);
    expect(highlighted(snippet)).toEqual(['人工智能']);
  });

  it('highlights the last character of a CJK run matched on its own', () => {
    expect(highlighted(buildSnippet('加强合作。合作', ['作']))).toEqual(['作', '作']);
  });

  it('cuts long CJK text between characters, not mid-code-point', () => {
    const text = '欧盟'.repeat(200) + '人工智能' + '欧盟'.repeat(200);
    const snippet = buildSnippet(text, ['人工', '工智', '智能'], 40);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(highlighted(snippet)).toEqual(['人工智能']);
  });

  it('does not match a term inside a longer word', () => {
    expect(highlighted(buildSnippet('Saida and the AISIs network', ['ai']))).toEqual([]);
  });

  it('shows the start of the text when no term occurs in it', () => {
    const snippet = buildSnippet(`\n  First words here. ${filler('more', 100)}`, ['absent'], 40);
    expect(snippet.text.startsWith('First words here.')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.ranges).toEqual([]);
  });

  it('turns line breaks into spaces without moving ranges', () => {
    const snippet = buildSnippet('Joint\ntesting\r\nand evaluations', ['testing', 'evaluations']);
    expect(snippet.text).toBe('Joint testing  and evaluations');
    expect(highlighted(snippet)).toEqual(['testing', 'evaluations']);
  });

  it('returns an empty snippet for empty text', () => {
    expect(buildSnippet('', ['ai'])).toEqual({ text: '', ranges: [] });
  });

  it('keeps ranges inside the text, sorted and non-overlapping for any input', () => {
    const alphabet = fc.constantFrom(
      'a',
      'i',
      'é',
      'E',
      ' ',
      '\n',
      '.',
      '人',
      '工',
      '智',
      '能',
      'ﬁ',
      '\u0301',
      'ß',
      '😀',
      '𠀀',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 400 }).map((characters) => characters.join('')),
        fc.array(
          fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((c) => c.join('')),
          {
            maxLength: 4,
          },
        ),
        fc.integer({ min: 1, max: 300 }),
        (text, rawTerms, maxLength) => {
          // Real callers pass index terms; derive some from the text and add arbitrary ones.
          const terms = [...tokenizeForIndex(text).slice(0, 3), ...rawTerms];
          const snippet = buildSnippet(text, terms, maxLength);
          let previousEnd = 0;
          for (const range of snippet.ranges) {
            expect(range.start).toBeGreaterThanOrEqual(previousEnd);
            expect(range.end).toBeGreaterThan(range.start);
            expect(range.end).toBeLessThanOrEqual(snippet.text.length);
            previousEnd = range.end;
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('always finds a term that occurs in the text, whatever precedes it', () => {
    const alphabet = fc.constantFrom(
      'a',
      'i',
      'é',
      'E',
      ' ',
      '.',
      '人',
      '工',
      'ﬁ',
      '\u0301',
      'ß',
      '😀',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 300 }).map((characters) => characters.join('')),
        fc.nat(),
        (text, choice) => {
          const terms = tokenizeForIndex(text);
          fc.pre(terms.length > 0);
          const term = terms[choice % terms.length] as string;
          expect(buildSnippet(text, [term], 10_000).ranges.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('highlights exactly the occurrences of the first matched term in a passage', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('trade', 'Café', 'cafe', 'maritime', 'Zürich'), {
          minLength: 1,
          maxLength: 60,
        }),
        (words) => {
          const snippet = buildSnippet(words.join(' '), ['cafe'], 1000);
          const expected = words.filter((word) => word === 'Café' || word === 'cafe');
          expect(highlighted(snippet)).toEqual(expected);
        },
      ),
    );
  });
});

describe('buildSnippetFromHead', () => {
  const long = `${filler('alpha', 20)} the maritime agreement ${filler('omega', 200)}`;

  it("gives buildSnippet's snippet when the head's first match and passage decide it", () => {
    // The head ends inside a word (`omega`): no matter, that word lies after the passage.
    const fromHead = buildSnippetFromHead(long.slice(0, 603), ['maritime'], 80);
    expect(fromHead).toEqual(buildSnippet(long, ['maritime'], 80));
    expect(fromHead?.text.endsWith('omega…')).toBe(true);
  });

  it('decides a CJK head, which has no blank to end at', () => {
    const text = `${'人工智能安全研究所与欧盟合作开展联合测试。'.repeat(8)}${'数字经济'.repeat(50)}`;
    const head = text.slice(0, 101);
    expect(head).not.toMatch(/\s/);
    expect(buildSnippetFromHead(head, ['联合'], 30)).toEqual(buildSnippet(text, ['联合'], 30));
  });

  it('is null when no term occurs in the head: the first match may come later', () => {
    const text = `${filler('alpha', 200)} the maritime agreement`;
    expect(buildSnippetFromHead(text.slice(0, 600), ['maritime'], 80)).toBeNull();
  });

  it('is null when the passage would run to the end of the head', () => {
    expect(buildSnippetFromHead(long.slice(0, 160), ['maritime'], 80)).toBeNull();
  });

  it('is null when only blanks follow the passage in the head: the rest decides the ellipsis', () => {
    const head = `the maritime agreement${' '.repeat(200)}`;
    expect(buildSnippetFromHead(head, ['maritime'], 40)).toBeNull();
  });

  it('is either null or the whole text’s snippet, for any text, terms and cut', () => {
    const piece = fc.constantFrom(
      'ai',
      'éa',
      'E',
      '人工',
      'ﬁi',
      'e\u0301',
      'ß',
      '😀',
      '.',
      'a.i',
      '。',
    );
    const blank = fc.constantFrom(' ', '\n', '  ', '');
    let decided = 0;
    fc.assert(
      fc.property(
        fc
          .array(fc.tuple(piece, blank), { minLength: 1, maxLength: 120 })
          .map((parts) => parts.flat().join('')),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 80 }),
        (text, cutChoice, termChoice, maxLength) => {
          // Heads mostly long and terms mostly early, as in real posts, so that many heads decide.
          const characters = Array.from(text);
          const keep = characters.length - (cutChoice % Math.ceil(characters.length / 2));
          const head = characters.slice(0, keep).join('');
          const terms = tokenizeForIndex(text).slice(0, 8);
          const chosen = terms.length > 0 ? [terms[termChoice % terms.length] as string] : [];
          const fromHead = buildSnippetFromHead(head, chosen, maxLength);
          if (fromHead === null) return;
          decided += 1;
          expect(fromHead).toEqual(buildSnippet(text, chosen, maxLength));
        },
      ),
      { numRuns: 1000 },
    );
    // The property is about something: the head decided a good share of the cases.
    expect(decided).toBeGreaterThan(100);
  });
});
