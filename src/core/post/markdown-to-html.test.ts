import { describe, expect, it } from 'vitest';
import { extractHtmlContent } from './html-content';
import { markdownToHtml, renderInline } from './markdown-to-html';

const areasOf = (markdown: string): string[] =>
  extractHtmlContent(markdownToHtml(markdown)).areaItems.map((item) => item.name);
const textOf = (markdown: string): string => extractHtmlContent(markdownToHtml(markdown)).text;

describe('markdownToHtml: blocks', () => {
  it('makes paragraphs, ATX and setext headings', () => {
    expect(markdownToHtml('# Title #\n\nSome *text*\nwrapped\n\nSub\n---')).toBe(
      '<h1>Title</h1>\n<p>Some <em>text</em>\nwrapped</p>\n<h2>Sub</h2>\n',
    );
  });

  it('passes an HTML block through untouched until a blank line', () => {
    const html = '<p><strong>A</strong>\n**not markdown**</p>';
    expect(markdownToHtml(`${html}\n\nThen **bold**`)).toBe(
      `${html}\n\n<p>Then <strong>bold</strong></p>\n`,
    );
  });

  it('reads fenced and indented code as escaped text', () => {
    expect(markdownToHtml('```js\nif (a < b) {}\n```')).toBe('<pre>if (a &lt; b) {}\n</pre>\n');
    expect(markdownToHtml('    x <y>')).toBe('<pre>x &lt;y&gt;</pre>\n');
  });

  it('reads GFM tables as rows of cells', () => {
    expect(textOf('| Party | Role |\n| --- | :-: |\n| EU | signatory |')).toBe(
      'Party\nRole\nEU\nsignatory',
    );
  });

  it('reads block quotes and thematic breaks', () => {
    expect(markdownToHtml('> quoted\n> text\n\n***')).toBe(
      '<blockquote><p>quoted\ntext</p>\n</blockquote><hr>\n',
    );
  });

  it('does not start a list at a wrapped line that begins with a number', () => {
    expect(markdownToHtml('Signed in\n2023. It was')).toBe('<p>Signed in\n2023. It was</p>\n');
  });
});

describe('markdownToHtml: lists and cooperation areas', () => {
  it('reads "- **X**: …" bullets as areas', () => {
    expect(areasOf('Areas:\n\n- **Energy**: grids\n- **Water**: pipes\n')).toEqual([
      'Energy',
      'Water',
    ]);
  });

  it('reads "* __X__ — …" bullets as areas', () => {
    expect(areasOf('* __Digital Trade__ — rules\n* __Data Flows__ — more')).toEqual([
      'Digital Trade',
      'Data Flows',
    ]);
  });

  it('reads "(i) **X**: …" lines of one paragraph as areas', () => {
    expect(areasOf('Key areas:\n(i) **Energy**: grids\n(ii) **Water**: pipes')).toEqual([
      'Energy',
      'Water',
    ]);
  });

  it('reads "1) **X** - …" ordered items as areas', () => {
    expect(areasOf('1) **Energy** - grids\n2) **Water** - pipes')).toEqual(['Energy', 'Water']);
  });

  it('reads loose lists (blank lines between items) as one list', () => {
    expect(areasOf('- **Energy**: grids\n\n- **Water**: pipes')).toEqual(['Energy', 'Water']);
  });

  it('nests indented items in their own list', () => {
    expect(markdownToHtml('- a\n  - b\n- c')).toBe(
      '<ul>\n<li><p>a</p>\n<ul>\n<li><p>b</p>\n</li>\n</ul>\n</li>\n<li><p>c</p>\n</li>\n</ul>\n',
    );
  });
});

describe('renderInline', () => {
  it('reads links and images as their text and drops their addresses', () => {
    expect(
      renderInline('See [the *text*](https://x.test/a_b_c) and ![logo](l.png) or [ref][1]'),
    ).toBe('See the <em>text</em> and logo or ref');
  });

  it('turns autolinks into text and keeps inline HTML', () => {
    expect(renderInline('<https://x.test/a> and <span class="a_b">x</span>')).toBe(
      'https://x.test/a and <span class="a_b">x</span>',
    );
  });

  it('handles code spans, escapes and unmatched delimiters', () => {
    expect(renderInline('`a < **b**` \\*x\\* 5 * 3 **open')).toBe(
      '<code>a &lt; **b**</code> *x* 5 * 3 **open',
    );
  });

  it('does not treat underscores inside words as emphasis', () => {
    expect(renderInline('snake_case_name and __bold__')).toBe(
      'snake_case_name and <strong>bold</strong>',
    );
  });

  it('stays fast on hostile delimiter runs and unclosed brackets', () => {
    const hostile = `${'*'.repeat(50_000)}x${'*'.repeat(50_000)} ${'[a]('.repeat(20_000)} ${'<a'.repeat(20_000)}`;
    // Linear time: a quadratic scan of this input would take minutes, and the test times out.
    expect(renderInline(hostile).length).toBeGreaterThan(0);
  });
});

describe('markdownToHtml: hostile input', () => {
  it('handles 3,000 nested list levels and 10,000 quote markers', () => {
    const nested = Array.from({ length: 3_000 }, (_, depth) => `${' '.repeat(depth * 2)}- x`).join(
      '\n',
    );
    expect(textOf(nested).split('\n')).toHaveLength(3_000);
    expect(textOf(`${'>'.repeat(10_000)} deep`)).toBe('deep');
  });
});
