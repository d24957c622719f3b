import { describe, expect, it } from 'vitest';
import { containsCjk, foldText, tokenizeForIndex, tokenizeForQuery } from './tokenize';

describe('foldText', () => {
  it('lower-cases and removes diacritics', () => {
    expect(foldText('Café Zürich São Kraków naïve')).toBe('cafe zurich sao krakow naive');
  });

  it('unifies compatibility forms and letters without a decomposition', () => {
    expect(foldText('ＡＩ ﬁnance Øresund Łódź Straße')).toBe('ai finance oresund lodz strasse');
  });

  it('keeps Japanese voiced kana and Hangul syllables intact', () => {
    expect(foldText('がっこう 한국어')).toBe('がっこう 한국어');
  });

  it('keeps Indic vowel signs, which are marks but not diacritics', () => {
    expect(foldText('हिन्दी')).toBe('हिन्दी');
  });

  it('folds a decomposed accent the same as a precomposed one', () => {
    expect(foldText('Cafe\u0301')).toBe(foldText('Café'));
  });
});

describe('tokenizeForIndex', () => {
  it('splits on punctuation and keeps two-letter words such as AI', () => {
    expect(tokenizeForIndex('EU’s AI-safety (AA), 2024!')).toEqual([
      'eu',
      'ai',
      'safety',
      'aa',
      '2024',
    ]);
  });

  it('drops one-character words outside CJK', () => {
    expect(tokenizeForIndex('a. Information 2. Exchange')).toEqual(['information', 'exchange']);
  });

  it('indexes a CJK run as overlapping bigrams plus its last character', () => {
    expect(tokenizeForIndex('人工智能')).toEqual(['人工', '工智', '智能', '能']);
  });

  it('separates a CJK run glued to a Latin word', () => {
    expect(tokenizeForIndex('AI安全')).toEqual(['ai', '安全', '全']);
  });

  it('keeps words of every script', () => {
    expect(tokenizeForIndex('Сотрудничество και συνεργασία تعاون')).toEqual([
      'сотрудничество',
      'και',
      'συνεργασια',
      'تعاون',
    ]);
  });

  it('splits CJK characters outside the Basic Multilingual Plane by code point', () => {
    expect(tokenizeForIndex('𠀀𠀁')).toEqual(['𠀀𠀁', '𠀁']);
  });
});

describe('tokenizeForQuery', () => {
  it('turns a CJK word into its bigrams only', () => {
    expect(tokenizeForQuery('人工智能')).toEqual(['人工', '工智', '智能']);
  });

  it('keeps a single CJK character as a term', () => {
    expect(tokenizeForQuery('人')).toEqual(['人']);
  });

  it('removes repeated words', () => {
    expect(tokenizeForQuery('safety AI safety')).toEqual(['safety', 'ai']);
  });

  it('folds the query like the index', () => {
    expect(tokenizeForQuery('Café')).toEqual(tokenizeForIndex('cafe'));
  });
});

describe('containsCjk', () => {
  it('recognises Han, kana and Hangul but not Latin', () => {
    expect([
      containsCjk('合作'),
      containsCjk('デジタル'),
      containsCjk('협력'),
      containsCjk('AI'),
    ]).toEqual([true, true, true, false]);
  });
});
