import type { Locator, Page } from '@playwright/test';
import { escapeRegExp } from './locators';

/** The filters pane: cooperation areas (with Any/All), categories and a date range. */
export class FiltersPane {
  readonly areas: Locator;
  readonly categories: Locator;
  readonly any: Locator;
  readonly all: Locator;
  readonly from: Locator;
  readonly to: Locator;
  /** The pane's "Clear filters" button (the empty state may show another one). */
  readonly clear: Locator;

  constructor(private readonly page: Page) {
    this.areas = page.getByRole('group', { name: 'Cooperation areas' });
    this.categories = page.getByRole('group', { name: 'Categories' });
    this.any = page.getByRole('radio', { name: 'Any', exact: true });
    this.all = page.getByRole('radio', { name: 'All', exact: true });
    this.from = page.getByLabel('From', { exact: true });
    this.to = page.getByLabel('To', { exact: true });
    this.clear = page.getByRole('button', { name: 'Clear filters' }).first();
  }

  /** The checkbox of one area: its accessible name is the area name, then its count. */
  area(name: string): Locator {
    return this.areas.getByRole('checkbox', { name: countedName(name) });
  }

  /** The checkbox of one category. */
  category(name: string): Locator {
    return this.categories.getByRole('checkbox', { name: countedName(name) });
  }

  /** The count shown with an area: how many posts a click would show. */
  async areaCount(name: string): Promise<number> {
    return countFromName(await accessibleName(this.area(name)), name);
  }

  /** Every area's name and count, as the pane lists them. */
  async areaCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const box of await this.areas.getByRole('checkbox').all()) {
      const match = /^\s*(.*?)\s*\(?([\d,]+)\)?\s*$/.exec(await accessibleName(box));
      if (match?.[1]) counts.set(match[1], Number((match[2] ?? '0').replaceAll(',', '')));
    }
    return counts;
  }
}

/** The area's name followed by its count, so "AI Safety" never matches "AI Safety Research". */
function countedName(name: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(name)}\\s*\\(?[\\d,]+\\)?`);
}

/** The accessible name as the browser computes it, read from Playwright's ARIA snapshot. */
async function accessibleName(locator: Locator): Promise<string> {
  const snapshot = await locator.ariaSnapshot();
  const match = /^- \w+ "((?:[^"\\]|\\.)*)"/.exec(snapshot.trim());
  return match?.[1] ?? '';
}

function countFromName(text: string, name: string): number {
  const rest = text.replace(/\s+/g, ' ').trim().slice(name.length);
  const match = /([\d,]+)/.exec(rest);
  if (!match?.[1]) throw new Error(`e2e: no count in the name of area "${name}": "${text}"`);
  return Number(match[1].replaceAll(',', ''));
}
