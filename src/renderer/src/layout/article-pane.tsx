import { useEffect, useRef } from 'react';
import type { ArticleState } from '../state/use-library';
import { ArticleView } from '../article/article-view';

export interface ArticlePaneProps {
  readonly article: ArticleState;
  readonly terms: readonly string[];
  readonly selectedAreas: readonly string[];
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly canExportDigest: boolean;
  readonly onPrevious: () => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
  readonly onPrint: () => void;
  readonly onExportDigest: () => void;
  readonly onSelectArea: (area: string) => void;
  readonly onOpenPost: (id: string) => void;
  readonly onNotice: (message: string) => void;
}

/**
 * The right pane: the article toolbar and the open post (or why there is none). It is the page's
 * `main` landmark: reading is what the app is for.
 */
export function ArticlePane(props: ArticlePaneProps) {
  const { article } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const openId =
    article.kind === 'none' ? null : article.kind === 'loaded' ? article.post.id : article.id;

  // A different post starts at its top; a live reload of the same post keeps the reading place.
  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [openId]);

  let content: React.ReactNode;
  switch (article.kind) {
    case 'none':
      content = (
        <div className="empty-state empty-state--article">
          <p className="empty-state__title">Select a post to read it</p>
          <p>
            Use <kbd>j</kbd> and <kbd>k</kbd> to move through the timeline and <kbd>Enter</kbd> to
            open a post.
          </p>
        </div>
      );
      break;
    case 'loading':
      content = <p className="article-loading">Loading…</p>;
      break;
    case 'deleted':
      content = (
        <div className="empty-state empty-state--article notice">
          <p className="empty-state__title">This post was deleted</p>
          <p>{article.title ? `“${article.title}” is no longer in the folder.` : article.id}</p>
        </div>
      );
      break;
    case 'failed':
      content = (
        <div className="empty-state empty-state--article">
          <p className="empty-state__title">This post could not be opened</p>
          <p>{article.message}</p>
        </div>
      );
      break;
    case 'loaded':
      content = (
        <ArticleView
          key={article.post.id}
          post={article.post}
          terms={props.terms}
          selectedAreas={props.selectedAreas}
          onSelectArea={props.onSelectArea}
          onOpenPost={props.onOpenPost}
          onNotice={props.onNotice}
        />
      );
      break;
  }

  const hasPost = article.kind === 'loaded';
  return (
    <main className="article-pane" aria-label="Article">
      {/* In a narrow pane Previous and Next shrink to arrows (their names stay) and the
          toolbar wraps rather than clipping; see `.article-pane` in app.css. */}
      <div className="article-toolbar no-print" role="toolbar" aria-label="Article actions">
        <button type="button" className="button button--small back-button" onClick={props.onBack}>
          ← Back
        </button>
        <span className="article-toolbar__group">
          <button
            type="button"
            className="button button--small toolbar-step"
            disabled={!props.hasPrevious}
            onClick={props.onPrevious}
            title="Previous post ([)"
          >
            <span className="toolbar-step__arrow" aria-hidden="true">
              ‹
            </span>
            <span className="toolbar-step__label">Previous post</span>
          </button>
          <button
            type="button"
            className="button button--small toolbar-step"
            disabled={!props.hasNext}
            onClick={props.onNext}
            title="Next post (])"
          >
            <span className="toolbar-step__label">Next post</span>
            <span className="toolbar-step__arrow" aria-hidden="true">
              ›
            </span>
          </button>
        </span>
        <span className="article-toolbar__spacer" />
        <span className="article-toolbar__group">
          <button
            type="button"
            className="button button--small"
            disabled={!hasPost}
            onClick={props.onPrint}
          >
            Print to PDF
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={!props.canExportDigest}
            onClick={props.onExportDigest}
          >
            Export digest
          </button>
        </span>
      </div>
      <div className="article-scroll" ref={scrollRef}>
        {content}
      </div>
    </main>
  );
}
