// @vitest-environment jsdom
/**
 * Hardening (issue 7): a post's title, description, warnings, areas and search snippet come from
 * an untrusted file just like its body. They are shown as text everywhere in the reader (timeline
 * row, article header, snippets), never parsed as markup.
 */
import '../test/setup-dom';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeReaderApi, makePost } from '../test/fake-reader-api';
import { renderApp } from '../test/render-app';

const TITLE = 'Pact <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>';
const DESCRIPTION =
  'Summary <iframe srcdoc="<script>parent.__pwned=3</script>"></iframe><a href="javascript:alert(1)">x</a>';
const AREA = '<b onmouseover=alert(1)>Trade</b>';
const WARNING = 'title <svg onload=alert(1)> was odd';
const ID = 'press/2024-01-02-hostile.md';

function hostileApi(): FakeReaderApi {
  return new FakeReaderApi([
    makePost({
      id: ID,
      title: TITLE,
      description: DESCRIPTION,
      date: '2024-01-02',
      category: '<i onclick=alert(1)>News</i>',
      areas: [AREA],
      warnings: [WARNING],
      body: '<p>Harmless body text.</p>',
    }),
    makePost({ id: 'press/2024-01-01-plain.md', title: 'Plain neighbour', date: '2024-01-01' }),
  ]);
}

/** Nothing in the document may have been created from the post's fields as markup. */
function expectNoInjectedMarkup(): void {
  expect(
    document.querySelectorAll('script, iframe, svg img, img[onerror], svg[onload]'),
  ).toHaveLength(0);
  for (const element of document.body.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) {
      expect(name.toLowerCase().startsWith('on'), `${element.tagName} ${name}`).toBe(false);
    }
    const href = element.getAttribute('href');
    if (href !== null) expect(href.toLowerCase()).not.toMatch(/^\s*javascript:/);
  }
  expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
}

describe('HTML in post fields', () => {
  it('shows a hostile title, category and area on the timeline as text', async () => {
    await renderApp({ api: hostileApi() });
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    await waitFor(() => expect(timeline).toHaveTextContent(TITLE));
    expect(timeline).toHaveTextContent('Plain neighbour');
    expectNoInjectedMarkup();
  });

  it('shows the title, description, area and warning of the open post as text', async () => {
    await renderApp({ api: hostileApi(), hash: `#/?post=${encodeURIComponent(ID)}` });
    const article = await screen.findByRole('article');
    expect(within(article).getByRole('heading', { level: 1 }).textContent).toBe(TITLE);
    expect(article.querySelector('.article__description')?.textContent).toBe(DESCRIPTION);
    expect(article).toHaveTextContent(WARNING);
    expect(article).toHaveTextContent('Harmless body text.');
    expectNoInjectedMarkup();
  });

  it('shows a search snippet cut from a hostile title as text with only <mark> added', async () => {
    await renderApp({ api: hostileApi(), hash: '#/?q=pact' });
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    await waitFor(() => expect(timeline.querySelector('.timeline-row__snippet')).not.toBeNull());
    const snippet = timeline.querySelector('.timeline-row__snippet')!;
    expect(snippet.textContent).toBe(TITLE);
    expect([...snippet.querySelectorAll('*')].map((element) => element.tagName)).toEqual(['MARK']);
    expectNoInjectedMarkup();
  });
});
