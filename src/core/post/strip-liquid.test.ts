import { describe, expect, it } from 'vitest';
import { stripLiquid } from './strip-liquid';

describe('stripLiquid', () => {
  it('removes output and tag markup', () => {
    expect(stripLiquid('Hi {{ page.title | upcase }}!{% if x %} yes{%- endif -%}')).toBe(
      'Hi ! yes',
    );
  });

  it('drops comment blocks with their contents and keeps raw blocks literally', () => {
    expect(
      stripLiquid('a{% comment %}secret{% endcomment %}b{% raw %}{{ shown }}{% endraw %}c'),
    ).toBe('ab{{ shown }}c');
  });

  it('leaves unclosed markup as text and returns untouched text as is', () => {
    expect(stripLiquid('price {{ unclosed')).toBe('price {{ unclosed');
    expect(stripLiquid('a {% tag')).toBe('a {% tag');
    const plain = 'no liquid here';
    expect(stripLiquid(plain)).toBe(plain);
  });
});
