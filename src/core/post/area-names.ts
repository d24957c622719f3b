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

/** Joining words left lower-case inside a title-cased name ("Trade and Investment"). */
const MINOR_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
  'via',
  'with',
]);

/** ALL-CAPS words this short stay capitals even in a shouted name: "AI", "EU", "UN". */
const MAX_SHOUTED_ACRONYM_LETTERS = 2;

/** A word: letters and digits, apostrophes inside ("Women's"); hyphens and `&` separate words. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;

/**
 * The letter case an area name outside the alias table is shown in, so that spellings differing
 * only in case ("trade", "Trade", "TRADE") settle on one name ("Trade") in every post. Posts are
 * parsed one file at a time in worker threads, so the rule looks at one name only, never at how
 * other posts spell it:
 *
 * - a name mixing capitals and small letters is kept exactly as written: its writer chose the
 *   case ("Trade", "AI Safety Research", "ASEAN cooperation", "eCommerce");
 * - a name written all in small letters, or all in capitals, says nothing about case, so it is
 *   title-cased ("smart cities", "SMART CITIES" → "Smart Cities"), joining words after the first
 *   left small ("trade and investment" → "Trade and Investment"); in an all-capitals name words
 *   of up to {@link MAX_SHOUTED_ACRONYM_LETTERS} letters stay capitals ("AI SAFETY" →
 *   "AI Safety").
 *
 * What one name cannot tell ("ict policy" → "Ict Policy" beside "ICT Policy"; "Smart cities"
 * beside "Smart Cities") is still one area: the timeline compares names ignoring letter case and
 * shows the spelling most posts use (`NameGroups` in `search/filter-posts.ts`).
 */
export function tidyAreaCase(name: string): string {
  const hasLower = LOWER.test(name);
  const hasUpper = UPPER.test(name);
  if (hasLower === hasUpper) return name; // mixed on purpose, or no letters with case at all
  let first = true;
  return name.replace(WORD, (word) => {
    const isFirst = first;
    first = false;
    const lower = word.toLowerCase();
    if (!isFirst && MINOR_WORDS.has(lower)) return lower;
    if (hasUpper && word.length <= MAX_SHOUTED_ACRONYM_LETTERS) return word;
    return lower.charAt(0).toUpperCase() + lower.slice(1);
  });
}

/**
 * The canonical name for an area as written: cleaned, then looked up (case-insensitively) in the
 * alias table, an alias of an alias followed a few steps; a name the table does not know gets
 * its letter case settled by {@link tidyAreaCase}. `null` if nothing usable is left. The command
 * line normalises `--area` values with this same function, so they match what posts say.
 */
export function canonicalAreaName(raw: string, aliases: AreaAliases): string | null {
  // Longer text cannot become a name; skipping it early bounds the work on hostile input.
  if (raw.length > MAX_AREA_NAME_LENGTH * 10) return null;
  let name = cleanAreaName(raw);
  if (name === '' || name.length > MAX_AREA_NAME_LENGTH || !/[\p{L}\p{N}]/u.test(name)) return null;
  let known = false;
  for (let step = 0; step < 4; step += 1) {
    const canonical = aliases.get(name.toLowerCase());
    if (canonical === undefined) break;
    known = true;
    if (canonical === name) break;
    name = canonical;
  }
  // The table's spelling is deliberate; only names it does not know are re-cased.
  return known ? name : tidyAreaCase(name);
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
