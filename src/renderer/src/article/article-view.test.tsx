// @vitest-environment jsdom
import '../test/setup-dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Post } from '@shared/post';
import { FakeReaderApi, makePost } from '../test/fake-reader-api';
import { renderWithApi } from '../test/render-app';
import { samplePosts } from '../test/sample-posts';
import { ArticleView, originalTarget } from './article-view';

/** Image addresses the fake folder has: anything else fails to load, like the asset route's 404. */
let presentImages = new Set<string>();

/** Stands in for `window.Image`, which jsdom never loads. */
class FakeImage {
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  set src(url: string) {
    queueMicrotask(() => (presentImages.has(url) ? this.onload?.() : this.onerror?.()));
  }
}

beforeEach(() => {
  presentImages = new Set();
  vi.stubGlobal('Image', FakeImage);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function renderPost(post: Post, others: readonly Post[] = []) {
  const api = new FakeReaderApi([post, ...others]);
  const onNotice = vi.fn<(message: string) => void>();
  const onOpenPost = vi.fn<(id: string) => void>();
  const user = userEvent.setup();
  const view = renderWithApi(
    api,
    <ArticleView
      post={post}
      terms={[]}
      selectedAreas={[]}
      onSelectArea={() => {}}
      onOpenPost={onOpenPost}
      onNotice={onNotice}
    />,
  );
  return { ...view, api, user, onNotice, onOpenPost, article: screen.getByRole('article') };
}

const AI_POST = samplePosts()[0]!;

const FILE_POST = makePost({
  id: 'media/files/_posts/2025-07-02-annual-report.md',
  title: 'Annual Report 2024',
  date: '2025-07-02',
  layout: 'file',
  permalink: '/media/files/annual-report/',
  external: '/files/annual-report-2024.pdf',
  readingMinutes: 0,
  body: '',
});

describe('reading time', () => {
  it('is shown for a post with a body', () => {
    const { article } = renderPost(AI_POST);
    expect(article).toHaveTextContent('3 min read');
  });

  it('is hidden for link and file posts without a body, never "0 min read"', () => {
    const link = makePost({
      id: 'link.md',
      title: 'Elsewhere',
      layout: 'link',
      external: 'https://example.org/x',
      readingMinutes: 0,
      body: '  \n',
    });
    const first = renderPost(link);
    expect(first.article).not.toHaveTextContent(/min read/);
    first.unmount();
    expect(renderPost(FILE_POST).article).not.toHaveTextContent(/min read/);
  });
});

describe('why these areas', () => {
  it('lists each area with where it came from, behind a button keyboard and touch reach', async () => {
    const { article, user } = renderPost(AI_POST);
    const toggle = within(article).getByRole('button', { name: 'Why these areas?' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const list = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(list).not.toBeVisible();

    // Keyboard: Tab reaches it (after the chips) and Enter opens it.
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(list).toBeVisible();
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Information Exchange from the body: a. Information Exchange: Sharing expertise of information.',
      'AI Safety Research from front matter areas',
      'Joint Testing and Evaluations from front matter areas',
      'Standardisation Activities from front matter areas',
    ]);
    expect(within(items[1]!).getByText('areas').tagName).toBe('CODE');
    expect(items[0]!.querySelector('q')).toHaveTextContent(
      'a. Information Exchange: Sharing expertise of information.',
    );

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(list).not.toBeVisible();
  });

  it('is not offered when the post records no sources for its areas', () => {
    const { article } = renderPost({ ...AI_POST, areaDetails: [] });
    expect(within(article).queryByRole('button', { name: 'Why these areas?' })).toBeNull();
  });

  it('keeps the chips the only buttons named after areas', () => {
    const { article } = renderPost(AI_POST);
    for (const area of AI_POST.areas) {
      expect(within(article).getAllByRole('button', { name: new RegExp(`^${area}`) })).toHaveLength(
        1,
      );
    }
  });
});

describe('link and file posts', () => {
  it('copies a file post’s file_url, not the path of its Markdown file', async () => {
    const { article, user, onNotice } = renderPost(FILE_POST);
    expect(article).toHaveTextContent('/files/annual-report-2024.pdf');
    expect(article).not.toHaveTextContent(FILE_POST.path);
    await user.click(within(article).getByRole('button', { name: 'Copy link' }));
    await waitFor(() => expect(onNotice).toHaveBeenCalledWith('Link copied'));
    expect(await navigator.clipboard.readText()).toBe('/files/annual-report-2024.pdf');
  });

  it('copies a link post’s original address', async () => {
    const link = samplePosts().find((post) => post.layout === 'link')!;
    const { article, user } = renderPost(link);
    await user.click(within(article).getByRole('button', { name: 'Copy link' }));
    await waitFor(async () =>
      expect(await navigator.clipboard.readText()).toBe('https://example.org/background.pdf'),
    );
  });

  it('opens a site-root image file from the folder through the asset route', async () => {
    const photo = makePost({
      ...FILE_POST,
      id: 'media/files/_posts/photo.md',
      title: 'Signing Photograph',
      external: '/images/signing.png',
    });
    const api = new FakeReaderApi([photo]);
    presentImages.add(api.assetUrl(photo.id, '/images/signing.png'));
    const { article, user } = renderPost(photo);
    const open = await within(article).findByRole('button', { name: 'Open original' });
    await waitFor(() => expect(article).not.toHaveTextContent('This file is not in this folder'));
    await user.click(open);
    const image = within(article).getByRole('img', { name: 'Signing Photograph' });
    expect(image).toHaveAttribute('src', api.assetUrl(photo.id, '/images/signing.png'));
    await user.click(within(article).getByRole('button', { name: 'Hide original' }));
    expect(within(article).queryByRole('img')).toBeNull();
  });

  it('says plainly when a site-root file is not in the folder', async () => {
    const photo = makePost({ ...FILE_POST, external: '/images/elsewhere.png' });
    const { article } = renderPost(photo);
    expect(
      await within(article).findByText(
        'This file is not in this folder: it is only on the website.',
      ),
    ).toBeInTheDocument();
    expect(within(article).queryByRole('button', { name: 'Open original' })).toBeNull();
    expect(within(article).queryByRole('link', { name: 'Open original' })).toBeNull();
  });

  it('says why a site file the reader cannot show (a PDF) is not opened', () => {
    const { article } = renderPost(FILE_POST);
    expect(article).toHaveTextContent(
      'A file of the website: the reader can show only images from this folder.',
    );
    expect(within(article).queryByRole('button', { name: 'Open original' })).toBeNull();
  });

  it('opens a link post’s site page in the app when it is a post of the folder', async () => {
    const target = makePost({ id: 'other.md', title: 'Other', permalink: '/media/other/' });
    const link = makePost({
      id: 'link.md',
      title: 'See the other post',
      layout: 'link',
      external: '/media/other/',
    });
    const { article, user, onOpenPost } = renderPost(link, [target]);
    await user.click(within(article).getByRole('button', { name: 'Open original' }));
    await waitFor(() => expect(onOpenPost).toHaveBeenCalledWith('other.md'));
  });

  it('classifies originals', () => {
    expect(originalTarget('https://example.org/a.pdf')).toEqual({
      kind: 'web',
      url: 'https://example.org/a.pdf',
    });
    expect(originalTarget('/images/a.JPG')).toEqual({ kind: 'folder-file', path: '/images/a.JPG' });
    expect(originalTarget('/files/a.pdf')).toEqual({ kind: 'site-file', path: '/files/a.pdf' });
    expect(originalTarget('/media/page/')).toEqual({ kind: 'site-page', path: '/media/page/' });
    expect(originalTarget('javascript:alert(1)')).toEqual({ kind: 'none' });
    expect(originalTarget(null)).toEqual({ kind: 'none' });
  });
});
