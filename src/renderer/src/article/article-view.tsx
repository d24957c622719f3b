import { useEffect, useId, useRef, useState } from 'react';
import { formatDisplayDate } from '@shared/display-date';
import type { Post } from '@shared/post';
import { classifyLink } from '@shared/sanitize-schema';
import { useReaderApi } from '../api/reader-api-context';
import { AreaChipList } from '../timeline/area-chip-list';
import { areaExplainer, areaSources, shortSentence } from './area-explanation';
import { PostBody } from './post-body';
import { PostImage } from './post-image';

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

/** Files the folder can serve to the page (the asset route and protocol serve only these). */
const SERVABLE_FILE = /\.(?:png|jpe?g|gif|webp|avif)$/i;

/** Where a link or file post's original is, and so what "Open original" does. */
export type OriginalTarget =
  /** Another site: opened outside the app. */
  | { readonly kind: 'web'; readonly url: string }
  /** A file of the site (`/files/a.png`) the folder may hold and the reader can show. */
  | { readonly kind: 'folder-file'; readonly path: string }
  /** A page of the site (`/media/other/`): perhaps another post of this folder. */
  | { readonly kind: 'site-page'; readonly path: string }
  /** A file of the site the reader cannot show (a PDF, say). */
  | { readonly kind: 'site-file'; readonly path: string }
  | { readonly kind: 'none' };

/** Classifies a post's `external` / `file_url` address. */
export function originalTarget(address: string | null): OriginalTarget {
  if (!address) return { kind: 'none' };
  const target = classifyLink(address);
  if (target.kind === 'external') return { kind: 'web', url: target.url };
  if (target.kind !== 'path') return { kind: 'none' };
  const file = target.path.replace(/[?#].*$/, '');
  if (SERVABLE_FILE.test(file)) return { kind: 'folder-file', path: target.path };
  // A last segment with an extension is a file (`report.pdf`); anything else reads as a page.
  if (/\.[a-z0-9]{1,8}$/i.test(file)) return { kind: 'site-file', path: target.path };
  return { kind: 'site-page', path: target.path };
}

/** Whether the page can load the image at `url` (the folder has it); `false` on any failure. */
function probeImage(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve(true);
    image.onerror = () => resolve(false);
    image.src = url;
  });
}

/**
 * For a `folder-file` original: whether the folder has it (`checking` until the image answers),
 * and the address it loads from. Probed as an image because that is all the route serves.
 */
function useFolderFile(postId: string, target: OriginalTarget) {
  const api = useReaderApi();
  const url = target.kind === 'folder-file' ? api.assetUrl(postId, target.path) : null;
  const [probed, setProbed] = useState<{ url: string; found: boolean } | null>(null);
  useEffect(() => {
    if (url === null) return;
    let current = true;
    void probeImage(url).then((found) => current && setProbed({ url, found }));
    return () => {
      current = false;
    };
  }, [url]);
  const state: 'checking' | 'found' | 'missing' =
    probed === null || probed.url !== url ? 'checking' : probed.found ? 'found' : 'missing';
  return { url, state };
}

/**
 * "Why these areas?": each area with where it came from, behind a button that keyboard and touch
 * reach (the chips' tooltips reach neither). The button sits after the chips; the list, when
 * open, takes a line of its own below them.
 */
function AreaSources({ post }: { post: Post }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const sources = areaSources(post.areas, post.areaDetails);
  if (sources.length === 0) return null;
  return (
    <>
      <button
        type="button"
        className="area-sources__toggle no-print"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((shown) => !shown)}
      >
        Why these areas?
      </button>
      <ul id={panelId} className="area-sources no-print" hidden={!open}>
        {sources.map(({ name, source }) => (
          <li key={name} className="area-sources__item">
            <span className="area-sources__name">{name}</span>{' '}
            {source.kind === 'front-matter' ? (
              <span className="area-sources__from">
                from front matter <code>{source.field}</code>
              </span>
            ) : (
              <span className="area-sources__from">
                from the body:{' '}
                <q className="area-sources__quote">{shortSentence(source.sentence)}</q>
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * A link or file post's original: "Open original", its address and "Copy link". A web address
 * opens outside the app; a site path opens what the folder has of it — another post, or an image
 * file shown here — and otherwise says plainly that the folder does not have it.
 */
function Original({
  post,
  address,
  onOpenPost,
  onNotice,
}: {
  post: Post;
  address: string;
  onOpenPost: (id: string) => void;
  onNotice: (message: string) => void;
}) {
  const api = useReaderApi();
  const target = originalTarget(address);
  const file = useFolderFile(post.id, target);
  const [showFile, setShowFile] = useState(false);
  const figureRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (showFile) figureRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [showFile]);

  let note: string | null = null;
  if (target.kind === 'folder-file' && file.state === 'missing') {
    note = 'This file is not in this folder: it is only on the website.';
  } else if (target.kind === 'site-file') {
    note = 'A file of the website: the reader can show only images from this folder.';
  } else if (target.kind === 'none') {
    note = 'This address cannot be opened.';
  }
  const offerOpen =
    target.kind === 'web' ||
    target.kind === 'site-page' ||
    (target.kind === 'folder-file' && file.state !== 'missing');

  const open = () => {
    if (target.kind === 'web') {
      // ReaderApi call, not shell.openExternal: main re-validates the URL before opening it.
      void api.openExternal(target.url); // eng-disable OPEN_EXTERNAL_JS_CHECK
    } else if (target.kind === 'site-page') {
      void api.findByPermalink(target.path).then(
        (id) => (id ? onOpenPost(id) : onNotice(`${target.path} is not a post in this folder`)),
        () => onNotice(`${target.path} is not a post in this folder`),
      );
    } else if (target.kind === 'folder-file' && file.state === 'found') {
      setShowFile((shown) => !shown);
    } else if (target.kind === 'folder-file' && file.state === 'checking') {
      onNotice('Still looking for this file in the folder…');
    }
  };

  return (
    <>
      <p className="article__source">
        <span className="article__source-label">
          {post.layout === 'file' ? 'File' : 'Original'}
        </span>
        <code className="article__permalink">{address}</code>
      </p>
      <p className="article__original no-print">
        {offerOpen &&
          (target.kind === 'web' ? (
            <a
              className="button button--primary"
              href={target.url}
              rel="noopener noreferrer"
              onClick={(event) => {
                event.preventDefault();
                open();
              }}
            >
              Open original
            </a>
          ) : (
            <button type="button" className="button button--primary" onClick={open}>
              {showFile ? 'Hide original' : 'Open original'}
            </button>
          ))}
        <button
          type="button"
          className="button"
          onClick={() => {
            void copyText(address).then((ok) =>
              onNotice(ok ? 'Link copied' : 'Could not copy the link'),
            );
          }}
        >
          Copy link
        </button>
      </p>
      {note && <p className="article__original-note">{note}</p>}
      {target.kind === 'folder-file' && showFile && file.url && (
        <figure ref={figureRef} className="article__file">
          <PostImage url={file.url} written={address} alt={post.title} />
          <figcaption>{address}, from this folder</figcaption>
        </figure>
      )}
    </>
  );
}

/**
 * One post: title, date, category, areas (and why each is there), description, reading time,
 * its address, then the sanitized body. `layout: link`/`file` posts lead with the original and
 * copy its address, not the post's.
 */
export function ArticleView({
  post,
  terms,
  selectedAreas,
  onSelectArea,
  onOpenPost,
  onNotice,
}: ArticleViewProps) {
  const explain = areaExplainer(post.areaDetails);
  const original = post.layout !== 'post' && post.external ? post.external : null;
  const source = post.permalink ?? post.path;
  // A link or file post usually has no body: "0 min read" would say nothing true.
  const showReadingTime = post.body.trim() !== '' && post.readingMinutes > 0;

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
          {showReadingTime && (
            <span className="article__reading">{post.readingMinutes} min read</span>
          )}
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
            <AreaSources post={post} />
          </div>
        )}
        {post.description.trim() && <p className="article__description">{post.description}</p>}
        {original ? (
          <Original post={post} address={original} onOpenPost={onOpenPost} onNotice={onNotice} />
        ) : (
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
        plainTextReason={post.plainTextReason}
        permalink={post.permalink}
        terms={terms}
        onOpenPost={onOpenPost}
        onUnresolvedLink={(path) => onNotice(`No post in this folder has the address ${path}`)}
      />
    </article>
  );
}
