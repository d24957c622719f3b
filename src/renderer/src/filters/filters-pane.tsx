import { useId } from 'react';
import type { AreaMatch, FacetCount, PostFilter } from '@shared/query';
import { isFilterActive } from '../state/reader-location';

export interface FiltersPaneProps {
  readonly filter: PostFilter;
  /** Facet counts under the other active filters (from `QueryResult`). */
  readonly areas: readonly FacetCount[];
  readonly categories: readonly FacetCount[];
  /** No answer yet: the facets are unknown, not empty. */
  readonly loading: boolean;
  readonly onChange: (filter: PostFilter) => void;
  readonly onClear: () => void;
  /**
   * Whether to offer "Clear filters" here. The app turns it off while the timeline's own
   * "No posts match" notice shows the same button, so there is only ever one.
   */
  readonly offerClear: boolean;
}

/**
 * How many filters the pane holds: each area, each category, and the date range as one. The
 * search is not counted: it is always in view, in the header.
 */
export function countActiveFilters(filter: PostFilter): number {
  return (
    (filter.areas?.length ?? 0) +
    (filter.categories?.length ?? 0) +
    (filter.from || filter.to ? 1 : 0)
  );
}

function toggle(list: readonly string[] | undefined, name: string): string[] {
  const current = list ?? [];
  return current.includes(name) ? current.filter((item) => item !== name) : [...current, name];
}

/** Facets with every selected name present, even one the other filters brought down to 0. */
function withSelected(facets: readonly FacetCount[], selected: readonly string[]): FacetCount[] {
  const names = new Set(facets.map((facet) => facet.name));
  return [
    ...facets,
    ...selected.filter((name) => !names.has(name)).map((name) => ({ name, count: 0 })),
  ];
}

function FacetGroup({
  legend,
  facets,
  selected,
  loading,
  onToggle,
}: {
  legend: string;
  facets: readonly FacetCount[];
  selected: readonly string[];
  loading: boolean;
  onToggle: (name: string) => void;
}) {
  const shown = withSelected(facets, selected);
  return (
    <fieldset className="facet-group">
      <legend>{legend}</legend>
      {shown.length === 0 ? (
        <p className="facet-group__empty">{loading ? 'Loading…' : 'None'}</p>
      ) : (
        <ul className="facet-list">
          {shown.map((facet) => (
            <li key={facet.name}>
              <label className={facet.count === 0 ? 'facet is-empty' : 'facet'}>
                <input
                  type="checkbox"
                  checked={selected.includes(facet.name)}
                  onChange={() => onToggle(facet.name)}
                />
                <span className="facet__name">{facet.name}</span>{' '}
                <span className="facet__count">{facet.count.toLocaleString('en')}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** Cooperation areas (with Any/All), categories and a date range, each with live counts. */
export function FiltersPane({
  filter,
  areas,
  categories,
  loading,
  onChange,
  onClear,
  offerClear,
}: FiltersPaneProps) {
  const matchLabel = useId();
  const match: AreaMatch = filter.match ?? 'any';
  const setMatch = (next: AreaMatch) => onChange({ ...filter, match: next });

  return (
    <div className="filters">
      <FacetGroup
        legend="Cooperation areas"
        facets={areas}
        selected={filter.areas ?? []}
        loading={loading}
        onToggle={(name) => onChange({ ...filter, areas: toggle(filter.areas, name) })}
      />
      <div className="match-switch" role="radiogroup" aria-labelledby={matchLabel}>
        <span id={matchLabel} className="match-switch__label">
          Match
        </span>
        {(['any', 'all'] as const).map((value) => (
          <label key={value} className="match-switch__option">
            <input
              type="radio"
              name="area-match"
              value={value}
              checked={match === value}
              onChange={() => setMatch(value)}
            />
            {value === 'any' ? 'Any' : 'All'}
          </label>
        ))}
      </div>
      <FacetGroup
        legend="Categories"
        facets={categories}
        selected={filter.categories ?? []}
        loading={loading}
        onToggle={(name) => onChange({ ...filter, categories: toggle(filter.categories, name) })}
      />
      <fieldset className="facet-group date-range">
        <legend>Dates</legend>
        <label>
          From
          <input
            type="date"
            value={filter.from ?? ''}
            max={filter.to}
            onChange={(event) => onChange({ ...filter, from: event.target.value || undefined })}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={filter.to ?? ''}
            min={filter.from}
            onChange={(event) => onChange({ ...filter, to: event.target.value || undefined })}
          />
        </label>
      </fieldset>
      {offerClear && isFilterActive(filter) && (
        <button type="button" className="button clear-filters" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
