import { describe, expect, it } from 'vitest';
import { findTermRanges, foldText } from './fold-text';

describe('foldText', () => {
  it('folds case, diacritics and compatibility forms like the index', () => {
    expect(foldText('Économie ÅLAND ﬁnance')).toBe('economie aland finance');
  });
});

describe('findTermRanges', () => {
  it('maps matches in folded text back onto the original characters', () => {
    const text = 'Café Économie';
    const ranges = findTermRanges(text, ['economie']);
    expect(ranges.map(({ start, end }) => text.slice(start, end))).toEqual(['Économie']);
  });

  it('matches at word starts only, longest term first', () => {
    const text = 'safety-first, unsafe safe';
    const ranges = findTermRanges(text, ['safe', 'safety']);
    expect(ranges.map(({ start, end }) => text.slice(start, end))).toEqual(['safety', 'safe']);
  });

  it('matches CJK terms anywhere, since those scripts have no spaces', () => {
    const text = '新加坡和欧盟合作';
    const ranges = findTermRanges(text, ['欧盟']);
    expect(ranges.map(({ start, end }) => text.slice(start, end))).toEqual(['欧盟']);
  });

  it('finds nothing without terms', () => {
    expect(findTermRanges('anything', [])).toEqual([]);
  });
});
