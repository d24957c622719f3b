import { describe, expect, it } from 'vitest';
import { flattenHtmlText, isNestedDeeperThan } from './deep-html';

describe('isNestedDeeperThan', () => {
  it('counts open elements, not void or self-closing ones', () => {
    expect(isNestedDeeperThan('<div>'.repeat(11), 10)).toBe(true);
    expect(isNestedDeeperThan('<div></div>'.repeat(50), 10)).toBe(false);
    expect(isNestedDeeperThan(`<p>${'<br><img src=x><x/>'.repeat(50)}</p>`, 10)).toBe(false);
  });
});

describe('flattenHtmlText', () => {
  it('removes tags, keeps words apart and decodes entities', () => {
    expect(flattenHtmlText('<p>One</p><p>Two&nbsp;&amp; <b>three</b></p>')).toBe(
      'One\nTwo & three',
    );
  });

  it('drops script and style contents, even when a script is never closed', () => {
    expect(flattenHtmlText('a<style>p{}</style>b<SCRIPT>x()</script>c')).toBe('a\nb\nc');
    expect(flattenHtmlText(`${'<script>x'.repeat(3)}`)).toBe('');
  });

  it('keeps a lone < as text', () => {
    expect(flattenHtmlText('1 < 2 and 3 <4')).toBe('1 < 2 and 3 <4');
  });
});
