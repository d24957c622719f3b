import { useEffect, useState } from 'react';
import { digestTooLargeMessage, MAX_DIGEST_POSTS } from '@shared/digest-limit';
import { formatDisplayDate, localIsoDate } from '@shared/display-date';
import type { Post } from '@shared/post';
import type { PostFilter } from '@shared/query';
import { useReaderApi } from '../api/reader-api-context';
import { PostBody } from '../article/post-body';
import { formatPostCount } from '../timeline/group-timeline';
import { describeFilter } from './describe-filter';

export interface DigestViewProps {
  readonly filter: PostFilter;
  /** Open the print dialog once every article is on the page (the "Export digest" button). */
  readonly printWhenReady: boolean;
  readonly onPrinted: () => void;
  readonly onClose: () => void;
}

type DigestState =
  | { readonly kind: 'loading'; readonly loaded: number; readonly total: number }
  | { readonly kind: 'ready'; readonly posts: readonly Post[] }
  | { readonly kind: 'failed'; readonly message: string };

/** Posts fetched at once; enough to hide latency without flooding the library. */
const CONCURRENCY = 6;

/**
 * The browser's printable digest (`#/digest?…`): a cover line with the filters and today's
 * date, a contents list, then every post in timeline order, each starting on a new page.
 * The desktop app writes its digest PDF in the main process instead.
 */
export function DigestView({ filter, printWhenReady, onPrinted, onClose }: DigestViewProps) {
  const api = useReaderApi();
  const [state, setState] = useState<DigestState>({ kind: 'loading', loaded: 0, total: 0 });
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    let alive = true;
    const run = async () => {
      // As the desktop export does: a digest of thousands of posts would load every one.
      const result = await api.query(JSON.parse(filterKey) as PostFilter, {
        offset: 0,
        limit: MAX_DIGEST_POSTS,
      });
      if (result.total > MAX_DIGEST_POSTS) throw new Error(digestTooLargeMessage(result.total));
      const ids = result.entries.map((entry) => entry.id);
      const posts: (Post | null)[] = new Array<Post | null>(ids.length).fill(null);
      let next = 0;
      let loaded = 0;
      const worker = async () => {
        while (alive && next < ids.length) {
          const index = next++;
          posts[index] = await api.getPost(ids[index]!);
          loaded += 1;
          if (alive) setState({ kind: 'loading', loaded, total: ids.length });
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      if (alive) setState({ kind: 'ready', posts: posts.filter((post) => post !== null) });
    };
    run().catch((error: unknown) => {
      if (alive) {
        setState({
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    });
    return () => {
      alive = false;
    };
  }, [api, filterKey]);

  useEffect(() => {
    if (state.kind !== 'ready') return;
    const root = document.documentElement;
    root.dataset.ready = 'true';
    root.dataset.digestReady = 'true';
    if (printWhenReady) {
      onPrinted();
      window.print();
    }
    return () => {
      delete root.dataset.digestReady;
    };
  }, [state, printWhenReady, onPrinted]);

  const today = formatDisplayDate(localIsoDate(new Date()));

  return (
    <div className="digest">
      <div className="digest__toolbar no-print">
        <button type="button" className="button" onClick={onClose}>
          ← Back to the reader
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={state.kind !== 'ready'}
          onClick={() => window.print()}
        >
          Print
        </button>
      </div>
      <header className="digest__cover">
        <p className="digest__kicker">Accord Reader digest</p>
        <h1 className="digest__title">{describeFilter(filter)}</h1>
        <p className="digest__date">
          Prepared {today}
          {state.kind === 'ready' && ` · ${formatPostCount(state.posts.length)}`}
        </p>
      </header>
      {state.kind === 'loading' && (
        <p className="digest__progress">
          Preparing the digest… {state.total > 0 && `${state.loaded} of ${state.total}`}
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="load-error">Could not prepare the digest: {state.message}</p>
      )}
      {state.kind === 'ready' && (
        <>
          <nav className="digest__contents" aria-labelledby="digest-contents">
            <h2 id="digest-contents">Contents</h2>
            <ol>
              {state.posts.map((post, index) => (
                <li key={post.id}>
                  <a
                    href={`#/digest`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(`digest-post-${index}`)?.scrollIntoView();
                    }}
                  >
                    {post.title}
                  </a>
                  <span className="digest__contents-date">
                    {post.date ? formatDisplayDate(post.date) : 'Undated'}
                  </span>
                </li>
              ))}
            </ol>
          </nav>
          {state.posts.map((post, index) => (
            <article key={post.id} id={`digest-post-${index}`} className="digest__article article">
              <header className="article__header">
                <h2 className="article__title">{post.title}</h2>
                <p className="article__meta">
                  {post.date ? (
                    <time dateTime={post.date}>{formatDisplayDate(post.date)}</time>
                  ) : (
                    <span>Undated</span>
                  )}
                  {post.category && <span className="article__category">{post.category}</span>}
                </p>
                {post.areas.length > 0 && (
                  <p className="digest__areas">Cooperation areas: {post.areas.join(', ')}</p>
                )}
                <p className="article__source">
                  <code className="article__permalink">{post.permalink ?? post.path}</code>
                </p>
                {post.layout !== 'post' && post.external && (
                  <p className="article__original-address">Original: {post.external}</p>
                )}
              </header>
              <PostBody
                postId={post.id}
                body={post.body}
                plainTextReason={post.plainTextReason}
                permalink={post.permalink}
              />
            </article>
          ))}
        </>
      )}
    </div>
  );
}
