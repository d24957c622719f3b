import type { FrontMatter } from './read-front-matter';

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const DOUBLE_QUOTED = /^"[^"\\]*"$/;
const SINGLE_QUOTED = /^'[^']*'$/;
/** A block sequence item: its indentation (spaces only) and what follows `- `. */
const LIST_ITEM = /^( *)- (.*)$/;
/** Characters that give a plain scalar's first position a YAML meaning. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`']);
/** Plain scalars the YAML 1.2 core schema resolves to null, booleans or numbers. */
const CORE_SCHEMA_SPECIAL =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** The list being read: the key it belongs to, its items, and the indentation they share. */
interface OpenList {
  readonly key: string;
  readonly items: string[];
  indent: string | null;
}

/**
 * A fast path for the front matter nearly every post has: one `key: value` per line, values
 * plain text or simply quoted strings, and lists of such strings written one `- item` per line
 * under their key (`areas:` / `  - Digital Trade`). Returns what the `yaml` package would return
 * for such a block, or `null` as soon as anything else appears (flow lists, nesting, escapes,
 * comments after values, numbers, booleans, duplicates, empty items…) so the full parser handles
 * it. It exists because the full parser costs 60–300 µs per post, a third of the whole parse or
 * more; a quarter of a typical folder's posts list their areas or tags.
 */
export function readSimpleFrontMatter(yamlText: string): FrontMatter | null {
  const values = new Map<string, unknown>();
  // Only a key written with nothing after its colon can own the list lines that follow it.
  let list: OpenList | null = null;
  for (const line of yamlText.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (line.includes('\t')) return null;
    const item = LIST_ITEM.exec(line);
    if (item !== null) {
      if (list === null) return null;
      const [, indent = '', written = ''] = item;
      if (list.indent === null) list.indent = indent;
      else if (list.indent !== indent) return null;
      const value = scalarValue(written.trim());
      if (typeof value !== 'string') return null;
      list.items.push(value);
      continue;
    }
    if (list !== null && list.items.length > 0) values.set(list.key, list.items);
    list = null;
    const colon = line.indexOf(':');
    if (colon === -1) return null;
    const key = line.slice(0, colon);
    const rest = line.slice(colon + 1);
    if (!KEY.test(key) || values.has(key) || (rest !== '' && rest[0] !== ' ')) return null;
    const written = rest.trim();
    const value = scalarValue(written);
    if (value === undefined) return null;
    values.set(key, value);
    if (value === null) list = { key, items: [], indent: null };
  }
  if (list !== null && list.items.length > 0) values.set(list.key, list.items);
  // Only numbers and booleans need their source text, and this path accepts neither.
  return { values, sources: new Map() };
}

/** The string or null a simple scalar stands for; `undefined` when it is not simple. */
function scalarValue(written: string): string | null | undefined {
  if (written === '') return null;
  const first = written[0] ?? '';
  if (first === '"') return DOUBLE_QUOTED.test(written) ? written.slice(1, -1) : undefined;
  if (first === "'") return SINGLE_QUOTED.test(written) ? written.slice(1, -1) : undefined;
  if (INDICATORS.has(first) || CORE_SCHEMA_SPECIAL.test(written)) return undefined;
  if (written.includes(': ') || written.includes(' #') || written.endsWith(':')) return undefined;
  return written;
}
