// @vitest-environment jsdom
/**
 * Hardening (issue 7): the static print renderer turns untrusted posts into HTML strings that a
 * browser (the PDF window, or Chromium in browser mode) parses again. Every case is checked on the
 * document as a browser parses it, which is where mutation XSS would show up.
 */
import { describe, expect, it } from 'vitest';
import { renderPostBodyHtml } from './post-body-html';
import { renderArticleDocument, renderDigestDocument } from './print-document';
import { makePost } from './test-post';

const FORBIDDEN =
  'script, style:not(head style), iframe, frame, object, embed, form, input, button, meta:not([charset]):not([http-equiv="Content-Security-Policy"]):not([name]), link, base, svg, math, noscript, template, video, audio';

const MXSS_PAYLOADS = [
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=alert(1) src>">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];

const SCHEME_LINKS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'java\u0000script:alert(1)',
  ' \u0001javascript:alert(1)',
  'VBScript:msgbox(1)',
  'vb\nscript:msgbox(1)',
  'DaTa:text/html,<script>alert(1)</script>',
  'data\t:text/html,x',
];

/** The slice of the DOM used here: the node tsconfig has no DOM types, jsdom supplies it at run time. */
interface ParsedElement {
  readonly tagName: string;
  readonly textContent: string | null;
  getAttributeNames(): string[];
  getAttribute(name: string): string | null;
}
interface ParsedDocument {
  readonly title: string;
  readonly body: ParsedElement;
  querySelector(selectors: string): ParsedElement | null;
  querySelectorAll(selectors: string): ArrayLike<ParsedElement> & Iterable<ParsedElement>;
}

/** Parses `html` the way a browser does (the PDF window parses the printed document again). */
function parse(html: string): ParsedDocument {
  const { DOMParser } = globalThis as unknown as {
    DOMParser: new () => { parseFromString(html: string, type: 'text/html'): ParsedDocument };
  };
  return new DOMParser().parseFromString(html, 'text/html');
}

/** Fails when the parsed document holds anything that could run, load or submit. */
function expectInert(document: ParsedDocument): void {
  expect(document.querySelectorAll(FORBIDDEN), 'forbidden elements').toHaveLength(0);
  for (const element of document.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) {
      expect(name.toLowerCase().startsWith('on'), `${element.tagName} ${name}`).toBe(false);
      if (!['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(name)) continue;
      // eslint-disable-next-line no-control-regex
      const value = (element.getAttribute(name) ?? '').replace(/[\u0000-\u0020]/g, '');
      // `data:` images are how the print renderer inlines local files; anything else is banned.
      const allowedData =
        element.tagName === 'IMG' && /^data:image\/(png|jpeg|gif|webp);/i.test(value);
      if (!allowedData) {
        expect(value.toLowerCase(), `${element.tagName} ${name}`).not.toMatch(
          /^(javascript|vbscript|data):/,
        );
      }
    }
  }
}

describe('print renderer against hostile bodies', () => {
  it.each(MXSS_PAYLOADS)('renders the mutation-XSS payload %j inert', async (payload) => {
    const html = await renderArticleDocument(
      makePost({ body: `<p>Before.</p>\n\n${payload}\n\n<p>After.</p>` }),
    );
    const document = parse(html);
    expectInert(document);
    expect(document.body.textContent).toContain('Before.');
  });

  it.each(SCHEME_LINKS)('never prints the link %j as an address', async (url) => {
    const attribute = url.replace(/"/g, '&quot;');
    const html = await renderArticleDocument(
      makePost({
        body: `<p><a href="${attribute}">html link</a> <img src="${attribute}" alt="pic"></p>\n\n[md](${encodeURI(url)})`,
      }),
    );
    const document = parse(html);
    expectInert(document);
    expect(document.body.textContent).toContain('html link');
  });

  it('drops every kind of active or loading element, with their contents', async () => {
    const html = await renderArticleDocument(
      makePost({
        body: [
          '<iframe srcdoc="<script>parent.x=1</script>"></iframe>',
          '<object data="x.swf"></object><embed src="x.swf">',
          '<form action="https://evil.example/"><input name="p"><button>Send</button></form>',
          '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
          '<base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css">',
          '<style>@import "https://evil.example/x.css";</style>',
          '<svg onload="alert(1)"><script>alert(2)</script></svg><math><mi>x</mi></math>',
          '<p onmouseover="alert(3)" style="background:url(https://evil.example/)">Stays.</p>',
          '```"><img src=x onerror=alert(4)>\ncode text\n```',
        ].join('\n\n'),
      }),
    );
    const document = parse(html);
    expectInert(document);
    expect(document.body.textContent).toContain('Stays.');
    expect(document.body.textContent).toContain('code text');
    expect(html).not.toMatch(/evil\.example|alert\(/);
  });
});

describe('print renderer against HTML in post fields', () => {
  const hostile = makePost({
    title: '<img src=x onerror=alert(1)><script>alert(2)</script>',
    description: '<iframe src="https://evil.example/"></iframe>"quoted"',
    category: '<svg onload=alert(3)>',
    areas: ['<b onclick=alert(4)>Trade</b>'],
    permalink: '/"><script>alert(5)</script>/',
    path: '_posts/<img src=x onerror=alert(6)>.md',
    id: '_posts/<img src=x onerror=alert(6)>.md',
  });

  it('prints the title, description, areas and source of an article as text', async () => {
    const document = parse(await renderArticleDocument(hostile));
    expectInert(document);
    expect(document.title).toBe(hostile.title);
    expect(document.querySelector('h1')?.textContent).toBe(hostile.title);
    expect(document.body.textContent).toContain('<b onclick=alert(4)>Trade</b>');
  });

  it('prints titles on the digest cover and contents as text', async () => {
    const document = parse(
      await renderDigestDocument([hostile, hostile], {
        filter: { query: '<script>alert(7)</script>', areas: ['<img src=x onerror=alert(8)>'] },
        today: '2025-01-01',
      }),
    );
    expectInert(document);
    expect(document.querySelector('.digest-contents')?.textContent).toContain(hostile.title);
    expect(document.querySelector('.digest-cover')?.textContent).toContain(
      '<script>alert(7)</script>',
    );
  });
});

describe('print renderer against bodies too complex to format', () => {
  const deep = (depth: number, text: string) =>
    `${'<div>'.repeat(depth)}${text}${'</div>'.repeat(depth)}`;
  const noImages = async () => null;

  it('prints a 10,000-level nested post as plain text after a notice', async () => {
    const document = parse(
      await renderArticleDocument(makePost({ body: deep(10_000, 'Deep text') })),
    );
    expectInert(document);
    expect(document.querySelector('[role="note"]')?.textContent).toBe(
      'Shown as plain text: this post nests its markup 10,000 levels deep.',
    );
    expect(document.querySelector('.post-body')?.textContent).toContain('Deep text');
  });

  it('prints a line of 10,000 quote markers as plain text', async () => {
    const html = await renderArticleDocument(
      makePost({ body: `${'>'.repeat(10_000)} Quoted words` }),
    );
    const document = parse(html);
    expect(document.querySelector('[role="note"]')?.textContent).toContain('10,000 levels deep');
    expect(document.querySelector('.post-body')?.textContent).toContain('Quoted words');
  });

  it('prints an 80 KB bracket bomb (32 s to format) as plain text', async () => {
    const body = `${'['.repeat(40_000)}${']'.repeat(40_000)}\n\nAfter the brackets.`;
    const document = parse(await renderArticleDocument(makePost({ body })));
    expect(document.querySelector('[role="note"]')?.textContent).toBe(
      'Shown as plain text: this post has too many square brackets to format (40,000).',
    );
    expect(document.querySelector('.post-body')?.textContent).toContain('After the brackets.');
  });

  it('keeps every other post of a digest formatted', async () => {
    const posts = [
      makePost({ title: 'Before', body: '**Formatted** before.' }),
      makePost({ title: 'Deep', body: deep(10_000, 'Deep text') }),
      makePost({ title: 'Bomb', body: `${'[a]('.repeat(40_000)}` }),
      makePost({ title: 'After', body: '**Formatted** after.' }),
    ];
    const html = await renderDigestDocument(posts, {
      filter: { query: '', areas: [] },
      today: '2025-01-01',
    });
    const document = parse(html);
    expect(document.querySelectorAll('.digest-article')).toHaveLength(4);
    expect(document.querySelectorAll('[role="note"]')).toHaveLength(2);
    expect(document.querySelectorAll('.post-body strong')).toHaveLength(2);
    expect(document.body.textContent).toContain('Deep text');
  });

  it('escapes the plain text, whatever it holds', async () => {
    const body = deep(
      3000,
      '&lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(2)> "quoted" & done',
    );
    const html = await renderPostBodyHtml(body, noImages);
    const document = parse(`<!doctype html><body>${html}</body>`);
    expectInert(document);
    expect(document.body.textContent).toContain('<script>alert(1)</script> "quoted" & done');
  });

  it.each([1500, 1700, 3000])(
    'falls back to plain text when the pipeline itself fails at %i levels, instead of hanging',
    async (depth) => {
      // Told the body is fine, the pipeline meets the nesting itself. Around 1,500 levels the
      // stringifier (run outside the pipeline's error handling) would overflow the stack: an
      // unhandled rejection and a promise that never settles. The depth guard stops it first.
      const html = await renderPostBodyHtml(deep(depth, 'Deep text'), noImages, null);
      expect(html).toContain('Shown as plain text: this post could not be formatted.');
      expect(html).toContain('<p>Deep text</p>');
    },
  );

  it('uses the reason it is given instead of formatting', async () => {
    const html = await renderPostBodyHtml('**not bold**', noImages, 'is a test');
    expect(html).toBe(
      '<p class="post-meta plain-text-notice" role="note">Shown as plain text: this post is a test.</p><p>**not bold**</p>',
    );
  });

  it('still formats bodies nested right up to the limits', async () => {
    const body = [
      deep(256, 'Deep but fine'),
      `${'>'.repeat(64)} Quoted but fine`,
      `${'*a '.repeat(128)}emphasised${' a*'.repeat(128)}`,
    ].join('\n\n');
    const html = await renderPostBodyHtml(body, noImages);
    expect(html).not.toContain('Shown as plain text');
    expect(html.match(/<div>/g)).toHaveLength(256);
    expect(html.match(/<blockquote>/g)).toHaveLength(64);
    expect(html.match(/<em>/g)).toHaveLength(128);
  });
});
