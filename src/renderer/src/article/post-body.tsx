import { useMemo, type ComponentProps, type MouseEvent } from 'react';
import Markdown, { type Components } from 'react-markdown';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import type { PluggableList } from 'unified';
import { rehypeLimitDepth } from '@shared/rehype-limit-depth';
import { classifyImageSource, classifyLink, postSanitizeSchema } from '@shared/sanitize-schema';
import { useReaderApi } from '../api/reader-api-context';
import { PlainTextBody, PostBodyBoundary } from './post-body-boundary';
import { PostImage } from './post-image';
import { RemoteImagePlaceholder } from './remote-image-placeholder';
import { rehypeDemoteHeadings } from './rehype-demote-headings';
import { rehypeHighlightTerms } from './rehype-highlight-terms';

export interface PostBodyProps {
  /** The post id (for image addresses). */
  readonly postId: string;
  /** Untrusted Markdown with raw HTML. */
  readonly body: string;
  /**
   * Why the body must be shown as plain text (`Post.plainTextReason`, decided by the core): when
   * set, the body is never parsed, only its text shown after a notice.
   */
  readonly plainTextReason: string | null;
  /** The post's own permalink, for resolving relative links. */
  readonly permalink: string | null;
  /** Search terms to mark in the text. */
  readonly terms?: readonly string[];
  /** Opens another post of the folder (a link matched its permalink). */
  readonly onOpenPost?: (id: string) => void;
  /** A link pointed inside the site but at nothing in this folder. */
  readonly onUnresolvedLink?: (path: string) => void;
}

/** Resolves `path` (relative or site-root) against the post's permalink: `/a/b/`. */
export function resolveSitePath(path: string, permalink: string | null): string {
  try {
    const base = new URL(permalink ?? '/', 'https://site.invalid/');
    return new URL(path, base).pathname;
  } catch {
    return path;
  }
}

/**
 * A post body rendered safely: Markdown + GFM, raw HTML parsed, headings demoted under the
 * title, search terms marked, then sanitized with the shared schema (always the last rehype
 * step that changes the tree: only a read-only depth check follows it). Links and images are then routed by the shared URL policy: post permalinks open in the
 * app, other sites open outside it, local images load through the api, remote ones never load.
 *
 * A body the core judged too complex (`plainTextReason`) is shown as plain text with a notice, and
 * so is one whose rendering fails: the error boundary keeps a bad post from blanking the app.
 */
export function PostBody({
  postId,
  body,
  plainTextReason = null,
  permalink,
  terms = [],
  onOpenPost,
  onUnresolvedLink,
}: PostBodyProps) {
  const api = useReaderApi();
  const termsKey = terms.join('\u0000');

  const rehypePlugins = useMemo<PluggableList>(
    () => [
      rehypeRaw,
      rehypeDemoteHeadings,
      [rehypeHighlightTerms, { terms: termsKey ? termsKey.split('\u0000') : [] }],
      [rehypeSanitize, postSanitizeSchema],
      rehypeLimitDepth,
    ],
    [termsKey],
  );

  const components = useMemo<Components>(() => {
    function PostLink({ href, title, children }: ComponentProps<'a'>) {
      const target = classifyLink(href ?? '');
      if (target.kind === 'blocked') return <span className="blocked-link">{children}</span>;
      const follow = (event: MouseEvent<HTMLAnchorElement>) => {
        event.preventDefault();
        if (target.kind === 'external') {
          // ReaderApi call, not shell.openExternal: main re-validates the URL before opening it.
          void api.openExternal(target.url); // eng-disable OPEN_EXTERNAL_JS_CHECK
        } else if (target.kind === 'fragment') {
          const element =
            document.getElementById(`user-content-${target.fragment}`) ??
            document.getElementById(target.fragment);
          element?.scrollIntoView({ block: 'start' });
        } else {
          const path = resolveSitePath(target.path, permalink);
          void api.findByPermalink(path).then((id) => {
            if (id) onOpenPost?.(id);
            else onUnresolvedLink?.(path);
          });
        }
      };
      return (
        <a
          href={href}
          title={title}
          onClick={follow}
          rel={target.kind === 'external' ? 'noopener noreferrer' : undefined}
          className={target.kind === 'external' ? 'external-link' : undefined}
        >
          {children}
        </a>
      );
    }

    function BodyImage({ src, alt, title, width, height }: ComponentProps<'img'>) {
      const source = classifyImageSource(typeof src === 'string' ? src : null);
      if (source.kind !== 'local') {
        return (
          <RemoteImagePlaceholder
            alt={alt ?? ''}
            address={source.kind === 'remote' ? source.src : null}
          />
        );
      }
      return (
        <PostImage
          url={api.assetUrl(postId, source.src)}
          written={source.src}
          alt={alt ?? ''}
          title={title}
          width={width}
          height={height}
        />
      );
    }

    return { a: PostLink, img: BodyImage };
  }, [api, postId, permalink, onOpenPost, onUnresolvedLink]);

  return (
    <div className="post-body">
      {plainTextReason !== null ? (
        <PlainTextBody body={body} reason={plainTextReason} />
      ) : (
        <PostBodyBoundary body={body}>
          <Markdown
            remarkPlugins={[remarkGfm]}
            rehypePlugins={rehypePlugins}
            components={components}
          >
            {body}
          </Markdown>
        </PostBodyBoundary>
      )}
    </div>
  );
}
