/** How many area chips a timeline row shows before "+N". */
export const VISIBLE_ROW_AREAS = 3;

export interface AreaChipListProps {
  readonly areas: readonly string[];
  /** Areas currently filtered on, shown pressed. */
  readonly selected: readonly string[];
  readonly onSelect: (area: string) => void;
  /** Show at most this many, then "+N" (all when omitted). */
  readonly limit?: number;
  /** Tooltip explaining each area (where it came from). */
  readonly explain?: (area: string) => string | undefined;
}

/** "and 2 more areas: X, Y": what "+2" stands for, in words. */
export function describeMoreAreas(more: readonly string[]): string {
  const noun = more.length === 1 ? 'area' : 'areas';
  return `and ${more.length} more ${noun}: ${more.join(', ')}`;
}

/**
 * Cooperation areas as small buttons; a click filters the timeline by that area. Deliberately
 * not a list: inside a timeline row, nested list items would pass for extra timeline rows.
 */
export function AreaChipList({ areas, selected, onSelect, limit, explain }: AreaChipListProps) {
  const shown = limit === undefined ? areas : areas.slice(0, limit);
  const more = areas.slice(shown.length);
  return (
    <span className="area-chips">
      {shown.map((area) => {
        const explanation = explain?.(area);
        return (
          <span key={area} className="area-chips__item">
            <button
              type="button"
              className="area-chip"
              aria-pressed={selected.includes(area)}
              title={explanation ?? `Show posts about ${area}`}
              aria-description={explanation}
              onClick={(event) => {
                event.stopPropagation();
                onSelect(area);
              }}
            >
              {area}
            </button>
          </span>
        );
      })}
      {more.length > 0 && (
        // "+2" on screen; the words, with the names, for a screen reader (a tooltip is neither
        // announced nor reachable by touch).
        <span className="area-chips__more" title={more.join(', ')}>
          <span aria-hidden="true">+{more.length}</span>
          <span className="visually-hidden">{describeMoreAreas(more)}</span>
        </span>
      )}
    </span>
  );
}
