import { describe, expect, it } from 'vitest';
import { renderArticleDocument, renderDigestDocument } from './print-document';
import { pdfFooterTemplate } from './print-footer';
import { articlePdfFileName, postSlug } from './print-file-name';
import { makePost } from './test-post';

describe('renderArticleDocument', () => {
  it('puts the title, the spelled-out date, the areas and the source at the top', async () => {
    const html = await renderArticleDocument(makePost());
    const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
    expect(header).toContain(
      'Singapore and the European Union Agree to Strengthen Collaboration on AI Safety</h1>',
    );
    expect(header).toContain('<time datetime="2024-11-20">20 November 2024</time>');
    expect(header).toContain('Information Exchange · Standardisation Activities');
    expect(header).toContain('media/press-releases/_posts/2024-11-20-ai-safety.md');
    expect(header).toContain(
      '/singapore-and-the-european-union-agree-to-strengthen-collaboration-on-ai-safety/',
    );
  });

  it('renders raw HTML paragraphs and GFM tables from the body', async () => {
    const html = await renderArticleDocument(
      makePost({
        body: '<p>a. <strong>Information Exchange</strong>: sharing</p>\n\n| A | B |\n|---|---|\n| 1 | 2 |\n',
      }),
    );
    expect(html).toContain('<p>a. <strong>Information Exchange</strong>: sharing</p>');
    expect(html).toMatch(/<table>[\s\S]*<td>1<\/td>/);
  });

  it('sanitizes hostile markup in the body with the shared schema', async () => {
    const html = await renderArticleDocument(
      makePost({
        body:
          '<script>alert(1)</script><p onclick="steal()">Text<img src="x.png" onerror="steal()"></p>' +
          '<a href="javascript:steal()">bad</a><iframe src="https://evil.example"></iframe>' +
          '<style>body{display:none}</style>',
      }),
    );
    const body = html.slice(html.indexOf('<div class="post-body">'));
    expect(body).not.toMatch(
      /<script|onclick|onerror|javascript:|<iframe|<style|display:none|alert\(1\)/,
    );
    expect(body).toContain('Text');
  });

  it('escapes the title everywhere it appears', async () => {
    const html = await renderArticleDocument(
      makePost({ title: '</title><script>x()</script> & "q"' }),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain(
      '<title>&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; &amp; &quot;q&quot;</title>',
    );
    expect(pdfFooterTemplate('<img src=x onerror=y()>')).toContain(
      '&lt;img src=x onerror=y()&gt; — page',
    );
  });

  it('replaces remote images with their alt text and address and never references them', async () => {
    const html = await renderArticleDocument(
      makePost({
        body: '<img src="https://cdn.example/map.png" alt="Map of the region"> ![chart](//cdn.example/c.png)',
      }),
    );
    expect(html).toContain('[Image: Map of the region — https://cdn.example/map.png]');
    expect(html).toContain('[Image: chart — //cdn.example/c.png]');
    expect(html).not.toMatch(/<img/);
  });

  it('inlines local images through the resolver and marks missing ones', async () => {
    const seen: string[] = [];
    const html = await renderArticleDocument(
      makePost({ body: '<img src="/images/flag.png" alt="Flag"><img src="gone.png" alt="Gone">' }),
      async (_post, src) => {
        seen.push(src);
        return src === '/images/flag.png' ? 'data:image/png;base64,AAAA' : null;
      },
    );
    expect(seen).toEqual(['/images/flag.png', 'gone.png']);
    expect(html).toContain('<img src="data:image/png;base64,AAAA" alt="Flag">');
    expect(html).toContain('[Image not available: Gone — gone.png]');
  });

  it('forbids the document from fetching anything', async () => {
    const html = await renderArticleDocument(makePost());
    expect(html).toContain(`content="default-src 'none'; img-src data:;`);
  });

  it('keeps external links and drops links into the site, which cannot work on paper', async () => {
    const html = await renderArticleDocument(
      makePost({
        body: '[site](https://www.example.gov/) [other post](/other-post/) [mail](mailto:press@example.gov)',
      }),
    );
    expect(html).toContain('<a href="https://www.example.gov/">site</a>');
    expect(html).toContain('<a>other post</a>');
    expect(html).toContain('<a href="mailto:press@example.gov">mail</a>');
  });
});

describe('renderDigestDocument', () => {
  const posts = [
    makePost({ id: 'b', title: 'Newest agreement', date: '2024-11-20' }),
    makePost({ id: 'a', title: 'Older agreement', date: '2021-04-08', areas: [] }),
    makePost({ id: 'c', title: 'Undated note', date: null }),
  ];

  it('has a cover with the filters and the date, then a contents page, then the articles in the given order', async () => {
    const html = await renderDigestDocument(posts, {
      filter: {
        areas: ['Cybersecurity', 'AI Safety'],
        match: 'all',
        query: 'quantum',
        from: '2020-01-01',
      },
      today: '2025-03-05',
    });
    const cover = html.slice(
      html.indexOf('<section class="digest-cover">'),
      html.indexOf('</section>'),
    );
    expect(cover).toContain('3 articles');
    expect(cover).toContain('<dt>Search</dt><dd>“quantum”</dd>');
    expect(cover).toContain('<dt>Areas (all of)</dt><dd>Cybersecurity and AI Safety</dd>');
    expect(cover).toContain('<dt>Dates</dt><dd>from 1 January 2020</dd>');
    expect(cover).toContain('Prepared on 5 March 2025');

    const contents = html.slice(
      html.indexOf('<nav class="digest-contents">'),
      html.indexOf('</nav>'),
    );
    expect(contents).toContain('<h2>Contents</h2>');
    expect(contents.indexOf('Newest agreement')).toBeLessThan(contents.indexOf('Older agreement'));
    expect(contents.indexOf('Older agreement')).toBeLessThan(contents.indexOf('Undated note'));
    expect(contents).toContain(
      '<a href="#article-2">Older agreement</a> <span class="contents-date">8 April 2021</span>',
    );

    const titles = [...html.matchAll(/<h2 class="post-title">([^<]*)<\/h2>/g)].map(
      (match) => match[1],
    );
    expect(titles).toEqual(['Newest agreement', 'Older agreement', 'Undated note']);
    expect(html.indexOf('</nav>')).toBeLessThan(html.indexOf('id="article-1"'));
    expect(html).toContain('<title>Accord Reader digest — 5 March 2025</title>');
  });

  it('says "All posts" on the cover of an unfiltered digest', async () => {
    const html = await renderDigestDocument([], { filter: {}, today: '2025-03-05' });
    expect(html).toContain('<dt>Filters</dt><dd>All posts</dd>');
    expect(html).toContain('0 articles');
  });
});

describe('article file names', () => {
  it('uses the permalink slug, else the file name without its date prefix', () => {
    expect(articlePdfFileName(makePost())).toBe(
      'singapore-and-the-european-union-agree-to-strengthen-collaboration-on-ai-safety.pdf',
    );
    expect(postSlug({ permalink: null, path: 'x/_posts/2019-03-14-valdoria-cyber.md' })).toBe(
      'valdoria-cyber',
    );
  });

  it('never yields a path or a dot-file', () => {
    expect(postSlug({ permalink: '/a/..', path: 'p.md' })).toBe('article');
    expect(postSlug({ permalink: '/we:ird<name>/', path: 'p.md' })).toBe('we-ird-name-');
  });
});
