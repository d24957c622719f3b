// @vitest-environment jsdom
/**
 * Hardening (issue 7): hostile markup in a post body must render inert in the reader. The cases
 * here complement `post-body.test.tsx` with the published DOMPurify mutation-XSS payloads, every
 * event-handler attribute the DOM knows, scheme tricks on every URL-carrying attribute and
 * HTML smuggled through a code fence's language name.
 */
import '../test/setup-dom';
import { render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ReaderApiProvider } from '../api/reader-api-context';
import { FakeReaderApi } from '../test/fake-reader-api';
import { PostBody } from './post-body';

/** Elements that can run script, load content, submit data or restyle the page. */
const FORBIDDEN =
  'script, style, iframe, frame, frameset, object, embed, applet, form, input, button, textarea, ' +
  'select, meta, link, base, svg, math, noscript, template, video, audio, canvas, mglyph, mtext';
/** Attributes that take a URL (or a list of them) and so could carry a script scheme. */
const URL_ATTRIBUTES = [
  'href',
  'src',
  'srcset',
  'srcdoc',
  'action',
  'formaction',
  'xlink:href',
  'background',
  'poster',
  'data',
  'codebase',
  'cite',
  'longdesc',
  'dynsrc',
  'lowsrc',
];

function renderBody(body: string): Element {
  const view = render(
    <ReaderApiProvider api={new FakeReaderApi()}>
      <PostBody
        postId="press/post.md"
        body={body}
        plainTextReason={null}
        permalink="/press/post/"
      />
    </ReaderApiProvider>,
  );
  return view.container.querySelector('.post-body')!;
}

/** Fails with the offending element and attribute when anything in `root` could run or load. */
function expectInert(root: Element): void {
  expect(root.querySelectorAll(FORBIDDEN), 'forbidden elements').toHaveLength(0);
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      const name = attribute.toLowerCase();
      expect(name.startsWith('on'), `${element.tagName} ${attribute}`).toBe(false);
      expect(name, `${element.tagName} ${attribute}`).not.toBe('style');
      if (!URL_ATTRIBUTES.includes(name)) continue;
      // Browsers ignore C0 controls and spaces around a URL and tabs/newlines inside its scheme.
      // eslint-disable-next-line no-control-regex
      const value = (element.getAttribute(attribute) ?? '').replace(/[\u0000-\u0020]/g, '');
      expect(value.toLowerCase(), `${element.tagName} ${attribute}`).not.toMatch(
        /(^|,)(javascript|vbscript|data|file):/,
      );
    }
  }
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('PostBody against mutation-XSS payloads', () => {
  // The payloads DOMPurify's own test-suite uses for parser-differential (namespace confusion)
  // attacks: text that is harmless when parsed once but becomes an <img onerror> when the
  // sanitized tree is serialised and parsed again.
  it.each([
    ['svg/p/style', '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'],
    ['math/mtext/table/mglyph', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
    [
      'form/math/mglyph/svg',
      '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=alert(1) src>">',
    ],
    ['noscript/title', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
    ['template/style', '<template><style></template><img src=x onerror=alert(1)>'],
    ['svg/foreignObject', '<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>'],
    [
      'math/annotation-xml',
      '<math><annotation-xml encoding="text/html"><img src=x onerror=alert(1)>',
    ],
    ['comment break-out', '<!--><img src=x onerror=alert(1)>-->'],
    ['CDATA in HTML', '<![CDATA[><img src=x onerror=alert(1)>]]>'],
  ])('renders the %s payload inert', (_name, payload) => {
    const root = renderBody(`<p>Before the payload.</p>\n\n${payload}\n\n<p>After it.</p>`);
    expectInert(root);
    // Whatever of the payload survives is text or a harmless element, and the post still reads.
    expect(root.textContent).toContain('Before the payload.');
    for (const image of root.querySelectorAll('img')) {
      expect(image.getAttribute('onerror')).toBeNull();
    }
  });

  it('stays inert when its own output is sanitized and rendered again (no mutation)', () => {
    const payload =
      '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=alert(1) src>">';
    const first = renderBody(payload);
    const again = renderBody(first.innerHTML);
    expectInert(again);
  });
});

describe('PostBody against every event-handler attribute', () => {
  // Every `on…` property the DOM implementation knows, plus the ones jsdom lacks but browsers
  // have (pointer, animation, transition, SVG timing and legacy handlers).
  const fromDom = new Set<string>();
  for (const prototype of [HTMLElement.prototype, Element.prototype, Document.prototype, window]) {
    for (const key of Object.getOwnPropertyNames(prototype)) {
      if (key.startsWith('on')) fromDom.add(key);
    }
  }
  const handlers = [
    ...new Set([
      ...fromDom,
      'onpointerdown',
      'onpointerenter',
      'onanimationstart',
      'onanimationend',
      'ontransitionend',
      'onbegin',
      'onend',
      'onrepeat',
      'ontoggle',
      'onbeforetoggle',
      'onfocusin',
      'onauxclick',
      'onscrollend',
      'onsearch',
      'onwheel',
      'oncontentvisibilityautostatechange',
    ]),
  ].sort();

  it('knows enough handlers to be meaningful', () => {
    expect(handlers.length).toBeGreaterThan(60);
  });

  it('drops every one of them from every kind of kept element, in any letter case', () => {
    const attributes = handlers
      .map((name, index) => {
        const cased = index % 2 === 0 ? name.toUpperCase() : name;
        return `${cased}="window.__pwned='${name}'"`;
      })
      .join(' ');
    const root = renderBody(
      [
        `<p ${attributes}>Paragraph</p>`,
        `<a href="https://ok.example/" ${attributes}>Link</a>`,
        `<img src="a.png" alt="Picture" ${attributes}>`,
        `<details open ${attributes}><summary ${attributes}>Summary</summary>Inside</details>`,
        `<table ${attributes}><tbody><tr><td ${attributes}>Cell</td></tr></tbody></table>`,
        `<div class="isomer-card" ${attributes}><span ${attributes}>Card</span></div>`,
      ].join('\n\n'),
    );
    expectInert(root);
    expect(root.textContent).toContain('Paragraph');
    expect(root.textContent).toContain('Cell');
  });
});

describe('PostBody against script schemes', () => {
  const schemes = [
    'javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>x</script>',
  ];
  /** Mixed case, surrounding controls, tabs, newlines and NULs inside the scheme name. */
  const disguises = (url: string): string[] => {
    const colon = url.indexOf(':');
    const scheme = url.slice(0, colon);
    const rest = url.slice(colon);
    const mixed = [...scheme].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');
    return [
      url,
      `${mixed}${rest}`,
      `${scheme.toUpperCase()}${rest}`,
      ` \u0001${url}`,
      `${scheme.slice(0, 2)}\t${scheme.slice(2)}${rest}`,
      `${scheme.slice(0, 3)}\n${scheme.slice(3)}${rest}`,
      `${scheme.slice(0, 3)}\r\n${scheme.slice(3)}${rest}`,
      `${scheme.slice(0, 2)}\u0000${scheme.slice(2)}${rest}`,
      `${scheme}&#x3A;${rest.slice(1)}`,
      `&#${scheme.charCodeAt(0)};${scheme.slice(1)}${rest}`,
    ];
  };
  const cases = schemes.flatMap(disguises);

  it.each(cases)('never puts %j into the DOM as a link, image or frame', (url) => {
    const attribute = url.replace(/"/g, '&quot;');
    const root = renderBody(
      [
        `<p><a href="${attribute}">html link</a></p>`,
        `<p><img src="${attribute}" alt="html image"></p>`,
        `<p><iframe src="${attribute}"></iframe><object data="${attribute}"></object></p>`,
        `<p><form action="${attribute}"><button formaction="${attribute}">x</button></form></p>`,
        `<p><img srcset="${attribute} 1x" alt="srcset"><video poster="${attribute}"></video></p>`,
        `<svg><a xlink:href="${attribute}"><text>svg</text></a></svg>`,
      ].join('\n\n'),
    );
    expectInert(root);
    expect(root.textContent).toContain('html link');
  });

  // Markdown ends a link destination at whitespace and controls, so only clean ones apply.
  // eslint-disable-next-line no-control-regex
  const markdownCases = cases.filter((url) => !/[\s\u0000-\u001f<>]/.test(url));
  it.each(markdownCases)('never turns the Markdown link or image %j into an address', (url) => {
    const root = renderBody(`[md link](${url}) and ![md image](${url}) and <${url}>`);
    expectInert(root);
    expect(root.textContent).toContain('md link');
  });

  it('drops an iframe srcdoc document with the frame', () => {
    const root = renderBody(
      '<iframe srcdoc="<script>parent.__pwned=1</script><img src=x onerror=parent.__pwned=2>"></iframe><p>kept</p>',
    );
    expectInert(root);
    expect(root.innerHTML).not.toContain('srcdoc');
    expect(root.textContent).toBe('kept');
  });
});

describe('PostBody against HTML in a code fence language', () => {
  it('keeps the fence as code text and puts the language name nowhere as markup', () => {
    const root = renderBody(
      '```"><img src=x onerror=alert(1)>\nconst answer = 42;\n```\n\n```js onclick=alert(1)\nx\n```',
    );
    expectInert(root);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('pre code')).toHaveTextContent('const answer = 42;');
    for (const code of root.querySelectorAll('code')) {
      // A class attribute would be the only place the language could land; none survives.
      expect(code.getAttribute('class') ?? '').not.toMatch(/[<>"]/);
    }
  });
});
