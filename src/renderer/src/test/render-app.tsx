import { render, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { expect } from 'vitest';
import { ReaderApiProvider } from '../api/reader-api-context';
import { App } from '../app';
import { FakeReaderApi } from './fake-reader-api';
import { samplePosts } from './sample-posts';

/** Renders `ui` with `api` in context. */
export function renderWithApi(api: FakeReaderApi, ui: ReactElement) {
  return render(<ReaderApiProvider api={api}>{ui}</ReaderApiProvider>);
}

/**
 * Renders the whole app against a fake library (the sample posts unless given) at `hash`, and
 * waits until the first result is on screen (`<html data-ready>`), like the e2e suite does. While
 * the fake is still indexing the app is never "ready", so then it waits for the first answer only.
 */
export async function renderApp(options: { api?: FakeReaderApi; hash?: string } = {}) {
  const api = options.api ?? new FakeReaderApi(samplePosts());
  window.history.replaceState(null, '', options.hash ?? '#');
  // The signals of an earlier render in the same document must not count for this one.
  delete document.documentElement.dataset.ready;
  delete document.documentElement.dataset.generation;
  const user = userEvent.setup();
  const view = renderWithApi(api, <App />);
  if (api.status.state === 'indexing') {
    await waitFor(() => expect(document.documentElement.dataset.generation).toBeDefined());
  } else {
    await waitFor(() => expect(document.documentElement.dataset.ready).toBe('true'));
  }
  return { api, user, ...view };
}
