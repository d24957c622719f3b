import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAreaAliases } from './area-aliases';
import {
  MAX_BRACKETS,
  MAX_CONTAINER_NESTING,
  MAX_EMPHASIS_NESTING,
  MAX_FORMATTED_LENGTH,
  MAX_HTML_NESTING,
  MAX_MARKUP,
  MAX_PIPES_PER_LINE,
  assessBody,
  containerNestingDepth,
  htmlNestingDepth,
  measureEmphasis,
  plainTextReason,
} from './body-complexity';
import { parsePostFile } from './parse-post';

const SAMPLE_FOLDER = new URL('../../../resources/posts/', import.meta.url).pathname;

function postFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return postFiles(path);
    return /\.(md|markdown|html)$/i.test(name) ? [path] : [];
  });
}

function divs(depth: number, text = 'Deep text'): string {
  return `${'<div>'.repeat(depth)}${text}${'</div>'.repeat(depth)}`;
}

describe('plainTextReason: bodies that are safe to format', () => {
  it.each([
    ['an empty body', ''],
    ['plain paragraphs', 'Singapore and the EU agreed.\n\nThe agreement covers AI safety.'],
    [
      'a tiptap-style HTML release',
      '<p><strong>Singapore, 20 November 2024</strong> – Singapore and the EU…</p>' +
        '<ol><li><p><strong>Information Exchange</strong>: sharing</p></li></ol>' +
        '<p>See <a href="https://example.org/a_b_c" target="_blank" rel="noopener">the site</a>.</p>',
    ],
    [
      'Markdown with emphasis, links and a table',
      '**Singapore** and _the EU_ signed a [memorandum](https://example.org/x_y).\n\n' +
        '| Area | Lead |\n| --- | --- |\n| **AI** | MDDI |\n| *Data* | IMDA |\n\n' +
        '> a. **Information Exchange**: sharing\n> b. **Research**: joint work\n\n' +
        '- one\n  - two\n    - three ~~old~~ new',
    ],
    ['unclosed paragraphs and list items', '<p>para'.repeat(400) + '<ul>' + '<li>item'.repeat(400)],
    ['a separator line of stars', `${'* '.repeat(200)}\n\n${'-'.repeat(300)}`],
    ['HTML nested exactly to the limit', divs(MAX_HTML_NESTING)],
    ['block quotes nested exactly to the limit', `${'>'.repeat(MAX_CONTAINER_NESTING)} quoted`],
    ['brackets up to the limit', '['.repeat(MAX_BRACKETS) + ']'.repeat(MAX_BRACKETS)],
    ['a table row of 500 columns', `a${'|a'.repeat(MAX_PIPES_PER_LINE - 1)}\n${'|-'.repeat(500)}`],
    [
      'emphasis nested to the limit',
      '*a '.repeat(MAX_EMPHASIS_NESTING) + 'x' + ' a*'.repeat(MAX_EMPHASIS_NESTING),
    ],
    ['a long paragraph of balanced emphasis', '**bold** _em_ ~~gone~~ '.repeat(800)],
  ])('accepts %s', (_name, body) => {
    expect(plainTextReason(body)).toBeNull();
  });

  it('accepts every post bundled as the sample folder', () => {
    const aliases = loadAreaAliases();
    const files = postFiles(SAMPLE_FOLDER);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const relativePath = relative(SAMPLE_FOLDER, file).split(sep).join('/');
      const bytes = readFileSync(file);
      const outcome = parsePostFile({ relativePath, bytes, mtimeMs: 0 }, aliases);
      if (outcome.kind !== 'post') continue;
      expect(outcome.post.plainTextReason, relativePath).toBeNull();
      expect(plainTextReason(outcome.post.body), relativePath).toBeNull();
    }
  });
});

describe('plainTextReason: bodies shown as plain text', () => {
  it('rejects HTML nested deeper than the limit, saying how deep', () => {
    expect(plainTextReason(divs(MAX_HTML_NESTING + 1))).toBe('nests its markup 257 levels deep');
    expect(plainTextReason(divs(10_000))).toBe('nests its markup 10,000 levels deep');
    expect(plainTextReason(divs(3_000))).toBe('nests its markup 3,000 levels deep');
  });

  it.each([
    ['self-closing divs (HTML ignores the slash)', '<div/>'.repeat(3000)],
    ['end tags that close nothing', '<div></span>'.repeat(3000)],
    ['end tags inside attribute values', '<div title="</div>">'.repeat(3000)],
    ['end tags inside unquoted-looking quotes', "<div title='a>b</div>'>".repeat(3000)],
    ['end tags inside comments', '<div><!--</div>-->'.repeat(3000)],
    ['end tags inside script', '<div><script>"</div>"</script>'.repeat(3000)],
    ['end tags blocked by a table cell', '<div><table><tr><td></div>'.repeat(1000)],
    ['tags after an empty comment', `<!-->${'<div>'.repeat(3000)}<!-- -->`],
    [
      'end tags in script after a look-alike',
      '<div><script></scriptx></div></script>'.repeat(3000),
    ],
    [
      'tags inside noscript (the pipeline parses with scripting off)',
      '<noscript><div>'.repeat(2000),
    ],
  ])('counts HTML nesting as a parser builds it: %s', (_name, body) => {
    expect(htmlNestingDepth(body, MAX_HTML_NESTING)).toBeGreaterThan(MAX_HTML_NESTING);
    expect(assessBody(body)?.rule).toBe('nesting');
  });

  it('closes implied elements and ignores void ones', () => {
    const tags = 'p li td tr dd option h1 img br hr input'.split(' ');
    const body = tags.map((tag) => `<${tag}>x`.repeat(400)).join('');
    expect(htmlNestingDepth(body, MAX_HTML_NESTING)).toBeLessThanOrEqual(8);
  });

  it.each([
    ['a line of > markers', `${'>'.repeat(10_000)} quoted`, 10_000],
    ['a line of > markers with spaces', `${'> '.repeat(65)}quoted`, 65],
    ['a line of list markers', `${'- '.repeat(3000)}item`, 3000],
    ['a line of ordered list markers', `${'1. '.repeat(3000)}item`, 3000],
    [
      'list items indented deeper on each line',
      Array.from({ length: 200 }, (_, level) => `${' '.repeat(2 * level)}- item`).join('\n'),
      200,
    ],
  ])('rejects Markdown containers nested too deeply: %s', (_name, body, depth) => {
    expect(containerNestingDepth(body)).toBe(depth);
    expect(plainTextReason(body)).toBe(
      `nests its markup ${depth.toLocaleString('en-US')} levels deep`,
    );
  });

  it('rejects too many square brackets (micromark matches them in quadratic time)', () => {
    const bomb = '['.repeat(40_000) + ']'.repeat(40_000);
    expect(plainTextReason(bomb)).toBe('has too many square brackets to format (40,000)');
    expect(assessBody('[a]('.repeat(40_000))?.rule).toBe('brackets');
    expect(assessBody('['.repeat(MAX_BRACKETS + 1))?.rule).toBe('brackets');
  });

  it('rejects a table row with too many columns', () => {
    const table = `a${'|a'.repeat(4000)}\n${'|-'.repeat(4001)}\n${'|b'.repeat(4001)}`;
    expect(plainTextReason(table)).toBe('has a table row with too many columns to format (4,001)');
    expect(assessBody('|'.repeat(MAX_PIPES_PER_LINE + 1))?.rule).toBe('columns');
    // Spread over lines, the same pipes are no table row: only the markup estimate counts them.
    expect(assessBody('a|b\n'.repeat(600))?.rule).toBeUndefined();
  });

  it('rejects emphasis nested too deeply', () => {
    expect(assessBody(`${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`)?.rule).toBe(
      'emphasis-nesting',
    );
    const nested = '_a '.repeat(MAX_EMPHASIS_NESTING + 1) + 'x' + ' a_'.repeat(129);
    expect(measureEmphasis(nested).nesting).toBe(MAX_EMPHASIS_NESTING + 1);
    expect(assessBody(nested)?.reason).toBe(
      'nests emphasis (* _ ~) too deeply to format (129 levels)',
    );
  });

  it('rejects emphasis markers that micromark would match in quadratic time', () => {
    // Closers with nothing to close each search back to the paragraph's start.
    expect(assessBody('a_ '.repeat(10_000))?.rule).toBe('emphasis-work');
    // Closers that pass thousands of openers of another kind.
    expect(assessBody('*a '.repeat(20_000) + 'a_ '.repeat(50))?.rule).toBe('emphasis-work');
    // The same markers split into paragraphs are cheap.
    expect(assessBody('a_ a_ a_\n\n'.repeat(1000))?.rule).not.toBe('emphasis-work');
  });

  it('ignores markers inside HTML attributes and escaped ones', () => {
    const links = '<a href="https://x.org/a_b_" target="_blank">x</a> '.repeat(2000);
    expect(measureEmphasis(links)).toMatchObject({ nesting: 0, work: 0 });
    expect(measureEmphasis('\\_a '.repeat(5000) + 'a\\_ '.repeat(5000))).toMatchObject({
      nesting: 0,
      work: 0,
    });
  });

  it('rejects dense markup, which costs the pipeline ~0.2 ms an element', () => {
    expect(assessBody('- a\n'.repeat(MAX_MARKUP + 1))?.rule).toBe('markup');
    expect(assessBody('a\n\n'.repeat(MAX_MARKUP + 1))?.rule).toBe('markup');
    expect(assessBody('<b>a</b>'.repeat(MAX_MARKUP + 1))?.rule).toBe('markup');
    // One element per bare address, and one for the paragraph they stand in.
    expect(assessBody('www.example.org '.repeat(MAX_MARKUP + 1))?.reason).toBe(
      'has too much markup to format (about 2,502 elements)',
    );
  });

  it('rejects a body too long to format', () => {
    expect(plainTextReason('word '.repeat(MAX_FORMATTED_LENGTH / 5 + 1))).toBe(
      'is too long to format (257 KB)',
    );
  });

  it('stays linear on bodies built to defeat each scan', () => {
    const bodies = [
      '<'.repeat(200_000),
      '<a b="'.repeat(40_000),
      '<script>'.repeat(30_000),
      '<!--'.repeat(60_000),
      '<b>'.repeat(80_000),
      '\\'.repeat(200_000) + '*',
      '<x>_'.repeat(60_000),
    ];
    for (const body of bodies) expect(() => plainTextReason(body)).not.toThrow();
  });
});

describe('parsePostFile: plain text reason', () => {
  const aliases = loadAreaAliases();
  const parse = (body: string) =>
    parsePostFile(
      {
        relativePath: '_posts/2024-01-01-post.md',
        bytes: new TextEncoder().encode(`---\ntitle: Post\n---\n${body}`),
        mtimeMs: 0,
      },
      aliases,
    );

  it('sets the reason on the post and reports it as a warning', () => {
    const outcome = parse(`${'>'.repeat(10_000)} Quoted words`);
    expect(outcome.kind).toBe('post');
    if (outcome.kind !== 'post') return;
    expect(outcome.post.plainTextReason).toBe('nests its markup 10,000 levels deep');
    expect(outcome.post.warnings).toContain(
      'body is shown as plain text because it nests its markup 10,000 levels deep',
    );
    expect(outcome.text).toContain('Quoted words');
  });

  it('reports deep HTML once, with the warning it already had', () => {
    const outcome = parse(divs(10_000, 'words'));
    if (outcome.kind !== 'post') throw new Error('expected a post');
    expect(outcome.post.plainTextReason).toBe('nests its markup 10,000 levels deep');
    expect(outcome.post.warnings).toEqual([
      'body is nested too deeply to read its structure; only its text is used',
    ]);
  });

  it('leaves ordinary posts formatted', () => {
    const outcome = parse('**Singapore** and the EU agreed.');
    if (outcome.kind !== 'post') throw new Error('expected a post');
    expect(outcome.post.plainTextReason).toBeNull();
    expect(outcome.post.warnings).toEqual([]);
  });
});
