import type { Element, ElementContent, Root, RootContent } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { plainTextParagraphs } from '@shared/plain-text-paragraphs';
import { rehypeLimitDepth } from '@shared/rehype-limit-depth';
import { classifyImageSource, classifyLink, postSanitizeSchema } from '@shared/sanitize-schema';
import { plainTextReason } from '../post/body-complexity';
import { escapeHtml } from './html-escape';

/**
 * Turns an image `src` from a post (relative to the post, or site-root) into a `data:` URL of the
 * image's bytes, or `null` if it is not a servable file inside the folder.
 */
export type PrintImageResolver = (src: string) => Promise<string | null>;

/**
 * A post body (Markdown with raw HTML, untrusted) as sanitized static HTML for printing: the same
 * pipeline and schema as the reader, then images made self-contained — local ones inlined as
 * `data:` URLs, remote ones replaced by their alt text and address (nothing is ever fetched) — and
 * links that cannot work on paper (paths into the site) reduced to their text.
 *
 * A body the core judged too complex to format (`reason`, worked out from the body when not
 * given), or one the pipeline fails on, is printed as paragraphs of plain text after a notice:
 * one such post never breaks a digest.
 */
export async function renderPostBodyHtml(
  body: string,
  resolveImage: PrintImageResolver,
  reason: string | null = plainTextReason(body),
): Promise<string> {
  if (reason !== null) return plainTextBodyHtml(body, reason);
  try {
    const file = await unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeRaw)
      .use(rehypeSanitize, postSanitizeSchema)
      .use(rehypeLimitDepth)
      .use(rehypePrintMedia, resolveImage)
      .use(rehypeStringify)
      .process(body);
    return String(file);
  } catch {
    return plainTextBodyHtml(body, 'could not be formatted');
  }
}

/** The notice and the body's text, escaped, one `<p>` per paragraph. */
export function plainTextBodyHtml(body: string, reason: string): string {
  const notice = `<p class="post-meta plain-text-notice" role="note">Shown as plain text: this post ${escapeHtml(reason)}.</p>`;
  return (
    notice +
    plainTextParagraphs(body)
      .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
      .join('')
  );
}

/** Runs after the sanitizer, so it only ever sees allowed elements and attributes. */
function rehypePrintMedia(resolveImage: PrintImageResolver) {
  return async (tree: Root): Promise<void> => {
    const images: { parent: Root | Element; index: number; image: Element }[] = [];
    walk(tree, (parent, index, element) => {
      if (element.tagName === 'img') images.push({ parent, index, image: element });
      if (element.tagName === 'a') keepOnlyPrintableHref(element);
    });
    // Resolve every image before touching the tree, so indices stay valid while we replace.
    const replacements = await Promise.all(
      images.map(({ image }) => printableImage(image, resolveImage)),
    );
    images.forEach(({ parent, index }, position) => {
      parent.children[index] = replacements[position]!;
    });
  };
}

function walk(
  node: Root | Element,
  visit: (parent: Root | Element, index: number, element: Element) => void,
): void {
  node.children.forEach((child: RootContent | ElementContent, index) => {
    if (child.type !== 'element') return;
    visit(node, index, child);
    walk(child, visit);
  });
}

function keepOnlyPrintableHref(anchor: Element): void {
  const href = anchor.properties.href;
  if (typeof href !== 'string') return;
  const target = classifyLink(href);
  if (target.kind === 'external') anchor.properties.href = target.url;
  else if (target.kind !== 'fragment') delete anchor.properties.href;
}

async function printableImage(image: Element, resolveImage: PrintImageResolver): Promise<Element> {
  const rawSrc = image.properties.src;
  const alt = typeof image.properties.alt === 'string' ? image.properties.alt.trim() : '';
  const source = classifyImageSource(typeof rawSrc === 'string' ? rawSrc : null);
  if (source.kind === 'local') {
    const dataUrl = await resolveImage(source.src);
    if (dataUrl) return { ...image, properties: { ...image.properties, src: dataUrl } };
    return placeholder(`Image not available${alt ? `: ${alt}` : ''}`, source.src);
  }
  if (source.kind === 'remote') return placeholder(`Image${alt ? `: ${alt}` : ''}`, source.src);
  return placeholder(`Image${alt ? `: ${alt}` : ''}`, null);
}

function placeholder(label: string, address: string | null): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['image-placeholder'] },
    children: [{ type: 'text', value: address ? `[${label} — ${address}]` : `[${label}]` }],
  };
}
