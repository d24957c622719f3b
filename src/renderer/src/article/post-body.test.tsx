// @vitest-environment jsdom
import '../test/setup-dom';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ReaderApiProvider } from '../api/reader-api-context';
import { FakeReaderApi, makePost } from '../test/fake-reader-api';
import { PostBody } from './post-body';

const FORBIDDEN =
  'script, style, iframe, object, embed, form, input, meta, link, base, svg, math, frame, frameset';

function renderBody(
  body: string,
  options: { terms?: string[]; api?: FakeReaderApi; onOpenPost?: (id: string) => void } = {},
) {
  const api = options.api ?? new FakeReaderApi();
  const view = render(
    <ReaderApiProvider api={api}>
      <PostBody
        postId="press/post.md"
        body={body}
        plainTextReason={null}
        permalink="/press/post/"
        terms={options.terms}
        onOpenPost={options.onOpenPost}
      />
    </ReaderApiProvider>,
  );
  return { api, container: view.container.querySelector('.post-body')! };
}

function expectNothingActive(container: Element) {
  expect(container.querySelectorAll(FORBIDDEN)).toHaveLength(0);
  for (const element of container.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      expect(attribute.toLowerCase().startsWith('on'), `${element.tagName} ${attribute}`).toBe(
        false,
      );
      expect(attribute.toLowerCase()).not.toBe('style');
    }
    for (const name of ['href', 'src', 'action', 'formaction', 'xlink:href']) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      // eslint-disable-next-line no-control-regex
      const cleaned = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      expect(cleaned).not.toMatch(/^(javascript|vbscript|data):/);
    }
  }
}

describe('PostBody sanitizing: removed', () => {
  it.each([
    ['script elements with their code', '<p>a</p><script>alert(1)</script>', 'alert'],
    ['style elements with their CSS', '<style>body{display:none}</style><p>a</p>', 'display'],
    ['iframes', '<iframe src="https://evil.example"></iframe><p>a</p>', null],
    ['frames and framesets', '<frameset><frame src="x"></frameset><p>a</p>', null],
    ['objects and embeds', '<object data="x.swf"></object><embed src="x.swf"><p>a</p>', null],
    [
      'forms, inputs and buttons',
      '<form action="https://x"><input name="q"><button>Go</button></form><p>a</p>',
      'Go',
    ],
    [
      'meta, link and base',
      '<meta http-equiv="refresh" content="0;url=x"><link rel="stylesheet" href="x.css"><base href="https://evil.example/"><p>a</p>',
      null,
    ],
    [
      'SVG (it can carry scripts)',
      '<svg><script>alert(1)</script><circle r="4"/></svg><p>a</p>',
      'alert',
    ],
    ['MathML', '<math><mi>x</mi></math><p>a</p>', null],
  ])('drops %s', (_name, html, leakedText) => {
    const { container } = renderBody(html);
    expectNothingActive(container);
    expect(container.textContent).toContain('a');
    if (leakedText) expect(container.textContent).not.toContain(leakedText);
  });

  it('drops event handlers and style attributes but keeps the element', () => {
    const { container } = renderBody(
      '<p onclick="alert(1)" style="color:red" onmouseover="x()">Hello</p><img src="a.png" onerror="alert(1)" alt="A">',
    );
    expectNothingActive(container);
    expect(container.querySelector('p')).toHaveTextContent('Hello');
    expect(container.querySelector('img')).toHaveAttribute('alt', 'A');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
  ])('never keeps a link to %j', (href) => {
    const { container } = renderBody(`<a href="${href}">click</a>`);
    expectNothingActive(container);
    expect(container).toHaveTextContent('click');
  });

  it('drops class names outside the Isomer allow-list', () => {
    const { container } = renderBody(
      '<div class="isomer-card app evil"><span class="isomer-card-title hidden">T</span></div>',
    );
    expect(container.querySelector('div')?.className).toBe('isomer-card');
    expect(container.querySelector('span')?.className).toBe('isomer-card-title');
  });
});

describe('PostBody sanitizing: kept', () => {
  it.each([
    ['u', '<u>underlined</u>'],
    ['mark', '<mark>marked</mark>'],
    ['abbr', '<abbr title="Artificial Intelligence">AI</abbr>'],
    ['sup', 'x<sup>2</sup>'],
    ['sub', 'H<sub>2</sub>O'],
    ['blockquote', '<blockquote>quoted</blockquote>'],
    ['hr', '<p>a</p><hr><p>b</p>'],
    ['br', '<p>a<br>b</p>'],
    ['figure', '<figure><img src="a.png" alt="A"><figcaption>Caption</figcaption></figure>'],
    ['figcaption', '<figure><img src="a.png" alt="A"><figcaption>Caption</figcaption></figure>'],
    ['details', '<details><summary>More</summary>Hidden text</details>'],
    ['summary', '<details><summary>More</summary>Hidden text</details>'],
    ['h3', '<h2>Sub heading</h2>'],
  ])('keeps <%s>', (tag, html) => {
    const { container } = renderBody(html);
    expect(container.querySelector(tag)).not.toBeNull();
  });

  it('keeps abbr titles, ordered list starts and image sizes', () => {
    const { container } = renderBody(
      '<abbr title="Artificial Intelligence">AI</abbr><ol start="3"><li>three</li></ol><img src="i.png" alt="Alt" title="T" width="40" height="30">',
    );
    expect(container.querySelector('abbr')).toHaveAttribute('title', 'Artificial Intelligence');
    expect(container.querySelector('ol')).toHaveAttribute('start', '3');
    const img = container.querySelector('img')!;
    expect(img).toHaveAttribute('width', '40');
    expect(img).toHaveAttribute('height', '30');
    expect(img).toHaveAttribute('title', 'T');
  });

  it('keeps tables with their structure, spans and scopes', () => {
    const { container } = renderBody(
      '<table><colgroup><col span="2"></colgroup><thead><tr><th scope="col" colspan="2">H</th></tr></thead><tbody><tr><td rowspan="2">a</td><td>b</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>',
    );
    expect(container.querySelector('col')).toHaveAttribute('span', '2');
    expect(container.querySelector('th')).toHaveAttribute('scope', 'col');
    expect(container.querySelector('th')).toHaveAttribute('colspan', '2');
    expect(container.querySelector('td')).toHaveAttribute('rowspan', '2');
    expect(container.querySelector('tfoot')).not.toBeNull();
  });

  it('renders GFM tables from Markdown', () => {
    const { container } = renderBody('| a | b |\n|---|---|\n| 1 | 2 |');
    expect(container.querySelectorAll('td')).toHaveLength(2);
  });

  it('demotes body headings so the article title stays the only h1', () => {
    const { container } = renderBody('# Repeated title\n\n<h1>Again</h1>');
    expect(container.querySelector('h1')).toBeNull();
    expect(container.querySelectorAll('h2')).toHaveLength(2);
  });
});

describe('PostBody links and images', () => {
  it('opens a link to another post in the app', async () => {
    const api = new FakeReaderApi([
      makePost({ id: 'other.md', title: 'Other', permalink: '/other-post/' }),
    ]);
    const onOpenPost = vi.fn();
    renderBody('[other](/other-post)', { api, onOpenPost });
    await userEvent.click(screen.getByRole('link', { name: 'other' }));
    await waitFor(() => expect(onOpenPost).toHaveBeenCalledWith('other.md'));
  });

  it('opens external links through the api, not in the page', async () => {
    const { api } = renderBody('[site](https://example.org/page)');
    await userEvent.click(screen.getByRole('link', { name: /site/ }));
    expect(api.calls).toContainEqual({
      method: 'openExternal',
      args: ['https://example.org/page'],
    });
  });

  it('loads relative and site-root images through the api', () => {
    const { container } = renderBody('<img src="/images/photo.png" alt="Photo">');
    expect(container.querySelector('img')).toHaveAttribute(
      'src',
      '/api/asset?post=press%2Fpost.md&src=%2Fimages%2Fphoto.png',
    );
  });

  it.each(['https://tracker.example/pixel.png', '//cdn.example/x.png', 'http://x.example/a.jpg'])(
    'never fetches the remote image %s: shows a placeholder with alt text and address',
    (src) => {
      const { container } = renderBody(`<img src="${src}" alt="Signing ceremony">`);
      expect(container.querySelector('img')).toBeNull();
      expect(screen.getByRole('img', { name: /Signing ceremony/ })).toBeInTheDocument();
      expect(container).toHaveTextContent(src);
    },
  );

  it('never loads data: images either', () => {
    const { container } = renderBody('<img src="data:image/png;base64,AAAA" alt="Inline">');
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('img', { name: /Inline/ })).toBeInTheDocument();
  });
});

describe('PostBody search highlighting', () => {
  it('marks search terms, folding case and diacritics like the index', () => {
    const { container } = renderBody('<p>Économie and ECONOMY; the economist.</p>', {
      terms: ['economie', 'economist'],
    });
    const marks = [...container.querySelectorAll('mark')].map((mark) => mark.textContent);
    expect(marks).toEqual(['Économie', 'economist']);
  });

  it('only marks terms at the start of a word', () => {
    const { container } = renderBody('<p>safety unsafe</p>', { terms: ['safe'] });
    expect([...container.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual([
      'safe',
    ]);
  });
});

// Pieces an attacker would combine: dangerous elements, handlers, scheme tricks, broken markup.
const hostileTag = fc.constantFrom(
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'meta',
  'link',
  'base',
  'svg',
  'math',
  'frame',
  'frameset',
  'a',
  'img',
  'div',
  'span',
  'p',
  'table',
  'td',
  'details',
  'button',
  'textarea',
  'select',
  'video',
  'audio',
  'source',
  'template',
  'noscript',
  'body',
  'html',
);
const hostileScheme = fc.constantFrom(
  'javascript:',
  'JaVaScRiPt:',
  ' javascript:',
  '\tjavascript:',
  'java\tscript:',
  'java\nscript:',
  'java\u0000script:',
  'vbscript:',
  'data:text/html,',
  'DATA:',
  '&#106;avascript:',
  'javascript&colon;',
  'https://ok.example/',
  '/relative/',
  '#frag',
);
const hostileAttribute = fc.oneof(
  fc.tuple(
    fc.constantFrom(
      'onclick',
      'onerror',
      'onload',
      'ONMOUSEOVER',
      'onfocus',
      'style',
      'formaction',
    ),
    fc.constant('alert(1)'),
  ),
  fc.tuple(
    fc.constantFrom('href', 'src', 'action', 'xlink:href', 'srcset', 'background', 'poster'),
    hostileScheme.map((scheme) => `${scheme}alert(1)`),
  ),
  fc.tuple(fc.constantFrom('class', 'id', 'name', 'title', 'alt'), fc.string({ maxLength: 8 })),
);
const hostileElement: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 12 }),
    fc
      .tuple(
        hostileTag,
        fc.array(hostileAttribute, { maxLength: 3 }),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.boolean(),
      )
      .map(([tag, attributes, children, close]) => {
        const attrs = attributes
          .map(([name, value]) => ` ${name}="${value.replace(/"/g, '&quot;')}"`)
          .join('');
        return `<${tag}${attrs}>${children.join('')}${close ? `</${tag}>` : ''}`;
      }),
    fc
      .tuple(hostileScheme, fc.string({ maxLength: 6 }))
      .map(([scheme, text]) => `[${text || 'x'}](${scheme}x) ![${text}](${scheme}y)`),
  ),
})).node;

describe('PostBody against generated hostile HTML', () => {
  it('never lets through a handler, a script URL or a forbidden element', () => {
    fc.assert(
      fc.property(fc.array(hostileElement, { minLength: 1, maxLength: 4 }), (pieces) => {
        const { container } = renderBody(pieces.join('\n'));
        try {
          expectNothingActive(container);
        } finally {
          document.body.innerHTML = '';
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('PostBody missing local images', () => {
  it('replaces a local image whose file is missing with its alt text and address', async () => {
    const { container } = renderBody('<img src="/images/gone.png" alt="Group photo">');
    const img = container.querySelector('img')!;
    img.dispatchEvent(new Event('error'));
    expect(
      await screen.findByRole('img', { name: /Group photo \(image missing\)/ }),
    ).toBeInTheDocument();
    expect(container).toHaveTextContent('Not in the folder: /images/gone.png');
  });
});
