import { expect, type Locator, type Page } from '@playwright/test';
import { startsWith } from './locators';

/** The timeline: month headings and one row per post, newest first (best first when searching). */
export class TimelinePage {
  readonly list: Locator;
  readonly rows: Locator;
  /** Month headings such as "November 2024". */
  readonly monthHeadings: Locator;
  readonly selectedRow: Locator;
  readonly yearJump: Locator;

  constructor(private readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Timeline' });
    this.rows = this.list.getByRole('listitem');
    this.monthHeadings = page.getByRole('heading', {
      level: 2,
      name: /^(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
    });
    this.selectedRow = this.list.locator('[aria-current="true"]');
    this.yearJump = page.getByLabel('Jump to year');
  }

  /** The row whose accessible name starts with `title`. */
  row(title: string): Locator {
    return this.list.getByRole('listitem', { name: startsWith(title) });
  }

  /**
   * The row of `title`, scrolled into view. A long timeline renders only the rows near the
   * viewport, so this scrolls the list from the top, a screen at a time, until the row exists.
   */
  async reveal(title: string): Promise<Locator> {
    const row = this.row(title);
    if ((await row.count()) === 0) {
      await this.scroll('top');
      for (let screen = 0; screen < 200 && (await row.count()) === 0; screen += 1) {
        if (!(await this.scroll('down'))) break;
      }
    }
    await row.scrollIntoViewIfNeeded();
    await expect(row).toBeVisible();
    return row;
  }

  /** Opens a post in the article pane by clicking its title (a row also holds area chips). */
  async open(title: string): Promise<void> {
    const row = await this.reveal(title);
    await row.getByText(title, { exact: true }).first().click();
    await expect(this.page.locator('article h1').first()).toHaveText(title);
  }

  /** Scrolls the timeline's scroll container; resolves whether it moved (after a paint). */
  private async scroll(where: 'top' | 'down'): Promise<boolean> {
    const moved = await this.list.evaluate((list, direction) => {
      let box = list as unknown as ScrollBox | null;
      while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
      if (!box) return false;
      const before = box.scrollTop;
      box.scrollTop = direction === 'top' ? 0 : before + box.clientHeight * 0.8;
      return box.scrollTop !== before;
    }, where);
    // Let the list render the rows that came into view.
    await this.page.evaluate(() => {
      const { requestAnimationFrame: nextFrame } = globalThis as unknown as FrameClock;
      return new Promise<void>((done) => nextFrame(() => nextFrame(() => done())));
    });
    return moved;
  }

  /** The accessible names of the rows on screen, in order. */
  async rowNames(): Promise<string[]> {
    return this.rows.evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('aria-label') ?? row.textContent ?? ''),
    );
  }

  /** The snippets' highlighted words of the rows on screen. */
  marks(): Locator {
    return this.rows.locator('mark');
  }
}

/** The parts of a DOM element the scrolling code uses (this file compiles without the DOM lib). */
interface ScrollBox {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly parentElement: ScrollBox | null;
}

interface FrameClock {
  requestAnimationFrame(callback: () => void): number;
}
