import type { IsoDate, PostLayout } from '@shared/post';
import { readCalendarDate } from './calendar-date';
import { collapseWhitespace as collapse } from './collapse-whitespace';
import type { FrontMatter } from './read-front-matter';

/** Titles longer than this are cut (with a warning): no real headline is this long. */
export const MAX_TITLE_LENGTH = 300;

const LAYOUTS: ReadonlySet<string> = new Set<PostLayout>(['post', 'link', 'file']);

/**
 * Reads Jekyll/Isomer fields from front matter, tolerating whatever type each field turned out
 * to be and collecting a short warning for each value it had to ignore.
 */
export class FrontMatterFields {
  readonly warnings: string[] = [];

  constructor(private readonly frontMatter: FrontMatter | null) {}

  /** `title`, whitespace collapsed, cut to {@link MAX_TITLE_LENGTH}; `null` if absent/unusable. */
  title(): string | null {
    const title = this.text('title');
    return title === null ? null : this.limitTitle(title, 'title');
  }

  /** Cuts an over-long title from any source, with a warning. */
  limitTitle(title: string, from: string): string {
    if (title.length <= MAX_TITLE_LENGTH) return title;
    this.warnings.push(`${from} is longer than ${MAX_TITLE_LENGTH} characters; shortened`);
    return `${title.slice(0, MAX_TITLE_LENGTH - 1).trimEnd()}…`;
  }

  /**
   * `date` as written (the calendar day in the text, whatever time zone follows). Returns
   * `undefined` when absent, `null` when present but unreadable or impossible (warned).
   */
  date(): IsoDate | null | undefined {
    if (!this.has('date')) return undefined;
    const written = this.text('date');
    if (written === null) return null;
    const reading = readCalendarDate(written);
    if (reading.kind === 'date') return reading.date;
    this.warnings.push(
      reading.kind === 'impossible'
        ? `date "${clip(written)}" is not a real calendar date`
        : `date "${clip(written)}" is not a date this reader understands`,
    );
    return null;
  }

  /** `layout`: `post`, `link` or `file`; anything else (or nothing) is an ordinary post. */
  layout(): PostLayout {
    const layout = this.quiet('layout')?.toLowerCase();
    return layout !== undefined && LAYOUTS.has(layout) ? (layout as PostLayout) : 'post';
  }

  /** The address a link or file post points to (`external`, `file_url`). */
  external(layout: PostLayout): string | null {
    if (layout === 'link') return this.quiet('external') ?? this.quiet('file_url') ?? null;
    if (layout === 'file') return this.quiet('file_url') ?? this.quiet('external') ?? null;
    return null;
  }

  permalink(): string | null {
    return this.quiet('permalink') ?? null;
  }

  /** `description`, folded lines and runs of spaces collapsed; empty when absent. */
  description(): string {
    return this.quiet('description') ?? '';
  }

  image(): string | null {
    return this.quiet('image') ?? null;
  }

  variant(): string | null {
    return this.quiet('variant') ?? null;
  }

  /** `category`, else the first of `categories` (a list, or a comma-separated string). */
  category(): string | null {
    return this.quiet('category') ?? this.list('categories')[0] ?? null;
  }

  /** `published: false`: Jekyll would hide the post; the reader shows it, with a warning. */
  checkPublished(): void {
    const published = this.frontMatter?.values.get('published');
    if (
      published === false ||
      (typeof published === 'string' && /^(?:false|no|off)$/i.test(published.trim()))
    ) {
      this.warnings.push('marked unpublished (published: false); shown anyway');
    }
  }

  /** A list field's non-empty entries: YAML list items, or a comma-separated string. */
  list(key: string): string[] {
    const value = this.frontMatter?.values.get(key);
    const entries = Array.isArray(value)
      ? value
      : typeof value === 'string'
        ? value.split(',')
        : [value];
    const items: string[] = [];
    for (const entry of entries) {
      if (typeof entry === 'string' || typeof entry === 'number') {
        const item = collapse(String(entry));
        if (item !== '') items.push(item);
      }
    }
    return items;
  }

  private has(key: string): boolean {
    return this.frontMatter?.values.has(key) ?? false;
  }

  /** A scalar field as text, warning when it is present but not usable as text. */
  private text(key: string): string | null {
    if (!this.has(key)) return null;
    const value = this.frontMatter?.values.get(key);
    const problem = valueProblem(value);
    if (problem !== null) {
      this.warnings.push(`${key} is ${problem}; ignored`);
      return null;
    }
    const text = collapse(this.scalarSource(key, value));
    if (text === '') {
      this.warnings.push(`${key} is empty; ignored`);
      return null;
    }
    return text;
  }

  /** A scalar field as text without warnings (optional fields that are often left blank). */
  private quiet(key: string): string | undefined {
    const value = this.frontMatter?.values.get(key);
    if (valueProblem(value) !== null) return undefined;
    const text = collapse(this.scalarSource(key, value));
    return text === '' ? undefined : text;
  }

  /** Numbers and booleans as written (`1.50` stays "1.50"); strings as parsed. */
  private scalarSource(key: string, value: unknown): string {
    if (typeof value === 'string') return value;
    return this.frontMatter?.sources.get(key) ?? String(value);
  }
}

function valueProblem(value: unknown): string | null {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  return null;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
