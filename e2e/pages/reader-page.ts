import { expect, type Locator, type Page } from '@playwright/test';
import { ArticlePane } from './article-pane';
import { FiltersPane } from './filters-pane';
import { TimelinePage } from './timeline-page';

/** The whole reader window, in either shell: header, filters, timeline and article. */
export class ReaderPage {
  readonly timeline: TimelinePage;
  readonly filters: FiltersPane;
  readonly article: ArticlePane;
  readonly search: Locator;
  /** "N posts" for what the filters show. */
  readonly status: Locator;
  readonly themeButton: Locator;

  constructor(
    readonly page: Page,
    readonly shell: 'browser' | 'electron',
  ) {
    this.timeline = new TimelinePage(page);
    this.filters = new FiltersPane(page);
    this.article = new ArticlePane(page);
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.status = page.getByRole('status').filter({ hasText: /^\s*[\d,]+ posts?\s*$/ });
    this.themeButton = page.getByRole('button', { name: /^Theme/ });
  }

  /** Waits for the app's own signal that the first result is on screen. */
  async waitUntilReady(): Promise<void> {
    await expect(this.page.locator('html')).toHaveAttribute('data-ready', 'true', {
      timeout: 30_000,
    });
  }

  /** The index generation of the result currently on screen. */
  async generation(): Promise<number> {
    return Number(await this.page.locator('html').getAttribute('data-generation'));
  }

  /** Waits until a result newer than `generation` is on screen; returns the new generation. */
  async waitForGenerationAfter(generation: number, timeout = 30_000): Promise<number> {
    await expect
      .poll(() => this.generation(), { timeout, message: `generation after ${generation}` })
      .toBeGreaterThan(generation);
    return this.generation();
  }

  /** The number in the status line ("1,234 posts" → 1234). */
  async postCount(): Promise<number> {
    const text = (await this.status.textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, ''));
  }

  /** Waits for the status line to read exactly `count` posts ("1,234 posts" or "1234 posts"). */
  async expectPostCount(count: number, timeout?: number): Promise<void> {
    const noun = count === 1 ? 'post' : 'posts';
    const numbers = [...new Set([count.toLocaleString('en-US'), String(count)])];
    await expect(this.status).toHaveText(
      new RegExp(`^\\s*(${numbers.join('|')}) ${noun}\\s*$`),
      timeout === undefined ? {} : { timeout },
    );
  }

  /** Types a search and waits for it to reach the address (the app's record of its state). */
  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await this.waitForResultsOf(text);
  }

  /**
   * Waits for the app's signal that the rows on screen answer the search `text` (the address
   * changes as one types; the rows only when the answer has arrived and is drawn).
   */
  async waitForResultsOf(text: string): Promise<void> {
    await expect(this.page.locator('html')).toHaveAttribute('data-results-query', text);
  }

  /** Clicks "Theme" until the page is in `theme`. */
  async setTheme(theme: 'light' | 'dark'): Promise<void> {
    const html = this.page.locator('html');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if ((await html.getAttribute('data-theme')) === theme) return;
      await this.themeButton.click();
    }
    await expect(html).toHaveAttribute('data-theme', theme);
  }
}
