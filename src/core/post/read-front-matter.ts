import { isMap, isScalar, parseDocument } from 'yaml';
import { readSimpleFrontMatter } from './read-simple-front-matter';

/** Top-level front matter fields, as plain values (nested mappings are `Map`s). */
export interface FrontMatter {
  readonly values: ReadonlyMap<string, unknown>;
  /**
   * The source text of each top-level number or boolean, so `title: 1.50` stays "1.50" rather
   * than the number 1.5.
   */
  readonly sources: ReadonlyMap<string, string>;
}

export interface FrontMatterReading {
  /** `null` when the block is unusable (invalid YAML, not a mapping). */
  readonly frontMatter: FrontMatter | null;
  readonly warnings: readonly string[];
}

// Anchors and aliases are legal YAML, but "billion laughs" documents expand aliases
// exponentially; a post needs none, so a small budget is plenty.
const MAX_ALIAS_COUNT = 50;

const EMPTY: FrontMatter = { values: new Map(), sources: new Map() };

/**
 * Reads a YAML 1.2 front matter block safely: the core schema only (strings, numbers, booleans,
 * null, lists, mappings; no `Date`, no `!!binary`, no custom tags, nothing executed), bounded alias
 * expansion, and every problem reported as a warning instead of an exception.
 */
export function readFrontMatter(yamlText: string): FrontMatterReading {
  const simple = readSimpleFrontMatter(yamlText);
  return simple !== null ? { frontMatter: simple, warnings: [] } : readYamlFrontMatter(yamlText);
}

/** {@link readFrontMatter} without the fast path: always the `yaml` package. */
export function readYamlFrontMatter(yamlText: string): FrontMatterReading {
  if (yamlText.trim() === '') return { frontMatter: EMPTY, warnings: [] };
  const warnings: string[] = [];
  const document = parseDocument(yamlText, {
    version: '1.2',
    schema: 'core',
    customTags: [],
    // Without this the core schema still resolves YAML 1.1's !!binary, !!set, !!timestamp…
    resolveKnownTags: false,
    // Duplicates are reported below as a warning rather than failing the whole block.
    uniqueKeys: false,
    prettyErrors: false,
  });
  const [firstError] = document.errors;
  if (firstError) {
    return {
      frontMatter: null,
      warnings: [`front matter is not valid YAML: ${firstLine(firstError.message)}`],
    };
  }
  for (const warning of document.warnings) {
    const message =
      unsupportedTagWarning(warning.message) ?? `front matter: ${firstLine(warning.message)}`;
    if (!warnings.includes(message)) warnings.push(message);
  }

  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return { frontMatter: EMPTY, warnings };
  }
  if (!isMap(contents)) {
    const found = isScalar(contents) ? 'a single value' : 'a list';
    warnings.push(`front matter is not a set of "key: value" fields (found ${found}); ignored`);
    return { frontMatter: null, warnings };
  }

  let plain: unknown;
  try {
    plain = document.toJS({ mapAsMap: true, maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    warnings.push(`front matter could not be read: ${firstLine(errorMessage(error))}`);
    return { frontMatter: null, warnings };
  }
  const values = new Map<string, unknown>();
  if (plain instanceof Map) {
    for (const [key, value] of plain) values.set(String(key), value);
  }

  const sources = new Map<string, string>();
  const seen = new Set<string>();
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (seen.has(key)) {
      const message = `front matter repeats "${key}"; the last value is used`;
      if (!warnings.includes(message)) warnings.push(message);
    }
    seen.add(key);
    const scalar = isScalar(pair.value) ? pair.value.value : undefined;
    if (isScalar(pair.value) && scalar !== null && typeof scalar !== 'string') {
      sources.set(key, pair.value.source ?? String(scalar));
    } else {
      sources.delete(key);
    }
  }
  return { frontMatter: { values, sources }, warnings };
}

function unsupportedTagWarning(message: string): string | null {
  const match = /^Unresolved tag: (\S+)/.exec(message);
  if (!match) return null;
  const tag = (match[1] ?? '').replace(/^tag:yaml\.org,2002:/, '!!');
  return `front matter uses an unsupported tag (${tag}); its value is read as plain text`;
}

function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
