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

/**
 * Cooperation areas as small buttons; a click filters the timeline by that area. Deliberately
 * not a list: inside a timeline row, nested list items would pass for extra timeline rows.
 */
export function AreaChipList({ areas, selected, onSelect, limit, explain }: AreaChipListProps) {
  const shown = limit === undefined ? areas : areas.slice(0, limit);
  const hidden = areas.length - shown.length;
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
      {hidden > 0 && (
        <span className="area-chips__more" title={areas.slice(shown.length).join(', ')}>
          +{hidden}
        </span>
      )}
    </span>
  );
}
