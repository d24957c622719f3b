// @vitest-environment jsdom
import './test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SEARCH_DEBOUNCE_MS } from './app';
import { renderApp } from './test/render-app';

function rowTitles() {
  return within(screen.getByRole('list', { name: 'Timeline' }))
    .getAllByRole('listitem')
    .map((row) => row.getAttribute('aria-label')?.split(',')[0]);
}

describe('filters pane', () => {
  it('lists each area with its count, and narrows the timeline when one is ticked', async () => {
    const { user } = await renderApp();
    const areas = screen.getByRole('group', { name: 'Cooperation areas' });
    const exchange = within(areas).getByRole('checkbox', { name: 'Information Exchange 2' });
    await user.click(exchange);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('2 posts'));
    expect(rowTitles()).toEqual([
      'Singapore and the European Union Agree to Strengthen Collaboration on AI Safety',
      'Digital Trade Agreement Concluded',
    ]);
    expect(window.location.hash).toBe('#/?areas=Information%20Exchange');
  });

  it('combines areas with Any or All', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('checkbox', { name: /^Information Exchange/ }));
    await user.click(screen.getByRole('checkbox', { name: /^AI Safety Research/ }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('3 posts'));
    const match = screen.getByRole('radiogroup', { name: 'Match' });
    expect(within(match).getByRole('radio', { name: 'Any' })).toBeChecked();
    await user.click(within(match).getByRole('radio', { name: 'All' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 post'));
  });

  it('updates category counts under the other filters', async () => {
    const { user } = await renderApp();
    const categories = screen.getByRole('group', { name: 'Categories' });
    expect(
      within(categories).getByRole('checkbox', { name: 'Press Releases 3' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /^AI Safety Research/ }));
    await waitFor(() =>
      expect(
        within(categories).getByRole('checkbox', { name: 'Press Releases 1' }),
      ).toBeInTheDocument(),
    );
  });

  it('filters by date range (undated posts drop out)', async () => {
    const { user } = await renderApp();
    await user.type(screen.getByLabelText('From'), '2024-01-01');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('3 posts'));
    await user.type(screen.getByLabelText('To'), '2024-10-01');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 post'));
  });

  it('offers Clear filters only while a filter is active, and clears everything', async () => {
    const { user } = await renderApp();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: /^Speeches/ }));
    await user.click(await screen.findByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('5 posts'));
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('filters by an area when its chip on a row is clicked', async () => {
    const { user } = await renderApp();
    const row = within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem')[2]!;
    await user.click(within(row).getByRole('button', { name: /^AI Safety Research/ }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('2 posts'));
    expect(screen.getByRole('checkbox', { name: /^AI Safety Research/ })).toBeChecked();
  });
});

describe('search', () => {
  it('filters as you type, after a short debounce, with marked snippets', async () => {
    const { user } = await renderApp();
    const search = screen.getByRole('searchbox', { name: 'Search' });
    await user.type(search, 'digital');
    // Prefixes ("digi") match the same posts, so wait for the whole word to reach the address.
    await waitFor(() => expect(window.location.hash).toBe('#/?q=digital'));
    // Two titles and one body (a link to /digital-partnership/) contain the word.
    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent('3 posts');
      const marks = screen
        .getByRole('list', { name: 'Timeline' })
        .querySelectorAll('.timeline-row__snippet mark');
      expect([...marks].map((mark) => mark.textContent)).toEqual(['Digital', 'Digital']);
    });
  });

  it('waits at most 60 ms after the last key before searching', () => {
    // The budget is 100 ms from the last key to results on screen; the query itself is fast.
    expect(SEARCH_DEBOUNCE_MS).toBeLessThanOrEqual(60);
  });

  it('does not query on every key stroke', async () => {
    const { api } = await renderApp();
    let queries = 0;
    const original = api.query.bind(api);
    api.query = (filter, window) => {
      queries += 1;
      return original(filter, window);
    };
    // Ten key strokes faster than the debounce (typed in one go, so a busy machine cannot
    // spread them out): one search, for the whole word.
    const searchbox = screen.getByRole('searchbox', { name: 'Search' });
    const word = 'memorandum';
    for (let length = 1; length <= word.length; length += 1) {
      fireEvent.change(searchbox, { target: { value: word.slice(0, length) } });
    }
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^1 post$/));
    expect(queries).toBe(1);
  });

  it('shows No posts match with a single Clear filters button', async () => {
    const { user } = await renderApp();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'zzzzqqq');
    expect(await screen.findByText('No posts match')).toBeInTheDocument();
    const buttons = screen.getAllByRole('button', { name: 'Clear filters' });
    expect(buttons).toHaveLength(1);
    await user.click(buttons[0]!);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('5 posts'));
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
  });

  it('focuses search with / and clears it with Esc', async () => {
    const { user } = await renderApp();
    await user.keyboard('/');
    const search = screen.getByRole('searchbox', { name: 'Search' });
    expect(search).toHaveFocus();
    await user.keyboard('cyber');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^1 post$/));
    await user.keyboard('{Escape}');
    expect(search).toHaveValue('');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('5 posts'));
  });

  it('clears the search with Esc from anywhere on the page', async () => {
    const { user } = await renderApp({ hash: '#/?q=cyber' });
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('cyber');
    expect(screen.getByRole('status')).toHaveTextContent(/^1 post$/);
    await user.click(document.body);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('5 posts'));
  });
});
