import type { AreaSource, PostArea } from '@shared/post';
import { collapseWhitespace } from './collapse-whitespace';
import type { AreaAliases } from './parse-contract';

/** Names longer than this are sentences in bold, not cooperation areas. */
export const MAX_AREA_NAME_LENGTH = 100;

const LEADING_PUNCTUATION = /^[\s\-–—•*]+/;
const TRAILING_PUNCTUATION = new Set([' ', '.', ',', ';', ':', '!', '?', '-', '–', '—']);

/** Trims, collapses whitespace and drops leading bullets and trailing punctuation. */
export function cleanAreaName(raw: string): string {
  const name = collapseWhitespace(raw).replace(LEADING_PUNCTUATION, '');
  // A loop, not /[…]+$/: that regex is quadratic on long runs of punctuation mid-string.
  let end = name.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(name[end - 1] ?? '')) end -= 1;
  return name.slice(0, end);
}

/** The alias table's key for a name: cleaned and lower-cased. */
export function areaKey(name: string): string {
  return cleanAreaName(name).toLowerCase();
}

/**
 * The canonical name for an area as written: cleaned, then looked up (case-insensitively) in the
 * alias table; an alias of an alias is followed a few steps. `null` if nothing usable is left.
 */
export function canonicalAreaName(raw: string, aliases: AreaAliases): string | null {
  // Longer text cannot become a name; skipping it early bounds the work on hostile input.
  if (raw.length > MAX_AREA_NAME_LENGTH * 10) return null;
  let name = cleanAreaName(raw);
  if (name === '' || name.length > MAX_AREA_NAME_LENGTH || !/[\p{L}\p{N}]/u.test(name)) return null;
  for (let step = 0; step < 4; step += 1) {
    const canonical = aliases.get(name.toLowerCase());
    if (canonical === undefined || canonical === name) break;
    name = canonical;
  }
  return name;
}

/**
 * Collects a post's areas in order: canonical names, first occurrence wins (compared
 * case-insensitively), each with where it came from.
 */
export class AreaCollector {
  readonly #seen = new Set<string>();
  readonly #areas: PostArea[] = [];

  constructor(private readonly aliases: AreaAliases) {}

  add(raw: string, source: AreaSource): void {
    const name = canonicalAreaName(raw, this.aliases);
    if (name === null) return;
    const key = name.toLowerCase();
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#areas.push({ name, source });
  }

  get areas(): readonly PostArea[] {
    return this.#areas;
  }
}
