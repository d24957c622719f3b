/**
 * Several files claiming one permalink (a copy left next to the original, an old draft): the
 * reader lists one, the most recently modified, and `accord check` reports the rest.
 */
import type { DuplicatePermalink } from './library-service';
import { normalizePermalink } from './permalink';

export interface PermalinkClaim {
  readonly id: string;
  readonly permalink: string | null;
  readonly mtimeMs: number;
}

export interface DuplicateResolution {
  /** Normalised permalink → the id that keeps it. */
  readonly byPermalink: Map<string, string>;
  /** Ids hidden because another file won their permalink. */
  readonly hidden: Set<string>;
  /** One entry per contested permalink, sorted by permalink. */
  readonly duplicates: DuplicatePermalink[];
}

/** Newer wins; on a tie the smaller id wins, so the answer never depends on scan order. */
function beats(a: PermalinkClaim, b: PermalinkClaim): boolean {
  return a.mtimeMs !== b.mtimeMs ? a.mtimeMs > b.mtimeMs : a.id < b.id;
}

/** Decides which post keeps each permalink. */
export function resolveDuplicates(claims: Iterable<PermalinkClaim>): DuplicateResolution {
  const groups = new Map<string, PermalinkClaim[]>();
  for (const claim of claims) {
    const key = claim.permalink === null ? null : normalizePermalink(claim.permalink);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(claim);
    else groups.set(key, [claim]);
  }
  const byPermalink = new Map<string, string>();
  const hidden = new Set<string>();
  const duplicates: DuplicatePermalink[] = [];
  for (const [permalink, group] of groups) {
    let kept = group[0]!;
    for (const claim of group) if (beats(claim, kept)) kept = claim;
    byPermalink.set(permalink, kept.id);
    if (group.length === 1) continue;
    const ignored = group
      .filter((claim) => claim !== kept)
      .map((claim) => claim.id)
      .sort();
    for (const id of ignored) hidden.add(id);
    duplicates.push({ permalink, kept: kept.id, ignored });
  }
  duplicates.sort((a, b) => (a.permalink < b.permalink ? -1 : a.permalink > b.permalink ? 1 : 0));
  return { byPermalink, hidden, duplicates };
}
