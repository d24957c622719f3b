// @vitest-environment jsdom
import '../test/setup-dom';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '@shared/query';
import { readSource } from '../test/read-source';
import { timelineRows } from '../state/timeline-rows';
import { makePost, summary } from '../test/fake-reader-api';
import { AreaChipList } from './area-chip-list';
import { ESTIMATED_HEADING_HEIGHT, ESTIMATED_ROW_HEIGHT, Timeline } from './timeline';

const appCss = await readSource('styles/app.css');

/** The declarations of the rule whose selector list is exactly `selector`, or `null`. */
function rule(css: string, selector: string): string | null {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of withoutComments.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (match[1]!.trim() === selector) return match[2]!;
  }
  return null;
}

/** Every selector in the stylesheet that mentions `fragment`. */
function selectorsMentioning(css: string, fragment: string): string[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...withoutComments.matchAll(/([^{}]+)\{/g)]
    .flatMap((match) => match[1]!.split(','))
    .map((selector) => selector.trim())
    .filter((selector) => selector.includes(fragment));
}

function pixels(declarations: string | null, property: string): number | null {
  const match = new RegExp(`(?:^|;|\\s)${property}\\s*:\\s*(\\d+(?:\\.\\d+)?)px`).exec(
    declarations ?? '',
  );
  return match ? Number(match[1]) : null;
}

function entry(index: number): TimelineEntry {
  return summary(
    makePost({
      id: `p${index}.md`,
      title: `Post ${index}`,
      date: '2024-05-01',
      areas: index === 1 ? ['Trade', 'Health', 'Energy', 'Climate', 'Digital Identity'] : ['Trade'],
    }),
  );
}

function renderTimeline(options: {
  loaded: boolean;
  selectedId?: string | null;
  openId?: string | null;
}) {
  const total = 5;
  const pages = new Map<number, readonly TimelineEntry[]>();
  if (options.loaded)
    pages.set(
      0,
      Array.from({ length: total }, (_, index) => entry(index)),
    );
  const rows = timelineRows(total, pages, [{ month: '2024-05', count: total }]);
  return render(
    <Timeline
      rows={rows}
      onShowRows={() => {}}
      selectedId={options.selectedId ?? null}
      openId={options.openId ?? null}
      readIds={new Set()}
      selectedAreas={[]}
      onOpen={() => {}}
      onSelectArea={() => {}}
      scrollToIndex={null}
    />,
  );
}

describe('timeline placeholders', () => {
  it('draws rows whose page has not arrived as placeholders with the class the CSS sizes', () => {
    renderTimeline({ loaded: false });
    const items = within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item).toHaveAttribute('aria-busy', 'true');
      expect(item.querySelector('.timeline-row.timeline-row--placeholder')).not.toBeNull();
    }
    // The first row also carries its month heading, which the CSS sizes too.
    expect(items[0]!.querySelector('.month-heading')).not.toBeNull();
  });

  it('sizes a placeholder exactly as the row estimate, and a month heading as its estimate', () => {
    // A bare selector: `.timeline-row.is-open .timeline-row--placeholder` matched nothing, so
    // placeholders were some 60 px tall against a 92 px estimate and every page arriving moved
    // the rows on screen.
    expect(pixels(rule(appCss, '.timeline-row--placeholder'), 'height')).toBe(ESTIMATED_ROW_HEIGHT);
    expect(pixels(rule(appCss, '.month-heading'), 'height')).toBe(ESTIMATED_HEADING_HEIGHT);
    expect(selectorsMentioning(appCss, 'timeline-row--placeholder')).toEqual([
      '.timeline-row--placeholder',
      '.timeline-row--placeholder:hover',
    ]);
  });
});

describe('open post and keyboard selection', () => {
  it('marks the open row and the selected row with their own classes', () => {
    renderTimeline({ loaded: true, openId: 'p0.md', selectedId: 'p2.md' });
    const open = document.querySelector('[data-post-id="p0.md"] .timeline-row')!;
    const selected = document.querySelector('[data-post-id="p2.md"] .timeline-row')!;
    expect(open).toHaveClass('is-open');
    expect(open).not.toHaveClass('is-selected');
    expect(selected).toHaveClass('is-selected');
    expect(selected).not.toHaveClass('is-open');
    expect(screen.getByRole('listitem', { current: true })).toHaveAttribute(
      'data-post-id',
      'p2.md',
    );
  });

  it('styles the open row and the keyboard selection differently', () => {
    const open = rule(appCss, '.timeline-row.is-open');
    const selected = rule(appCss, '.timeline-row.is-selected:not(.is-open)');
    expect(open).toMatch(/background:/);
    expect(selected).toMatch(/box-shadow:/);
    expect(selected).not.toEqual(open);
    // Nothing styles `.timeline-row__title` twice (an accent colour used to be overridden).
    expect(
      selectorsMentioning(appCss, '.timeline-row__title').filter(
        (selector) => selector === '.timeline-row__title',
      ),
    ).toHaveLength(1);
  });
});

describe('"+N" on a row', () => {
  it('says the hidden areas in words for a screen reader, "+N" on screen', () => {
    renderTimeline({ loaded: true });
    const row = screen.getByRole('listitem', { name: /^Post 1,/ });
    const more = row.querySelector('.area-chips__more')!;
    expect(more.querySelector('[aria-hidden="true"]')).toHaveTextContent(/^\+2$/);
    expect(within(row).getByText('and 2 more areas: Climate, Digital Identity')).toHaveClass(
      'visually-hidden',
    );
    expect(within(row).getAllByRole('button')).toHaveLength(3);
  });

  it('uses the singular for one hidden area', () => {
    render(
      <AreaChipList areas={['A', 'B', 'C', 'D']} selected={[]} onSelect={() => {}} limit={3} />,
    );
    expect(screen.getByText('and 1 more area: D')).toBeInTheDocument();
  });
});
