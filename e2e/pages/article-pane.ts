import type { Locator, Page } from '@playwright/test';
import { startsWith } from './locators';

/** The article pane: one `<article>` with the open post. */
export class ArticlePane {
  readonly root: Locator;
  readonly title: Locator;
  readonly date: Locator;
  readonly previous: Locator;
  readonly next: Locator;
  readonly printToPdf: Locator;
  readonly exportDigest: Locator;
  readonly copyLink: Locator;
  readonly openOriginal: Locator;
  /** Shown in place of the article when its file disappears. */
  readonly deletedNotice: Locator;

  constructor(page: Page) {
    this.root = page.locator('article').first();
    this.title = this.root.getByRole('heading', { level: 1 });
    this.date = this.root.locator('time').first();
    this.previous = page.getByRole('button', { name: 'Previous post' });
    this.next = page.getByRole('button', { name: 'Next post' });
    this.printToPdf = page.getByRole('button', { name: 'Print to PDF' });
    this.exportDigest = page.getByRole('button', { name: 'Export digest' });
    this.copyLink = page.getByRole('button', { name: 'Copy link' });
    this.openOriginal = page
      .getByRole('link', { name: 'Open original' })
      .or(page.getByRole('button', { name: 'Open original' }));
    this.deletedNotice = page.getByText('This post was deleted');
  }

  /** The area chip (a button) whose accessible name starts with `name`. */
  areaChip(name: string): Locator {
    return this.root.getByRole('button', { name: startsWith(name) });
  }
}
