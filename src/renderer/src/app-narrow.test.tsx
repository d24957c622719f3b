// @vitest-environment jsdom
import './test/setup-dom';
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueryResult } from '@shared/query';
import { App } from './app';
import { FakeReaderApi } from './test/fake-reader-api';
import { renderApp, renderWithApi } from './test/render-app';
import { samplePosts } from './test/sample-posts';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A window narrower than 900 px, where the filters are a drawer behind the "Filters" button. */
function narrowWindow() {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: query.includes('max-width: 899px'),
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
}

function filtersButton() {
  return screen.getByRole('button', { name: /^Filters/ });
}

function drawer() {
  return screen.getByRole('complementary', { name: 'Filters' });
}

describe('the filters drawer (narrow windows)', () => {
  it('shows how many filters are active on the closed drawer’s button', async () => {
    narrowWindow();
    const { user } = await renderApp({
      hash: '#/?areas=Information%20Exchange&categories=Speeches',
    });
    expect(filtersButton()).toHaveAccessibleName('Filters (2)');
    expect(filtersButton()).toHaveAttribute('aria-expanded', 'false');
    await user.click(filtersButton());
    expect(filtersButton()).toHaveAccessibleName('Filters');
    expect(filtersButton()).toHaveAttribute('aria-expanded', 'true');
  });

  it('says just "Filters" when none is active, and counts a date range once', async () => {
    narrowWindow();
    const { unmount } = await renderApp();
    expect(filtersButton()).toHaveAccessibleName('Filters');
    unmount();
    await renderApp({ hash: '#/?from=2024-01-01&to=2024-12-31&q=digital' });
    expect(filtersButton()).toHaveAccessibleName('Filters (1)');
  });

  it('moves focus into the drawer, to its Close button, and back to the button on Close', async () => {
    narrowWindow();
    const { user } = await renderApp();
    await user.click(filtersButton());
    const close = within(drawer()).getByRole('button', { name: 'Close filters' });
    expect(close).toHaveTextContent('Close');
    expect(close).toHaveFocus();
    await user.click(close);
    expect(within(drawer()).queryByRole('button', { name: 'Close filters' })).toBeNull();
    expect(filtersButton()).toHaveAttribute('aria-expanded', 'false');
    expect(filtersButton()).toHaveFocus();
  });

  it('closes on Esc (before clearing the search), returning focus to the button', async () => {
    narrowWindow();
    const { user } = await renderApp({ hash: '#/?q=digital' });
    await user.click(filtersButton());
    await user.tab();
    expect(drawer()).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    expect(filtersButton()).toHaveAttribute('aria-expanded', 'false');
    expect(filtersButton()).toHaveFocus();
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('digital');
  });

  it('closes when the backdrop is clicked, returning focus to the button', async () => {
    narrowWindow();
    const { user } = await renderApp();
    await user.click(filtersButton());
    await user.click(document.querySelector('.drawer-backdrop')!);
    expect(filtersButton()).toHaveAttribute('aria-expanded', 'false');
    expect(filtersButton()).toHaveFocus();
  });

  it('keeps Tab inside the open drawer', async () => {
    narrowWindow();
    const { user } = await renderApp();
    await user.click(filtersButton());
    const close = within(drawer()).getByRole('button', { name: 'Close filters' });
    await user.tab({ shift: true });
    expect(drawer()).toContainElement(document.activeElement as HTMLElement);
    expect(close).not.toHaveFocus();
    await user.tab();
    expect(close).toHaveFocus();
  });

  it('opens and closes from the menu command too', async () => {
    narrowWindow();
    const { api } = await renderApp();
    act(() => api.invokeMenu('toggle-filters'));
    await waitFor(() =>
      expect(within(drawer()).getByRole('button', { name: 'Close filters' })).toHaveFocus(),
    );
    act(() => api.invokeMenu('toggle-filters'));
    expect(filtersButton()).toHaveFocus();
  });
});

describe('the post count', () => {
  it('reads "Loading posts…" until the first answer, never a count it does not know', async () => {
    const api = new FakeReaderApi(samplePosts());
    api.status = { ...api.status, state: 'indexing', indexed: 0, total: 5 };
    const query = api.query.bind(api);
    const waiting: (() => void)[] = [];
    api.query = (filter, window) =>
      new Promise<QueryResult>((resolve) => waiting.push(() => resolve(query(filter, window))));
    renderWithApi(api, <App />);
    expect(screen.getByRole('status')).toHaveTextContent(/^Loading posts…$/);
    // Asked, not yet answered (a cold index): the facets are unknown, not empty.
    await waitFor(() => expect(waiting.length).toBeGreaterThan(0));
    expect(screen.getByRole('status')).toHaveTextContent(/^Loading posts…$/);
    expect(screen.getAllByText('Loading…')).toHaveLength(2);
    expect(screen.queryByText('None')).not.toBeInTheDocument();
    await act(async () => waiting.splice(0).forEach((answer) => answer()));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^5 posts$/));
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
  });

  it('reads "Loading posts…" while the status itself has not arrived', () => {
    const api = new FakeReaderApi(samplePosts());
    api.getStatus = () => new Promise(() => {});
    renderWithApi(api, <App />);
    expect(screen.getByRole('status')).toHaveTextContent(/^Loading posts…$/);
  });

  it('reads "0 posts", not "Loading posts…", once the first answer has failed', async () => {
    const api = new FakeReaderApi(samplePosts());
    api.query = () => Promise.reject(new Error('the library is closed'));
    renderWithApi(api, <App />);
    await waitFor(() => expect(screen.getByText(/Could not load posts/)).toBeInTheDocument());
    expect(screen.getByRole('status')).toHaveTextContent(/^0 posts$/);
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
  });
});

describe('saved preferences', () => {
  it.each(['null', '[]', '42', '{bad json', '{"theme":7,"textSize":"big","readingWidth":[]}'])(
    'starts with the defaults when the store holds %s',
    async (stored) => {
      window.localStorage.setItem('accord-reader:preferences', stored);
      await renderApp();
      expect(screen.getByRole('button', { name: 'Theme: System' })).toBeInTheDocument();
      expect(document.documentElement.dataset.textSize).toBe('18');
      expect(document.documentElement.dataset.readingWidth).toBe('medium');
    },
  );
});
