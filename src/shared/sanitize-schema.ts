/**
 * What survives of a post body when it is rendered: the rehype-sanitize schema shared by the
 * reader (react-markdown) and the print renderer (unified in Node), plus the URL policy both apply
 * afterwards. Post bodies are untrusted HTML written by anyone who can drop a file in the folder,
 * so this is an allow-list: press-release structure and Isomer's wrappers stay; scripts, styles,
 * event handlers, frames, plugins, forms, document metadata, SVG and MathML go.
 *
 * Pure data and string functions: no DOM, no Node APIs, so it runs in the page and in Node.
 */
import type { Options as Schema } from 'rehype-sanitize';

/**
 * Class names Isomer (and its Tiptap editor) put on `div`/`span` wrappers for images and card
 * grids. Anything else is dropped, so a post cannot borrow the app's own class names.
 */
export const ALLOWED_CLASS_NAMES: readonly (string | RegExp)[] = [
  'isomer-image-wrapper',
  'isomer-card-grid',
  'isomer-card',
  'isomer-card-image',
  'isomer-card-body',
  'isomer-card-content',
  'isomer-card-title',
  'isomer-card-description',
  'isomer-card-link',
  'row',
  'col',
  'columns',
  'column',
  /^col-(?:(?:xs|sm|md|lg|xl)-)?\d{1,2}$/,
  /^is-(?:one|two|three|four|full|half|one-third|two-thirds|one-quarter|three-quarters)(?:-\w+)?$/,
];

/**
 * Elements removed together with everything inside them. Unwrapping these would leave their raw
 * text (CSS, script source, fallback markup) on the page, or keep a control with no purpose.
 */
export const STRIPPED_ELEMENTS: readonly string[] = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'noframes',
  'object',
  'embed',
  'applet',
  'param',
  'svg',
  'math',
  'audio',
  'video',
  'canvas',
  'textarea',
  'select',
  'option',
  'button',
  'title',
  'head',
  'meta',
  'link',
  'base',
  'xmp',
  'plaintext',
  'noembed',
];

/** Elements kept (with the attributes listed in the schema). Everything else is unwrapped. */
const KEPT_ELEMENTS: readonly string[] = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
];

const classNames = ['className', ...ALLOWED_CLASS_NAMES] as [string, ...(string | RegExp)[]];

/**
 * The rehype-sanitize schema. Use it as the LAST rehype plugin, after `rehype-raw`, so raw HTML
 * in the Markdown is parsed first and then filtered.
 */
export const postSanitizeSchema: Schema = {
  allowComments: false,
  allowDoctypes: false,
  tagNames: [...KEPT_ELEMENTS],
  strip: [...STRIPPED_ELEMENTS],
  attributes: {
    a: ['href', 'title'],
    abbr: ['title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    ol: ['start', 'reversed'],
    li: ['value'],
    td: ['colSpan', 'rowSpan', 'headers', 'align'],
    th: ['colSpan', 'rowSpan', 'headers', 'scope', 'align'],
    col: ['span'],
    colgroup: ['span'],
    details: ['open'],
    time: ['dateTime'],
    div: [classNames],
    span: [classNames],
    // Heading ids make in-page `#…` links work; clobbering (below) prefixes them so a post
    // cannot shadow the app's own element ids.
    h1: ['id'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    h5: ['id'],
    h6: ['id'],
    '*': ['lang', 'dir'],
  },
  clobber: ['id', 'name'],
  clobberPrefix: 'user-content-',
  // Case-sensitive, checked before anything else: `JavaScript:`, ` javascript:`, `java\tscript:`
  // and `data:` all fail. Relative addresses (no scheme) pass and are sorted out by
  // `classifyLink`/`classifyImageSource` at render time.
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
  },
  ancestors: {
    tbody: ['table'],
    thead: ['table'],
    tfoot: ['table'],
    tr: ['table'],
    td: ['table'],
    th: ['table'],
    caption: ['table'],
    colgroup: ['table'],
    col: ['table'],
    figcaption: ['figure'],
    summary: ['details'],
  },
  required: {},
};

/** What a link in a post body should do when followed. */
export type LinkTarget =
  /** `http(s):`/`mailto:` (or protocol-relative `//host/…`): open outside the app. */
  | { readonly kind: 'external'; readonly url: string }
  /** `#fragment`: scroll within the article. */
  | { readonly kind: 'fragment'; readonly fragment: string }
  /** A relative or site-root path, possibly another post's permalink. */
  | { readonly kind: 'path'; readonly path: string }
  /** Anything else (`javascript:`, `data:`, `file:`, unknown schemes): not followed at all. */
  | { readonly kind: 'blocked' };

/** Where an image in a post body comes from. */
export type ImageSource =
  /** Relative or site-root: loaded from the posts folder through `ReaderApi.assetUrl`. */
  | { readonly kind: 'local'; readonly src: string }
  /** `http(s):`, `//host/…` or `data:`: never fetched; shown as a placeholder. */
  | { readonly kind: 'remote'; readonly src: string }
  | { readonly kind: 'none' };

// Browsers drop ASCII tab/newline anywhere in a URL and trim C0 controls and spaces at its
// ends before reading the scheme, so `java\tscript:` is `javascript:` to them. Normalise the
// same way before deciding anything.
const URL_IGNORED = /[\t\n\r]/g;
// eslint-disable-next-line no-control-regex
const URL_EDGES = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** A URL as a browser would read it: trimmed, with tabs and newlines removed. */
export function normaliseUrl(raw: string): string {
  return raw.replace(URL_EDGES, '').replace(URL_IGNORED, '');
}

/** The lower-cased scheme of `url` (`'https'`), or `null` for a relative address. */
export function urlScheme(url: string): string | null {
  const match = SCHEME.exec(normaliseUrl(url));
  return match ? match[1]!.toLowerCase() : null;
}

/** Decides what following `href` from a post body does. Never throws. */
export function classifyLink(href: string): LinkTarget {
  const url = normaliseUrl(href);
  if (url === '') return { kind: 'blocked' };
  if (url.startsWith('//') || url.startsWith('\\\\') || url.startsWith('/\\')) {
    // Protocol-relative: another site, not a path in this one. Browsers also treat `\` as `/`.
    return url.startsWith('//') ? { kind: 'external', url: `https:${url}` } : { kind: 'blocked' };
  }
  const scheme = urlScheme(url);
  if (scheme === null) {
    if (url.startsWith('#')) return { kind: 'fragment', fragment: url.slice(1) };
    return { kind: 'path', path: url };
  }
  if (scheme === 'http' || scheme === 'https' || scheme === 'mailto') {
    return { kind: 'external', url };
  }
  return { kind: 'blocked' };
}

/** Decides where an `<img src>` from a post body may load from. Never throws. */
export function classifyImageSource(src: string | null | undefined): ImageSource {
  const url = normaliseUrl(src ?? '');
  if (url === '') return { kind: 'none' };
  if (url.startsWith('//') || url.startsWith('\\')) return { kind: 'remote', src: url };
  const scheme = urlScheme(url);
  if (scheme === null) return { kind: 'local', src: url };
  // Every scheme is remote from the app's point of view (http, https, data, file…): none are
  // fetched, the placeholder shows the address instead.
  return { kind: 'remote', src: url };
}
