import { formatDisplayDate } from '@shared/display-date';
import type { Post } from '@shared/post';
import { classifyLink } from '@shared/sanitize-schema';
import { useReaderApi } from '../api/reader-api-context';
import { AreaChipList } from '../timeline/area-chip-list';
import { areaExplainer } from './area-explanation';
import { PostBody } from './post-body';

export interface ArticleViewProps {
  readonly post: Post;
  readonly terms: readonly string[];
  readonly selectedAreas: readonly string[];
  readonly onSelectArea: (area: string) => void;
  readonly onOpenPost: (id: string) => void;
  readonly onNotice: (message: string) => void;
}

/**
 * Copies text to the clipboard. The async Clipboard API needs a permission the desktop shell may
 * deny, so fall back to copying a selection, which needs none.
 */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.className = 'visually-hidden';
    document.body.append(field);
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      field.remove();
    }
  }
}

/**
 * One post: title, date, category, areas (each explaining where it came from), description,
 * reading time, its address, then the sanitized body. `layout: link`/`file` posts lead with the
 * original's address.
 */
export function ArticleView({
  post,
  terms,
  selectedAreas,
  onSelectArea,
  onOpenPost,
  onNotice,
}: ArticleViewProps) {
  const api = useReaderApi();
  const explain = areaExplainer(post.areaDetails);
  const source = post.permalink ?? post.path;

  return (
    <article className="article" aria-labelledby="article-title">
      <header className="article__header">
        <h1 id="article-title" className="article__title">
          {post.title}
        </h1>
        <p className="article__meta">
          {post.date ? (
            <time dateTime={post.date}>{formatDisplayDate(post.date)}</time>
          ) : (
            <span>Undated</span>
          )}
          {post.category && <span className="article__category">{post.category}</span>}
          <span className="article__reading">{post.readingMinutes} min read</span>
        </p>
        {post.areas.length > 0 && (
          <div className="article__areas">
            <span className="article__areas-label">Cooperation areas</span>
            <AreaChipList
              areas={post.areas}
              selected={selectedAreas}
              onSelect={onSelectArea}
              explain={explain}
            />
          </div>
        )}
        {post.description.trim() && <p className="article__description">{post.description}</p>}
        <p className="article__source">
          <span className="article__source-label">{post.permalink ? 'Link' : 'File'}</span>
          <code className="article__permalink">{source}</code>
          <button
            type="button"
            className="button button--small no-print"
            onClick={() => {
              void copyText(source).then((ok) =>
                onNotice(ok ? 'Link copied' : 'Could not copy the link'),
              );
            }}
          >
            Copy link
          </button>
        </p>
        {post.layout !== 'post' && post.external && (
          <p className="article__original">
            <a
              className="button button--primary"
              href={post.external}
              onClick={(event) => {
                event.preventDefault();
                const target = classifyLink(post.external ?? '');
                // ReaderApi call, not shell.openExternal: main re-validates the URL before opening it.
                if (target.kind === 'external')
                  void api.openExternal(target.url); // eng-disable OPEN_EXTERNAL_JS_CHECK
                else onNotice('The original is a file of the website and is not in this folder');
              }}
              rel="noopener noreferrer"
            >
              Open original
            </a>
            <span className="article__original-address">{post.external}</span>
          </p>
        )}
        {post.warnings.length > 0 && (
          <details className="article__warnings no-print">
            <summary>
              {post.warnings.length === 1 ? '1 problem' : `${post.warnings.length} problems`}{' '}
              reading this file
            </summary>
            <ul>
              {post.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </details>
        )}
      </header>
      <PostBody
        postId={post.id}
        body={post.body}
        permalink={post.permalink}
        terms={terms}
        onOpenPost={onOpenPost}
        onUnresolvedLink={(path) => onNotice(`No post in this folder has the address ${path}`)}
      />
    </article>
  );
}
