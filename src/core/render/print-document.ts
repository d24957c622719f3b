import { formatDisplayDate } from '@shared/display-date';
import type { Post } from '@shared/post';
import type { PostFilter } from '@shared/query';
import { describeFilter } from './filter-description';
import { escapeHtml } from './html-escape';
import { renderPostBodyHtml } from './post-body-html';
import { PRINT_STYLESHEET } from './print-stylesheet';

/**
 * Standalone HTML documents for printing: one article, or a digest of many. They are loaded into
 * a hidden window with JavaScript off, so they must be complete on their own — inline styles,
 * inlined images, and a Content-Security-Policy that forbids fetching anything.
 */

/** Inlines a post's local image as a `data:` URL (`null` if it may not be shown); per post. */
export type PostImageResolver = (post: Post, src: string) => Promise<string | null>;

/** Blocks every fetch: the document may only show what is inside it. */
const PRINT_CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const noImages: PostImageResolver = async () => null;

/** The title of a digest document, shown in the PDF's footer and metadata. */
export function digestTitle(today: string): string {
  return `Accord Reader digest — ${formatDisplayDate(today)}`;
}

/** One article as a print document. */
export async function renderArticleDocument(
  post: Post,
  resolveImage: PostImageResolver = noImages,
): Promise<string> {
  const article = await renderArticle(post, resolveImage, 'h1');
  return documentShell(post.title, `<article class="print-article">${article}</article>`);
}

export interface DigestOptions {
  /** The filter that produced `posts`, described on the cover. */
  readonly filter: PostFilter;
  /** The day the digest is made, `YYYY-MM-DD` (local calendar date). */
  readonly today: string;
  readonly resolveImage?: PostImageResolver;
}

/**
 * A digest: a cover (the filters and the date), a contents page, then every post on a new page,
 * in the order given — callers pass the timeline order.
 */
export async function renderDigestDocument(
  posts: readonly Post[],
  options: DigestOptions,
): Promise<string> {
  const resolveImage = options.resolveImage ?? noImages;
  const title = digestTitle(options.today);
  const filterLines = describeFilter(options.filter)
    .map((line) => `<dt>${escapeHtml(line.label)}</dt><dd>${escapeHtml(line.value)}</dd>`)
    .join('');
  const count = `${posts.length} ${posts.length === 1 ? 'article' : 'articles'}`;
  const cover =
    '<section class="digest-cover">' +
    '<h1>Accord Reader digest</h1>' +
    `<p class="digest-count">${count}</p>` +
    `<dl class="digest-filters">${filterLines}</dl>` +
    `<p class="digest-prepared">Prepared on ${escapeHtml(formatDisplayDate(options.today))}</p>` +
    '</section>';
  const contentsItems = posts
    .map(
      (post, index) =>
        `<li><a href="#${articleAnchor(index)}">${escapeHtml(post.title)}</a>` +
        ` <span class="contents-date">${escapeHtml(displayDate(post))}</span></li>`,
    )
    .join('');
  const contents = `<nav class="digest-contents"><h2>Contents</h2><ol>${contentsItems}</ol></nav>`;
  // One at a time: bodies can be large and inlined images larger; a digest of hundreds of posts
  // must not hold every image in memory at once.
  const articles: string[] = [];
  for (const [index, post] of posts.entries()) {
    const article = await renderArticle(post, resolveImage, 'h2');
    articles.push(
      `<article class="digest-article" id="${articleAnchor(index)}">${article}</article>`,
    );
  }
  return documentShell(title, cover + contents + articles.join(''));
}

function articleAnchor(index: number): string {
  return `article-${index + 1}`;
}

function displayDate(post: Post): string {
  return post.date ? formatDisplayDate(post.date) : 'Undated';
}

async function renderArticle(
  post: Post,
  resolveImage: PostImageResolver,
  heading: 'h1' | 'h2',
): Promise<string> {
  const meta: string[] = [
    post.date
      ? `<p class="post-meta post-date"><time datetime="${escapeHtml(post.date)}">${escapeHtml(displayDate(post))}</time></p>`
      : '<p class="post-meta post-date">Undated</p>',
  ];
  if (post.areas.length > 0) {
    meta.push(
      `<p class="post-meta post-areas"><span class="label">Areas:</span> ${post.areas.map(escapeHtml).join(' · ')}</p>`,
    );
  }
  const source = [post.path, post.permalink, post.external].filter(
    (part): part is string => !!part,
  );
  meta.push(
    `<p class="post-meta post-source"><span class="label">Source:</span> ${source.map(escapeHtml).join(' · ')}</p>`,
  );
  const body = await renderPostBodyHtml(
    post.body,
    (src) => resolveImage(post, src),
    post.plainTextReason,
  );
  return (
    `<header class="post-header"><${heading} class="post-title">${escapeHtml(post.title)}</${heading}>${meta.join('')}</header>` +
    `<div class="post-body">${body}</div>`
  );
}

function documentShell(title: string, body: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">` +
    `<title>${escapeHtml(title)}</title><style>${PRINT_STYLESHEET}</style></head>` +
    `<body>${body}</body></html>`
  );
}
