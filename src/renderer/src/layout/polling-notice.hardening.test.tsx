// @vitest-environment jsdom
/**
 * Hardening (issue 7), faults: when the OS runs out of file watches the library falls back to
 * polling and puts the reason in `IndexStatus.message` (see `src/core/library-watch.test.ts`).
 * The reader must then say so, or a person never learns why changes arrive a second late.
 *
 */
import '../test/setup-dom';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeReaderApi } from '../test/fake-reader-api';
import { renderApp } from '../test/render-app';
import { samplePosts } from '../test/sample-posts';

const MESSAGE =
  'The system ran out of file watches (ENOSPC); checking the folder for changes every second instead.';

describe('watcher fallback notice', () => {
  it('tells the person the folder is being polled, and why', async () => {
    const api = new FakeReaderApi(samplePosts());
    await renderApp({ api });
    act(() => api.setStatus({ polling: true, message: MESSAGE }));
    await waitFor(() => expect(screen.getByText(MESSAGE)).toBeInTheDocument(), { timeout: 2_000 });
  });
});
