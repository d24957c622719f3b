import { describe, expect, it } from 'vitest';
import { extractHtmlContent } from './html-content';

const names = (html: string): string[] =>
  extractHtmlContent(html).areaItems.map((item) => item.name);

describe('extractHtmlContent: plain text', () => {
  it('drops tags, script and style contents, and decodes entities', () => {
    const { text } = extractHtmlContent(
      '<p>Fish &amp; chips&nbsp;today</p><script>alert("<p>x</p>")</script><style>p{color:red}</style>',
    );
    expect(text).toBe('Fish & chips today');
  });

  it('puts block boundaries and <br> between words so they never glue together', () => {
    const { text } = extractHtmlContent(
      '<h2>Title</h2><p>One</p><p>Two<br>Three</p><ul><li>Four</li><li>Five</li></ul>',
    );
    expect(text).toBe('Title\nOne\nTwo\nThree\nFour\nFive');
  });

  it('collapses whitespace inside a line', () => {
    expect(extractHtmlContent('<p>  soft\n   wrapped\tline </p>').text).toBe('soft wrapped line');
  });

  it('finds the first <h1> only', () => {
    expect(
      extractHtmlContent('<h2>Not me</h2><h1>The <em>real</em>\ntitle</h1><h1>Second</h1>')
        .firstHeading,
    ).toBe('The real title');
    expect(extractHtmlContent('<h2>Only h2</h2>').firstHeading).toBeNull();
  });

  it('reads 10,000 nested elements as flat text instead of overflowing or crawling', () => {
    const html = `${'<div><ul><li>'.repeat(10_000)}<strong>Deep</strong>: end &amp; more${'</li></ul></div>'.repeat(10_000)}`;
    const content = extractHtmlContent(html);
    expect(content.flattened).toBe(true);
    expect(content.text).toBe('Deep: end & more');
  });

  it('keeps the structure of ordinarily nested bodies', () => {
    const list = '<ul><li><b>One</b>: x</li><li><b>Two</b>: y</li></ul>';
    const content = extractHtmlContent(`${'<div>'.repeat(100)}${list}${'</div>'.repeat(100)}`);
    expect(content.flattened).toBe(false);
    expect(content.areaItems.map((item) => item.name)).toEqual(['One', 'Two']);
  });
});

describe('extractHtmlContent: cooperation areas', () => {
  it('reads <li><strong>X</strong>: … items of one list', () => {
    expect(
      names(
        '<ol><li><strong>Cyber Security</strong>: talks</li><li><strong>Trade</strong>: more</li></ol>',
      ),
    ).toEqual(['Cyber Security', 'Trade']);
  });

  it('reads tiptap items that wrap the text in <p>, with a dash after the bold', () => {
    const html =
      '<ul><li><p><strong>Digital Trade</strong> – rules</p></li><li><p><strong>Data Flows</strong> — more</p></li></ul>';
    expect(names(html)).toEqual(['Digital Trade', 'Data Flows']);
  });

  it('re-attaches letters the markup split off the bold name', () => {
    const html =
      '<p>a. <strong>Standardisation Activitie</strong>s: For AI.</p><p>b. <strong>Research</strong>: joint.</p>';
    expect(names(html)).toEqual(['Standardisation Activities', 'Research']);
  });

  it('accepts the separator inside the bold and <b> as well as <strong>', () => {
    expect(names('<ul><li><b>Energy:</b> grids</li><li><b>Water –</b> pipes</li></ul>')).toEqual([
      'Energy',
      'Water',
    ]);
  });

  it('takes paragraphs marked with bullets (•), 1) and * as a run too', () => {
    expect(
      names(
        '<p>• <strong>Health</strong>: clinics.</p><p>• <strong>Education</strong>: schools.</p>',
      ),
    ).toEqual(['Health', 'Education']);
    expect(names('<p>1) <b>Energy</b> — grids</p><p>2) <b>Water</b> — pipes</p>')).toEqual([
      'Energy',
      'Water',
    ]);
    expect(names('<p>* <b>Energy</b>: grids</p><p>* <b>Water</b>: pipes</p>')).toEqual([
      'Energy',
      'Water',
    ]);
  });

  it('gives each item its text, without the marker, as the sentence', () => {
    const [first] = extractHtmlContent(
      '<p>(i) <b>Energy</b>: Grid  links.</p><p>(ii) <b>Water</b>: Pipes.</p>',
    ).areaItems;
    expect(first).toEqual({ name: 'Energy', sentence: 'Energy: Grid links.' });
  });

  it('does not take a single bold lead-in paragraph (a dateline) as an area', () => {
    expect(
      names(
        '<p><strong>Singapore, 20 November 2024</strong> – Singapore and the EU…</p><p>2. The AA was…</p>',
      ),
    ).toEqual([]);
  });

  it('does not take a single list item with a bold lead-in as an area', () => {
    expect(names('<ul><li><strong>Note</strong>: only one</li><li>plain</li></ul>')).toEqual([]);
  });

  it('needs a marker on paragraphs, so bold-led paragraphs without one are not areas', () => {
    expect(
      names('<p><strong>Energy</strong>: grids</p><p><strong>Water</strong>: pipes</p>'),
    ).toEqual([]);
  });

  it('does not take numbered paragraphs without bold lead-ins', () => {
    expect(names('<p>2. The AA was signed.</p><p>3. In line with: x</p>')).toEqual([]);
  });

  it('requires the colon or dash, so a bold phrase inside a sentence is not an area', () => {
    expect(
      names(
        '<ul><li><strong>Important</strong> news here</li><li><strong>More</strong> news</li></ul>',
      ),
    ).toEqual([]);
  });

  it('breaks a run of paragraphs at anything in between', () => {
    const html = '<p>a. <b>One</b>: x</p><h3>Break</h3><p>b. <b>Two</b>: y</p>';
    expect(names(html)).toEqual([]);
  });

  it('splits marker lines inside one paragraph (Markdown lines without blank lines)', () => {
    const html =
      '<p>Areas include:\n(i) <strong>Energy</strong>: grids\nand more\n(ii) <strong>Water</strong>: pipes</p>';
    expect(names(html)).toEqual(['Energy', 'Water']);
  });

  it('keeps a nested list out of its parent item and the parent in its own list', () => {
    const html =
      '<ul><li><b>Outer A</b>: x<ul><li><b>Inner</b>: y</li></ul></li><li><b>Outer B</b>: z</li></ul>';
    expect(names(html)).toEqual(['Outer A', 'Outer B']);
  });

  it('ignores empty paragraphs between items', () => {
    expect(names('<p>a. <b>One</b>: x</p><p></p><p>b. <b>Two</b>: y</p>')).toEqual(['One', 'Two']);
  });
});
