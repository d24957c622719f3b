import { expect, it } from 'vitest';
import { collapseWhitespace } from './collapse-whitespace';

it('collapses runs of any whitespace to one space and trims', () => {
  expect(collapseWhitespace(' a  b\n\tc\u00a0d \u2003 e ')).toBe('a b c d e');
  expect(collapseWhitespace('single spaces stay')).toBe('single spaces stay');
});
