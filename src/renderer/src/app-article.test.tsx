// @vitest-environment jsdom
import './test/setup-dom';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MAX_DIGEST_POSTS } from '@shared/digest-limit';
import { FakeReaderApi, makePost } from './test/fake-reader-api';
import { renderApp } from './test/render-app';
import { samplePosts } from './test/sample-posts';

const AI_ID = 'press/2024-11-20-ai-safety.md';
const AI_HASH = `#/?post=${encodeURIComponent(AI_ID)}`;

async function openArticle(hash = AI_HASH, api?: FakeReaderApi) {
  const view = await renderApp({ hash, api });
  const article = await screen.findByRole('article');
  return { ...view, article };
}

describe('article pane', () => {
  it('shows the title as the only h1, the date, category, reading time and description', async () => {
    const { article } = await openArticle();
    expect(within(article).getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(within(article).getByRole('heading', { level: 1 })).toHaveTextContent(
      'Singapore and the European Union Agree to Strengthen Collaboration on AI Safety',
    );
    const time = article.querySelector('time')!;
    expect(time).toHaveAttribute('datetime', '2024-11-20');
    expect(time).toHaveTextContent('20 November 2024');
    expect(article).toHaveTextContent('Press Releases');
    expect(article).toHaveTextContent('3 min read');
    expect(article).toHaveTextContent('An administrative arrangement on AI safety.');
    expect(article).toHaveTextContent('/singapore-eu-ai-safety/');
    expect(within(article).getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
  });

  it('explains where each area came from', async () => {
    const { article } = await openArticle();
    expect(within(article).getByRole('button', { name: /^Information Exchange/ })).toHaveAttribute(
      'title',
      'From the body: a. Information Exchange: Sharing expertise of information.',
    );
    expect(within(article).getByRole('button', { name: /^AI Safety Research/ })).toHaveAttribute(
      'title',
      'From front matter: areas',
    );
  });

  it('filters the timeline when an area chip in the article is clicked', async () => {
    const { article, user } = await openArticle();
    await user.click(within(article).getByRole('button', { name: /^Standardisation Activities/ }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^1 post$/));
    expect(window.location.hash).toContain('areas=Standardisation%20Activities');
  });

  it('offers Open original with the address for link posts', async () => {
    const { article, api, user } = await openArticle(
      `#/?post=${encodeURIComponent('press/undated-note.md')}`,
    );
    expect(article).toHaveTextContent('https://example.org/background.pdf');
    await user.click(within(article).getByRole('link', { name: 'Open original' }));
    expect(api.calls).toContainEqual({
      method: 'openExternal',
      args: ['https://example.org/background.pdf'],
    });
  });

  it('opens a linked post in the app when a body link matches its permalink', async () => {
    const { article, user } = await openArticle();
    await user.click(within(article).getByRole('link', { name: 'the earlier post' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Digital Partnership Reaffirmed' }),
    ).toBeInTheDocument();
  });

  it('marks the search terms in the article body', async () => {
    const { article } = await openArticle(`${AI_HASH}&q=collaboration`);
    const marks = [...article.querySelectorAll('.post-body mark')].map((mark) => mark.textContent);
    expect(marks).toEqual(['collaboration']);
  });

  it('steps to the previous and next post with the buttons and [ ]', async () => {
    const { user } = await openArticle();
    expect(screen.getByRole('button', { name: 'Previous post' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next post' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Digital Trade Agreement Concluded' }),
    ).toBeInTheDocument();
    await user.keyboard(']');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Digital Partnership Reaffirmed' }),
    ).toBeInTheDocument();
    await user.keyboard('[[');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Digital Trade Agreement Concluded' }),
    ).toBeInTheDocument();
    expect(window.location.hash).toBe(
      `#/?post=${encodeURIComponent('press/2024-11-02-digital-trade.md')}`,
    );
  });
});

describe('live changes', () => {
  it('reloads the open post in place and then reports the generation', async () => {
    const { api } = await openArticle();
    const original = api.posts.get(AI_ID)!;
    act(() => api.change({ upsert: [{ ...original, title: 'Retitled Arrangement' }] }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Retitled Arrangement' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(document.documentElement.dataset.generation).toBe('2'));
  });

  it('reads the open post again after a reindex that sent no change for it (new area aliases)', async () => {
    const { api } = await openArticle();
    const original = api.posts.get(AI_ID)!;
    // The folder is reopened with another alias table: same file, other areas, no posts event.
    act(() => api.setStatus({ state: 'indexing', indexed: 0, total: 5 }));
    api.posts.set(AI_ID, { ...original, areas: ['Renamed Area'] });
    act(() => api.setStatus({ state: 'ready', indexed: 5, total: 5 }));
    const article = await screen.findByRole('article');
    await waitFor(() => expect(article).toHaveTextContent('Renamed Area'));
  });

  it('says when the open post was deleted', async () => {
    const { api } = await openArticle();
    act(() => api.change({ remove: [AI_ID] }));
    expect(await screen.findByText('This post was deleted')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('4 posts'));
    expect(document.documentElement.dataset.generation).toBe('2');
  });

  it('shows a post added to the folder', async () => {
    const { api } = await renderApp();
    act(() =>
      api.change({
        upsert: [makePost({ id: 'n.md', title: 'Fresh Agreement', date: '2025-02-01' })],
      }),
    );
    expect(await screen.findByRole('heading', { name: 'February 2025' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('6 posts');
  });
});

describe('the address', () => {
  it('restores filters, search and the open post from the hash', async () => {
    await openArticle(
      `#/?areas=Information%20Exchange&match=all&q=digital&post=${encodeURIComponent('press/2024-11-02-digital-trade.md')}`,
    );
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('digital');
    expect(screen.getByRole('checkbox', { name: /^Information Exchange/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'All' })).toBeChecked();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Digital Trade Agreement Concluded',
    );
    expect(screen.getByRole('status')).toHaveTextContent('2 posts');
  });

  it('follows a hash changed by hand', async () => {
    await renderApp();
    act(() => {
      window.history.replaceState(null, '', '#/?categories=Speeches');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^1 post$/));
  });
});

describe('printing and menu commands', () => {
  it('prints with the browser in browser mode', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const { user } = await openArticle();
    await user.click(screen.getByRole('button', { name: 'Print to PDF' }));
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it('asks the desktop shell for a PDF and shows where it was saved', async () => {
    const api = new FakeReaderApi(samplePosts());
    api.capabilities = { shell: 'desktop', printToPdf: true, openFolder: true };
    const { user } = await openArticle(AI_HASH, api);
    await user.click(screen.getByRole('button', { name: 'Print to PDF' }));
    expect(await screen.findByText('PDF saved to /tmp/out.pdf')).toBeInTheDocument();
    expect(api.calls).toContainEqual({ method: 'printToPdf', args: [AI_ID] });
  });

  it('exports a digest of the filtered list through the desktop shell, reporting failures', async () => {
    const api = new FakeReaderApi(samplePosts());
    api.capabilities = { shell: 'desktop', printToPdf: true, openFolder: true };
    api.printOutcome = { kind: 'failed', message: 'disk full' };
    const { user } = await renderApp({ api, hash: '#/?categories=Speeches' });
    await user.click(screen.getByRole('button', { name: 'Export digest' }));
    expect(await screen.findByText('Digest failed: disk full')).toBeInTheDocument();
    expect(api.calls).toContainEqual({
      method: 'exportDigestPdf',
      args: [{ categories: ['Speeches'] }],
    });
  });

  it('opens the printable digest in browser mode: filters, contents, articles in timeline order', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const { user } = await renderApp({ hash: '#/?areas=Information%20Exchange' });
    await user.click(screen.getByRole('button', { name: 'Export digest' }));
    await waitFor(() => expect(document.documentElement.dataset.digestReady).toBe('true'));
    expect(window.location.hash).toBe('#/digest?areas=Information%20Exchange');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Areas: Information Exchange',
    );
    const contents = screen.getByRole('navigation', { name: 'Contents' });
    expect(
      within(contents)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('a')?.textContent),
    ).toEqual([
      'Singapore and the European Union Agree to Strengthen Collaboration on AI Safety',
      'Digital Trade Agreement Concluded',
    ]);
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it('refuses a browser digest larger than the desktop export allows, loading none of it', async () => {
    const many = Array.from({ length: MAX_DIGEST_POSTS + 1 }, (_, index) =>
      makePost({ id: `p${index}.md`, title: `Release ${index}`, date: '2024-01-01' }),
    );
    const api = new FakeReaderApi(many);
    const getPost = vi.spyOn(api, 'getPost');
    await renderApp({ api, hash: '#/digest' });
    expect(
      await screen.findByText(
        `Could not prepare the digest: ${MAX_DIGEST_POSTS + 1} articles match; narrow the filters to at most ${MAX_DIGEST_POSTS} for a digest`,
      ),
    ).toBeInTheDocument();
    expect(api.queries).toContainEqual({
      filter: {},
      window: { offset: 0, limit: MAX_DIGEST_POSTS },
    });
    expect(getPost).not.toHaveBeenCalled();
  });

  it('acts on menu commands: focus search, theme, shortcuts', async () => {
    const { api } = await renderApp();
    act(() => api.invokeMenu('focus-search'));
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus();
    act(() => api.invokeMenu('theme-dark'));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    act(() => api.invokeMenu('show-shortcuts'));
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveTextContent(
      'Open the selected post',
    );
  });

  it('remembers theme, text size and reading width', async () => {
    const { user, unmount } = await renderApp();
    await user.click(screen.getByRole('button', { name: /^Theme/ }));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(screen.getByRole('button', { name: 'Theme: Light' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Larger text' }));
    await user.click(screen.getByRole('button', { name: 'Reading width' }));
    expect(document.documentElement.dataset.textSize).toBe('20');
    expect(document.documentElement.dataset.readingWidth).toBe('wide');
    unmount();
    const saved = window.localStorage.getItem('accord-reader:preferences');
    window.localStorage.clear();
    window.localStorage.setItem('accord-reader:preferences', saved!);
    await renderApp();
    expect(document.documentElement.dataset.textSize).toBe('20');
    expect(screen.getByRole('button', { name: 'Theme: Light' })).toBeInTheDocument();
  });
});
