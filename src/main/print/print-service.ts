import { join } from 'node:path';
import type { LibraryService } from '../../core/library-service';
import {
  digestTitle,
  renderArticleDocument,
  renderDigestDocument,
  type PostImageResolver,
} from '../../core/render/print-document';
import { articlePdfFileName, digestPdfFileName } from '../../core/render/print-file-name';
import { digestTooLargeMessage, MAX_DIGEST_POSTS } from '@shared/digest-limit';
import type { Post } from '@shared/post';
import type { PostFilter } from '@shared/query';
import type { PrintOutcome } from '@shared/reader-api';
import { DEFAULT_PDF_TIMEOUT_MS, type PdfRenderer } from './pdf-renderer';

/** Extra time a digest gets per article on top of the base limit. */
const DIGEST_TIME_PER_POST_MS = 250;

export interface SaveDialogRequest {
  readonly title: string;
  readonly defaultPath: string;
}

export interface PrintServiceDependencies {
  library(): LibraryService;
  /** The native save dialog: the chosen path, or `null` if cancelled. */
  askSavePath(request: SaveDialogRequest): Promise<string | null>;
  renderPdf: PdfRenderer;
  /** Writes the PDF; only ever called with the path the person chose. */
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  /** Inlines a post's local image for printing. */
  resolveImage(library: LibraryService): PostImageResolver;
  /** The folder the save dialog starts in. */
  defaultFolder(): string;
  /** Today's local calendar date, `YYYY-MM-DD`. */
  today(): string;
}

export interface PrintService {
  articleToPdf(postId: string): Promise<PrintOutcome>;
  digestToPdf(filter: PostFilter): Promise<PrintOutcome>;
}

/**
 * Print to PDF and Export Digest PDF: ask where to save, render the static print document,
 * turn it into a PDF, and write it to the chosen path — nothing else is written, and nothing at
 * all when the dialog is cancelled. Every failure becomes a `failed` outcome with one line.
 */
export function createPrintService(deps: PrintServiceDependencies): PrintService {
  return {
    articleToPdf: (postId) =>
      outcomeOf(async () => {
        const library = deps.library();
        const post = await library.getPost(postId);
        if (!post) return failed('print: the article no longer exists');
        const path = await deps.askSavePath({
          title: 'Print to PDF',
          defaultPath: join(deps.defaultFolder(), articlePdfFileName(post)),
        });
        if (path === null) return { kind: 'cancelled' };
        const html = await renderArticleDocument(post, deps.resolveImage(library));
        const pdf = await deps.renderPdf({ html, title: post.title });
        await deps.writeFile(path, pdf);
        return { kind: 'saved', path };
      }),

    digestToPdf: (filter) =>
      outcomeOf(async () => {
        const library = deps.library();
        // Only the rows a digest can hold: asked for every row, a search of a large folder would
        // rank (and copy) all of them just to be refused.
        const { total, entries } = await library.query(filter, {
          offset: 0,
          limit: MAX_DIGEST_POSTS,
        });
        if (total === 0) return failed('print: no articles match the filters');
        if (total > MAX_DIGEST_POSTS) {
          return failed(`print: ${digestTooLargeMessage(total)}`);
        }
        const today = deps.today();
        const path = await deps.askSavePath({
          title: 'Export Digest PDF',
          defaultPath: join(deps.defaultFolder(), digestPdfFileName(today)),
        });
        if (path === null) return { kind: 'cancelled' };
        const posts: Post[] = [];
        for (const entry of entries) {
          // A post deleted since the query is left out rather than failing the whole digest.
          const post = await library.getPost(entry.id);
          if (post) posts.push(post);
        }
        const html = await renderDigestDocument(posts, {
          filter,
          today,
          resolveImage: deps.resolveImage(library),
        });
        const pdf = await deps.renderPdf({
          html,
          title: digestTitle(today),
          timeoutMs: DEFAULT_PDF_TIMEOUT_MS + posts.length * DIGEST_TIME_PER_POST_MS,
        });
        await deps.writeFile(path, pdf);
        return { kind: 'saved', path };
      }),
  };
}

async function outcomeOf(work: () => Promise<PrintOutcome>): Promise<PrintOutcome> {
  try {
    return await work();
  } catch (error) {
    const message = ((error as Error).message ?? String(error)).split('\n')[0]!;
    return failed(message.startsWith('print:') ? message : `print: ${message}`);
  }
}

function failed(message: string): PrintOutcome {
  return { kind: 'failed', message };
}
