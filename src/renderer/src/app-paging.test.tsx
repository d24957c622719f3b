// @vitest-environment jsdom
import './test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TIMELINE_PAGE_SIZE } from '@shared/query';
import { FakeReaderApi, makePost } from './test/fake-reader-api';
import { renderApp } from './test/render-app';
import { ESTIMATED_ROW_HEIGHT } from './timeline/timeline';

const DAY_MS = 86_400_000;

/** `count` posts, one a day going back from the end of 2024, so timeline order is index order. */
function dailyPosts(count: number) {
  return Array.from({ length: count }, (_, index) =>
    makePost({
      id: `p${index}.md`,
      title: `Post ${index}`,
      date: new Date(Date.UTC(2024, 11, 31) - index * DAY_MS).toISOString().slice(0, 10),
      body: 'cooperation',
    }),
  );
}

function timelineItems() {
  return within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem');
}

function windowsAsked(api: FakeReaderApi) {
  return api.queries.map((call) => call.window);
}

/** Scrolls the timeline so that row `index` is at the top (jsdom has no layout of its own). */
function scrollToRow(index: number) {
  const scroller = document.querySelector<HTMLElement>('.timeline-scroll')!;
  scroller.scrollTop = index * ESTIMATED_ROW_HEIGHT;
  fireEvent.scroll(scroller);
}

describe('paged timeline', () => {
  it('asks for the first page only, and renders its rows while the status counts them all', async () => {
    const api = new FakeReaderApi(dailyPosts(5000));
    await renderApp({ api });
    expect(screen.getByRole('status')).toHaveTextContent(/^5,000 posts$/);
    // (Asked again once the status arrives, but always for the first page.)
    expect(new Set(windowsAsked(api).map((window) => JSON.stringify(window)))).toEqual(
      new Set([JSON.stringify({ offset: 0, limit: TIMELINE_PAGE_SIZE })]),
    );
    const items = timelineItems();
    expect(items.length).toBeLessThan(60);
    expect(items[0]).toHaveAccessibleName(/^Post 0,/);
    expect(items.every((item) => item.getAttribute('aria-busy') !== 'true')).toBe(true);
    // Month headings come from the month counts, for the whole timeline.
    expect(screen.getByRole('heading', { name: 'December 2024' }).parentElement).toHaveTextContent(
      '31 posts',
    );
    expect(
      within(screen.getByRole('combobox', { name: 'Jump to year' })).getAllByRole('option'),
    ).toHaveLength(1 + 14); // 5,000 days back from 2024 reach into 2011.
  });

  it('shows placeholders for rows beyond the loaded page, then fetches their page', async () => {
    const api = new FakeReaderApi(dailyPosts(5000));
    await renderApp({ api });
    scrollToRow(400);
    // The rows on screen are placeholders at first, labelled as such, with no text of their own.
    await waitFor(() => {
      const placeholder = timelineItems().find((item) => item.getAttribute('aria-busy') === 'true');
      expect(placeholder).toHaveAccessibleName('Loading post');
      expect(placeholder).toHaveTextContent(/^$/);
    });
    await waitFor(() =>
      expect(timelineItems().map((item) => item.getAttribute('aria-label'))).toContainEqual(
        expect.stringMatching(/^Post 400,/),
      ),
    );
    const pageOfRow400 = Math.floor(400 / TIMELINE_PAGE_SIZE) * TIMELINE_PAGE_SIZE;
    expect(windowsAsked(api)).toContainEqual({ offset: pageOfRow400, limit: TIMELINE_PAGE_SIZE });
    // Only the pages scrolled to were fetched, never the whole result.
    expect(windowsAsked(api)).not.toContainEqual(undefined);
    expect(windowsAsked(api)).not.toContainEqual({
      offset: TIMELINE_PAGE_SIZE,
      limit: TIMELINE_PAGE_SIZE,
    });
  });

  it('moves the selection with j past the loaded page by loading the next one first', async () => {
    const api = new FakeReaderApi(dailyPosts(5000));
    const last = TIMELINE_PAGE_SIZE - 1;
    const { user } = await renderApp({ api, hash: `#/?post=p${last}.md` });
    await screen.findByRole('heading', { level: 1, name: `Post ${last}` });
    // The open post is the last row of the first page; j selects the first row of the next.
    await user.keyboard('j');
    await waitFor(() =>
      expect(windowsAsked(api)).toContainEqual({
        offset: TIMELINE_PAGE_SIZE,
        limit: TIMELINE_PAGE_SIZE,
      }),
    );
    await user.keyboard('{Enter}');
    expect(
      await screen.findByRole('heading', { level: 1, name: `Post ${last + 1}` }),
    ).toBeInTheDocument();
    await user.keyboard('kk{Enter}');
    expect(
      await screen.findByRole('heading', { level: 1, name: `Post ${last - 1}` }),
    ).toBeInTheDocument();
  });

  it('steps the article with ] into a page that is not loaded yet', async () => {
    const api = new FakeReaderApi(dailyPosts(5000));
    const last = TIMELINE_PAGE_SIZE - 1;
    const { user } = await renderApp({ api, hash: `#/?post=p${last}.md` });
    await screen.findByRole('heading', { level: 1, name: `Post ${last}` });
    await user.keyboard(']');
    expect(
      await screen.findByRole('heading', { level: 1, name: `Post ${last + 1}` }),
    ).toBeInTheDocument();
  });

  it('asks each new search for its first page only', async () => {
    const api = new FakeReaderApi(dailyPosts(5000));
    const { user } = await renderApp({ api });
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'post');
    await waitFor(() =>
      expect(api.queries.at(-1)).toEqual({
        filter: { query: 'post' },
        window: { offset: 0, limit: TIMELINE_PAGE_SIZE },
      }),
    );
    await waitFor(() => expect(timelineItems()[0]!.querySelector('mark')).not.toBeNull());
    expect(screen.getByRole('status')).toHaveTextContent(/^5,000 posts$/);
    expect(screen.queryByRole('combobox', { name: 'Jump to year' })).toBeNull();
  });
});
