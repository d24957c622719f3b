// @vitest-environment jsdom
/**
 * Bodies too complex to format (issue: deep nesting blanked the reader, quadratic Markdown froze
 * it): shown as plain text after a notice, never parsed; and any render failure of a formatted
 * body falls back the same way instead of taking the whole window down.
 */
import '../test/setup-dom';
import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReaderApiProvider } from '../api/reader-api-context';
import { FakeReaderApi } from '../test/fake-reader-api';
import { PostBody } from './post-body';

const deepDivs = (depth: number, text: string) =>
  `${'<div>'.repeat(depth)}${text}${'</div>'.repeat(depth)}`;

function postBody(body: string, plainTextReason: string | null = null) {
  return (
    <ReaderApiProvider api={new FakeReaderApi()}>
      <PostBody
        postId="press/post.md"
        body={body}
        permalink="/press/post/"
        plainTextReason={plainTextReason}
      />
    </ReaderApiProvider>
  );
}

function renderBody(body: string, plainTextReason?: string | null) {
  const view = render(postBody(body, plainTextReason));
  return { ...view, body: view.container.querySelector('.post-body')! };
}

// React reports errors a boundary caught on the console; they are expected here.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('PostBody with a plain text reason', () => {
  it('shows a 10,000-level nested post as a notice and its text', () => {
    const { body } = renderBody(
      deepDivs(10_000, 'Singapore and the EU agreed.'),
      'nests its markup 10,000 levels deep',
    );
    expect(screen.getByRole('note')).toHaveTextContent(
      'Shown as plain text: this post nests its markup 10,000 levels deep.',
    );
    expect(body.querySelectorAll('div')).toHaveLength(0);
    expect(body).toHaveTextContent('Singapore and the EU agreed.');
  });

  it('shows a line of 10,000 quote markers as a notice and its text', () => {
    const { body } = renderBody(
      `${'>'.repeat(10_000)} Quoted words`,
      'nests its markup 10,000 levels deep',
    );
    expect(screen.getByRole('note')).toHaveTextContent(
      'Shown as plain text: this post nests its markup 10,000 levels deep.',
    );
    expect(body.querySelector('blockquote')).toBeNull();
    expect(body.textContent).toContain('Quoted words');
  });

  it('never parses the body: markup stays text, paragraphs stay apart', () => {
    const { body } = renderBody(
      '**Not bold** <script>alert(1)</script>\n\n<p>Second &amp; last</p><img src=x onerror=alert(2)>',
      'is a test',
    );
    expect(body.querySelector('strong, script, img')).toBeNull();
    const paragraphs = [...body.querySelectorAll('p:not([role="note"])')].map((p) => p.textContent);
    expect(paragraphs).toEqual(['**Not bold** alert(1)', 'Second & last']);
  });
});

describe('PostBody when formatting fails', () => {
  it('shows a 10,000-level nested post as plain text instead of throwing', () => {
    // No reason given (as from a caller that does not pass it): the render overflows the stack,
    // or meets the depth guard, and the boundary takes over.
    const { body } = renderBody(deepDivs(10_000, 'Deep text'));
    expect(screen.getByRole('note')).toHaveTextContent(
      'Shown as plain text: this post could not be formatted.',
    );
    expect(body).toHaveTextContent('Deep text');
  });

  it('shows 3,000 nested quotes as plain text instead of throwing', () => {
    const { body } = renderBody(`${'>'.repeat(3000)} Quoted words`);
    expect(screen.getByRole('note')).toBeInTheDocument();
    expect(body.textContent).toContain('Quoted words');
  });

  it('formats the next post again after one failed', () => {
    const view = renderBody(deepDivs(10_000, 'Deep text'));
    expect(screen.getByRole('note')).toBeInTheDocument();
    view.rerender(postBody('**Formatted** again.'));
    expect(screen.queryByRole('note')).toBeNull();
    expect(view.container.querySelector('.post-body strong')).toHaveTextContent('Formatted');
  });

  it('still formats a body nested 256 levels deep', () => {
    const { body } = renderBody(deepDivs(256, 'Deep but fine'));
    expect(screen.queryByRole('note')).toBeNull();
    expect(body.querySelectorAll('div')).toHaveLength(256);
  });
});
