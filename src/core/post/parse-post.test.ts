import { readFileSync } from 'node:fs';
import type { Post } from '@shared/post';
import { describe, expect, it } from 'vitest';
import { loadAreaAliases } from './area-aliases';
import type { ParseOutcome } from './parse-contract';
import { parsePostFile } from './parse-post';

const aliases = loadAreaAliases();
const SEED_NAME =
  '2024-11-20-singapore-and-the-european-union-agree-to-strengthen-collaboration-on-ai-safety.md';
const SEED_PATH = `media/press-releases/_posts/${SEED_NAME}`;

function parse(relativePath: string, text: string | Uint8Array): ParseOutcome {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return parsePostFile({ relativePath, bytes, mtimeMs: 1_700_000_000_000 }, aliases);
}

function post(text: string, relativePath = 'news/_posts/2024-03-04-a-post.md'): Post {
  const outcome = parse(relativePath, text);
  if (outcome.kind !== 'post') throw new Error(`expected a post, got: ${outcome.reason}`);
  return outcome.post;
}

describe('parsePostFile: the sample post', () => {
  const outcome = parse(
    SEED_PATH,
    readFileSync(new URL(`./__fixtures__/${SEED_NAME}`, import.meta.url)),
  );
  const seed = outcome.kind === 'post' ? outcome.post : null;

  it('reads its fields without warnings', () => {
    expect(seed).toMatchObject({
      id: SEED_PATH,
      path: SEED_PATH,
      title: 'Singapore and the European Union Agree to Strengthen Collaboration on AI Safety',
      date: '2024-11-20',
      permalink:
        '/singapore-and-the-european-union-agree-to-strengthen-collaboration-on-ai-safety/',
      layout: 'post',
      external: null,
      description: '',
      image: null,
      variant: 'tiptap',
      category: 'Press Releases',
      warnings: [],
      mtimeMs: 1_700_000_000_000,
    });
  });

  it('finds exactly its six cooperation areas, in order, from the body', () => {
    expect(seed?.areas).toEqual([
      'Information Exchange',
      'Joint Testing and Evaluations',
      'Development of Tools and Benchmarks',
      'Standardisation Activities',
      'AI Safety Research',
      'Insights on Emerging Trends',
    ]);
    expect(seed?.areaDetails[3]).toEqual({
      name: 'Standardisation Activities',
      source: { kind: 'body', sentence: 'Standardisation Activities: For general-purpose AI.' },
    });
  });

  it('gives readable plain text and a reading time', () => {
    const text = outcome.kind === 'post' ? outcome.text : '';
    expect(text).toContain(
      'Singapore, 20 November 2024 – Singapore and the European Union (EU) have formalised',
    );
    expect(text).toContain('d. Standardisation Activities: For general-purpose AI.');
    expect(text).not.toMatch(/<|&amp;|\n\n/);
    expect(seed?.readingMinutes).toBe(3);
  });

  it('keeps the body as written after the front matter', () => {
    expect(seed?.body.startsWith('\n<p><strong>Singapore and the European Union')).toBe(true);
  });
});

describe('parsePostFile: which files are posts', () => {
  it('skips empty, binary, non-UTF-8 and oversized files with a reason', () => {
    expect(parse('a.md', '')).toEqual({ kind: 'skipped', reason: 'empty file' });
    expect(parse('a.md', new Uint8Array([0x61, 0x00]))).toEqual({
      kind: 'skipped',
      reason: 'not UTF-8 text (contains NUL bytes)',
    });
    expect(parse('a.md', new Uint8Array([0xff, 0xfe, 0x61, 0x00])).kind).toBe('skipped');
  });

  it('needs front matter in .html files but not in .md files', () => {
    expect(parse('_posts/a.html', '<p>Static page</p>')).toEqual({
      kind: 'skipped',
      reason: 'HTML file without YAML front matter (Jekyll treats it as a page, not a post)',
    });
    expect(post('---\ntitle: Page\n---\n<h2>Hi</h2>', '_posts/a.html').title).toBe('Page');
    expect(post('Just text', '_posts/2024-01-02-plain.md').title).toBe('Plain');
  });

  it('reads an .html body as HTML, not Markdown', () => {
    const outcome = parse('_posts/a.html', '---\ntitle: T\n---\n**not bold** <b>bold</b>');
    expect(outcome.kind === 'post' && outcome.text).toBe('**not bold** bold');
  });

  it('keeps a post with only front matter (a link post) as a post', () => {
    const link = post(
      '---\ntitle: Elsewhere\nlayout: link\nexternal: https://example.org/x\n---\n',
    );
    expect(link).toMatchObject({
      layout: 'link',
      external: 'https://example.org/x',
      readingMinutes: 0,
    });
  });
});

describe('parsePostFile: front matter problems still give a readable post', () => {
  it('does not run ---js front matter, warns and shows the body', () => {
    const js = post('---js\n{ title: process.exit(1) }\n---\n# Heading title\n\nBody');
    expect(js.title).toBe('Heading title');
    expect(js.warnings).toContain(
      'front matter written in "js" is not supported (only YAML); it was ignored, not run',
    );
    expect(js.body).toBe('# Heading title\n\nBody');
  });

  it('reads an unclosed block as body, with a warning', () => {
    const unclosed = post('---\ntitle: Never closed\n\nSome text');
    expect(unclosed.warnings[0]).toMatch(/^front matter is not closed/);
    expect(unclosed.title).toBe('A post');
  });

  it('falls back to the first heading, then the file name, when YAML is invalid', () => {
    const invalid = post('---\ntitle: [oops\n---\n<h1>From the heading</h1>');
    expect(invalid.title).toBe('From the heading');
    expect(invalid.warnings[0]).toMatch(/^front matter is not valid YAML: /);
    expect(post('---\n: : :\n---\ntext').title).toBe('A post');
  });

  it('reads BOM and CRLF files', () => {
    const text = '\uFEFF---\r\ntitle: Windows\r\ndate: 2024-05-06\r\n---\r\nBody\r\n';
    expect(post(text)).toMatchObject({
      title: 'Windows',
      date: '2024-05-06',
      body: 'Body\n',
      warnings: [],
    });
  });

  it('turns numeric titles into their written text and ignores list titles with a warning', () => {
    expect(post('---\ntitle: 2024.10\n---\n').title).toBe('2024.10');
    const listTitle = post('---\ntitle: [a, b]\n---\n');
    expect(listTitle.title).toBe('A post');
    expect(listTitle.warnings).toContain('title is a list; ignored');
    expect(post('---\ntitle:\n---\n').warnings).toContain('title is empty; ignored');
  });

  it('shortens absurdly long titles with a warning', () => {
    const long = post(`---\ntitle: ${'x'.repeat(100_000)}\n---\n`);
    expect(long.title.length).toBe(300);
    expect(long.warnings).toContain('title is longer than 300 characters; shortened');
  });

  it('shows posts marked published: false, with a warning', () => {
    expect(post('---\npublished: false\n---\nx').warnings).toContain(
      'marked unpublished (published: false); shown anyway',
    );
  });
});

describe('parsePostFile: fields', () => {
  it('collapses a folded description and defaults unknown layouts to post', () => {
    const folded = post('---\ndescription: >\n  One line\n  and   another\nlayout: default\n---\n');
    expect(folded.description).toBe('One line and another');
    expect(folded.layout).toBe('post');
  });

  it('takes file_url for file posts', () => {
    expect(post('---\nlayout: file\nfile_url: /files/a.pdf\n---\n').external).toBe('/files/a.pdf');
    expect(post('---\nexternal: https://x.test\n---\n').external).toBeNull();
  });

  it('uses category, else the first of categories, else the folder above _posts', () => {
    expect(post('---\ncategory: Speeches\n---\n').category).toBe('Speeches');
    expect(post('---\ncategories: [Media, News]\n---\n').category).toBe('Media');
    expect(post('---\ncategories: Media, News\n---\n').category).toBe('Media');
    expect(post('x', 'media-releases/_posts/2024-01-01-a.md').category).toBe('Media Releases');
    expect(post('x', 'x.md').category).toBeNull();
  });

  it('strips Liquid from the body and the text', () => {
    const outcome = parse(
      'a.md',
      '---\ntitle: T\n---\nHello {{ site.name }}{% include note.html %} world',
    );
    expect(outcome.kind === 'post' && [outcome.post.body, outcome.text]).toEqual([
      'Hello  world',
      'Hello world',
    ]);
  });
});

describe('parsePostFile: dates', () => {
  it('reads the written calendar date, never the UTC instant', () => {
    expect(post('---\ndate: 2022-02-01 00:30:00 +0800\n---\n').date).toBe('2022-02-01');
    expect(post('---\ndate: "November 5, 2023"\n---\n').date).toBe('2023-11-05');
  });

  it('falls back to the file name prefix when there is no date field', () => {
    expect(post('x', '_posts/2024-03-04-a.md')).toMatchObject({ date: '2024-03-04', warnings: [] });
  });

  it('warns about impossible dates and then uses the file name prefix', () => {
    const impossible = post('---\ndate: 2024-02-30\n---\n', '_posts/2024-03-04-a.md');
    expect(impossible.date).toBe('2024-03-04');
    expect(impossible.warnings).toEqual(['date "2024-02-30" is not a real calendar date']);
  });

  it('is null with a warning when no date can be found', () => {
    expect(post('x', 'undated.md')).toMatchObject({
      date: null,
      warnings: ['no date found (no date field and no YYYY-MM-DD- file name prefix)'],
    });
    const unreadable = post('---\ndate: someday\n---\n', 'undated.md');
    expect(unreadable.date).toBeNull();
    expect(unreadable.warnings).toEqual(['date "someday" is not a date this reader understands']);
  });
});

describe('parsePostFile: cooperation areas', () => {
  it('reads areas, cooperation_areas and tags from front matter (lists or comma-separated), not categories', () => {
    const tagged = post(
      '---\nareas: [Cyber Security, Trade]\ncooperation_areas: Energy, trade\ntags:\n  - Water\ncategories: [Media]\n---\n',
    );
    expect(tagged.areas).toEqual(['Cybersecurity', 'Trade', 'Energy', 'Water']);
    expect(tagged.areaDetails[2]).toEqual({
      name: 'Energy',
      source: { kind: 'front-matter', field: 'cooperation_areas' },
    });
  });

  it('merges body areas after front matter ones, without duplicates, through the alias table', () => {
    const mixed = post(
      '---\ntags: [Information Exchange]\n---\n- **Information Sharing**: a\n- **AI Safety Research**: b\n',
    );
    expect(mixed.areas).toEqual(['Information Exchange', 'AI Safety Research']);
    expect(mixed.areaDetails[0]?.source).toEqual({ kind: 'front-matter', field: 'tags' });
  });
});

describe('parsePostFile: robustness', () => {
  it('reads a 10,000-level nested body as text, with a warning', () => {
    const deep = parse(
      'a.md',
      `---\ntitle: Deep\n---\n${'<div>'.repeat(10_000)}words${'</div>'.repeat(10_000)}`,
    );
    expect(deep.kind === 'post' && [deep.text, deep.post.warnings]).toEqual([
      'words',
      [
        'body is nested too deeply to read its structure; only its text is used',
        'no date found (no date field and no YYYY-MM-DD- file name prefix)',
      ],
    ]);
  });
});
