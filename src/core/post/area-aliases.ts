import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../resource-paths';
import { areaKey, cleanAreaName } from './area-names';
import type { AreaAliases } from './parse-contract';

/** The shipped alias table, next to the sample posts. */
export function shippedAliasesFile(): string {
  return join(resourcesDir(), 'area-aliases.json');
}

let shippedTable: ReadonlyMap<string, string> | undefined;

/**
 * The shipped alias table (`resources/area-aliases.json`) merged with a user's extra file, whose
 * entries win. Both are JSON objects of `"alias": "Canonical Name"`. Every canonical name also
 * maps to itself, so differently-cased spellings ("cybersecurity") settle on the table's
 * spelling; names the table does not know settle on one spelling by `tidyAreaCase`.
 *
 * @throws Error with a one-line message starting `areas:` if a file is missing or malformed.
 */
export function loadAreaAliases(extraFile?: string): AreaAliases {
  shippedTable ??= readAliasFile(shippedAliasesFile());
  const table = new Map(shippedTable);
  if (extraFile !== undefined) {
    const extra = readAliasFile(extraFile);
    for (const [alias, canonical] of extra) table.set(alias, canonical);
    // A user's canonical spelling replaces a shipped alias of the same letters.
    for (const canonical of extra.values()) table.set(canonical.toLowerCase(), canonical);
  }
  return table;
}

/** Parses and validates one alias file into key → canonical (plus canonical → itself). */
function readAliasFile(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`areas: cannot read the alias file ${file}${code ? ` (${code})` : ''}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`areas: the alias file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(
      `areas: the alias file ${file} must be a JSON object of "alias": "area name" pairs`,
    );
  }
  const table = new Map<string, string>();
  const canonicalNames: string[] = [];
  for (const [alias, value] of Object.entries(parsed)) {
    const canonical = typeof value === 'string' ? cleanAreaName(value) : '';
    if (canonical === '') {
      throw new Error(
        `areas: in the alias file ${file}, "${alias}" must map to a non-empty area name`,
      );
    }
    const key = areaKey(alias);
    if (key !== '') table.set(key, canonical);
    canonicalNames.push(canonical);
  }
  for (const canonical of canonicalNames) {
    const key = canonical.toLowerCase();
    if (!table.has(key)) table.set(key, canonical);
  }
  return table;
}
