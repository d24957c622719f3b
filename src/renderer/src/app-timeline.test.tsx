// @vitest-environment jsdom
import './test/setup-dom';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeReaderApi, makePost } from './test/fake-reader-api';
import { App } from './app';
import { renderApp, renderWithApi } from './test/render-app';
import { samplePosts } from './test/sample-posts';

function rows() {
  return within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem');
}

describe('timeline', () => {
  it('groups posts newest first under month headings with counts, undated last', async () => {
    await renderApp();
    const headings = screen
      .getAllByRole('heading', { level: 2 })
      .map((heading) => heading.textContent);
    expect(headings).toEqual(['November 2024', 'September 2024', 'May 2023', 'Undated']);
    const november = screen.getByRole('heading', { name: 'November 2024' });
    expect(november.parentElement).toHaveTextContent('2 posts');
    expect(rows().map((row) => row.getAttribute('aria-label')?.split(',')[0])).toEqual([
      'Singapore and the European Union Agree to Strengthen Collaboration on AI Safety',
      'Digital Trade Agreement Concluded',
      'Digital Partnership Reaffirmed',
      'Cybersecurity Memorandum Signed',
      'Background Note on Cooperation',
    ]);
  });

  it('shows the date, category, at most three area chips and +N on each row', async () => {
    await renderApp();
    const first = rows()[0]!;
    expect(first).toHaveTextContent('20 November 2024');
    expect(first).toHaveTextContent('Press Releases');
    expect(within(first).getAllByRole('button')).toHaveLength(3);
    expect(first).toHaveTextContent('+1');
  });

  it('says how many posts the filters show, singular and plural', async () => {
    const { user } = await renderApp();
    expect(screen.getByRole('status')).toHaveTextContent(/^5 posts$/);
    await user.click(screen.getByRole('checkbox', { name: /^Speeches/ }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^1 post$/));
  });

  it('asks for the timeline once at start-up, after learning the status', async () => {
    const api = new FakeReaderApi(samplePosts());
    let statusAnswered = false;
    const getStatus = api.getStatus.bind(api);
    api.getStatus = async () => {
      const status = await getStatus();
      statusAnswered = true;
      return status;
    };
    const query = api.query.bind(api);
    const askedBeforeStatus: boolean[] = [];
    api.query = (...args) => {
      askedBeforeStatus.push(!statusAnswered);
      return query(...args);
    };
    await renderApp({ api });
    expect(askedBeforeStatus).toEqual([false]);
  });

  it('says on <html> which search the rows on screen answer, only once its answer is shown', async () => {
    const api = new FakeReaderApi(samplePosts());
    const query = api.query.bind(api);
    let release = () => {};
    api.query = (filter, window) =>
      filter.query === 'digital'
        ? new Promise((resolve) => (release = () => resolve(query(filter, window))))
        : query(filter, window);
    const { user } = await renderApp({ api });
    expect(document.documentElement.dataset.resultsQuery).toBe('');
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'digital');
    await waitFor(() => expect(window.location.hash).toContain('q=digital'));
    // Typed and in the address, but the rows on screen still answer an earlier prefix.
    expect(document.documentElement.dataset.resultsQuery).not.toBe('digital');
    act(() => release());
    await waitFor(() => expect(document.documentElement.dataset.resultsQuery).toBe('digital'));
    const { total } = await query({ query: 'digital' });
    expect(screen.getByRole('status')).toHaveTextContent(`${total} posts`);
  });

  it('offers a year jump for the years on the timeline', async () => {
    await renderApp();
    const select = screen.getByRole('combobox', { name: 'Jump to year' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Jump to year', '2024', '2023']);
  });

  it('marks opened posts as read, remembered per folder', async () => {
    const { user, unmount } = await renderApp();
    expect(rows()[1]).toHaveAccessibleName(/unread$/);
    await user.click(screen.getByText('Digital Trade Agreement Concluded'));
    await waitFor(() => expect(rows()[1]).not.toHaveAccessibleName(/unread$/));
    expect(rows()[1]!.querySelector('.timeline-row')).not.toHaveClass('is-unread');
    unmount();

    // Same folder again: still read. Another folder with the same file: unread.
    await renderApp();
    expect(rows()[1]).not.toHaveAccessibleName(/unread$/);
  });

  it('keeps read marks separate for another folder', async () => {
    const { user, unmount } = await renderApp();
    await user.click(screen.getByText('Digital Trade Agreement Concluded'));
    await waitFor(() => expect(rows()[1]).not.toHaveAccessibleName(/unread$/));
    unmount();
    await renderApp({ api: new FakeReaderApi(samplePosts(), '/elsewhere/other-folder') });
    expect(rows()[1]).toHaveAccessibleName(/unread$/);
  });

  it('moves the selection with j/k and the arrows, and opens it with Enter', async () => {
    const { user } = await renderApp();
    await user.keyboard('j');
    expect(rows()[0]).toHaveAttribute('aria-current', 'true');
    await user.keyboard('j');
    await user.keyboard('{ArrowDown}');
    expect(rows()[2]).toHaveAttribute('aria-current', 'true');
    await user.keyboard('k');
    expect(rows()[1]).toHaveAttribute('aria-current', 'true');
    await user.keyboard('{ArrowUp}');
    expect(rows()[0]).toHaveAttribute('aria-current', 'true');
    await user.keyboard('{Enter}');
    expect(
      await screen.findByRole('heading', { level: 1, name: /Singapore and the European Union/ }),
    ).toBeInTheDocument();
  });

  it('keeps the selection on the same post through a live update', async () => {
    const { api, user } = await renderApp();
    await user.keyboard('jj');
    expect(rows()[1]).toHaveAccessibleName(/^Digital Trade/);
    act(() => {
      api.change({
        upsert: [makePost({ id: 'new.md', title: 'Brand New Post', date: '2025-01-01' })],
      });
    });
    await waitFor(() => expect(rows()).toHaveLength(6));
    expect(screen.getByRole('listitem', { current: true })).toHaveAccessibleName(/^Digital Trade/);
    await waitFor(() => expect(document.documentElement.dataset.generation).toBe('2'));
  });

  it('renders only the visible rows of a long timeline', async () => {
    const many = Array.from({ length: 2000 }, (_, index) =>
      makePost({
        id: `p${index}.md`,
        title: `Post ${index}`,
        date: `20${String(10 + (index % 15)).padStart(2, '0')}-0${1 + (index % 9)}-10`,
      }),
    );
    await renderApp({ api: new FakeReaderApi(many) });
    expect(screen.getByRole('status')).toHaveTextContent('2,000 posts');
    expect(rows().length).toBeGreaterThan(3);
    expect(rows().length).toBeLessThan(60);
  });
});

describe('folders', () => {
  it('offers Open folder… only where the shell has a folder picker', async () => {
    await renderApp();
    expect(screen.queryByRole('button', { name: 'Open folder…' })).toBeNull();
  });

  it('switches to the folder picked with Open folder…, and stays put when cancelled', async () => {
    const api = new FakeReaderApi(samplePosts());
    api.capabilities = { shell: 'desktop', printToPdf: true, openFolder: true };
    const { user } = await renderApp({ api });
    await user.click(screen.getByRole('button', { name: 'Open folder…' }));
    expect(screen.getByRole('status')).toHaveTextContent('5 posts');

    api.openFolderResult = {
      status: { ...api.status, folder: '/data/other', folderName: 'other', generation: 1 },
      posts: [makePost({ id: 'o.md', title: 'Only Post Elsewhere', date: '2020-01-01' })],
    };
    await user.click(screen.getByRole('button', { name: 'Open folder…' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^1 post$/));
    expect(screen.getByText('other')).toBeInTheDocument();
  });
});

describe('empty and waiting states', () => {
  it('says when the folder has no posts', async () => {
    await renderApp({ api: new FakeReaderApi([]) });
    expect(screen.getByText('This folder has no posts')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/^0 posts$/);
  });

  it('shows indexing progress, and signals ready only once the index is complete', async () => {
    const api = new FakeReaderApi([]);
    api.status = { ...api.status, state: 'indexing', indexed: 3200, total: 10000 };
    await renderApp({ api });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByText('Indexing 3,200 of 10,000')).toBeInTheDocument();
    expect(document.documentElement.dataset.ready).toBeUndefined();
    act(() => api.setStatus({ state: 'ready', indexed: 10000, total: 10000 }));
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    await waitFor(() => expect(document.documentElement.dataset.ready).toBe('true'));
  });

  it('trusts a status event over an older getStatus answer that arrives after it', async () => {
    // Browser mode: the event stream and the getStatus request are separate connections.
    const api = new FakeReaderApi(samplePosts());
    api.status = { ...api.status, state: 'indexing', indexed: 0, total: 5 };
    const snapshot = api.status;
    let answerGetStatus = () => {};
    api.getStatus = () => new Promise((resolve) => (answerGetStatus = () => resolve(snapshot)));
    renderWithApi(api, <App />);
    act(() => api.setStatus({ state: 'ready', indexed: 5, total: 5 }));
    await waitFor(() => expect(document.documentElement.dataset.ready).toBe('true'));
    await act(async () => answerGetStatus());
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('5 posts');
  });

  it('says when the folder has gone, with a way to pick another on desktop', async () => {
    const api = new FakeReaderApi([]);
    api.capabilities = { shell: 'desktop', printToPdf: true, openFolder: true };
    api.status = { ...api.status, state: 'missing' };
    const { user } = await renderApp({ api });
    expect(screen.getByText('This folder is no longer available')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Choose another folder' }));
    expect(api.calls).toContainEqual({ method: 'openFolder', args: [] });
  });
});
