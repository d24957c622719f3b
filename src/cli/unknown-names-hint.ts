/**
 * The hint for `--area` / `--category` values that no post in the folder has: an empty result
 * alone does not tell a typo from a filter that simply matches nothing.
 */
import type { PostFilter } from '@shared/query';
import type { LibraryService } from '../core/library-service';

/** What the person typed, for the hint to quote back. */
export interface TypedNames {
  readonly area?: readonly string[];
  readonly category?: readonly string[];
}

function quoteList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(' or ');
}

/**
 * One line (with its newline) naming the given areas and categories that no post has, or `''`.
 * `filter` holds the normalised names, in the order `typed` gave them. Names are compared
 * ignoring letter case, as the library matches them.
 */
export async function unknownNamesHint(
  library: LibraryService,
  typed: TypedNames,
  filter: PostFilter,
): Promise<string> {
  const areas = filter.areas ?? [];
  const categories = filter.categories ?? [];
  if (areas.length === 0 && categories.length === 0) return '';
  // Unfiltered, the facets list every area and category in the folder (and the library keeps
  // this answer ready, so asking costs next to nothing).
  const everything = await library.query({});
  const known = (facets: readonly { name: string }[]) =>
    new Set(facets.map((facet) => facet.name.toLowerCase()));
  const unknown = (
    names: readonly string[],
    typedNames: readonly string[] | undefined,
    knownNames: ReadonlySet<string>,
  ) => [
    ...new Set(
      names.flatMap((name, index) =>
        knownNames.has(name.toLowerCase()) ? [] : [typedNames?.[index] ?? name],
      ),
    ),
  ];
  const parts: string[] = [];
  const unknownAreas = unknown(areas, typed.area, known(everything.areas));
  if (unknownAreas.length > 0) parts.push(`no area named ${quoteList(unknownAreas)}`);
  const unknownCategories = unknown(categories, typed.category, known(everything.categories));
  if (unknownCategories.length > 0) {
    parts.push(`no category named ${quoteList(unknownCategories)}`);
  }
  return parts.length === 0 ? '' : `accord: ${parts.join(', ')}; see accord areas\n`;
}
