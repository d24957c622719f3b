/**
 * A file cut into its front matter block and body. Jekyll's rule: the file must start with a
 * `---` line; the block ends at the next `---` (or YAML's `...`) line.
 */
export type FrontMatterSplit =
  /** No front matter: the whole text is the body. */
  | { readonly kind: 'none'; readonly body: string }
  | { readonly kind: 'yaml'; readonly yaml: string; readonly body: string }
  /** `---js`, `---coffee`…: executable front matter, never run. Body is what follows the block. */
  | { readonly kind: 'foreign'; readonly language: string; readonly body: string }
  /** Opened with `---` but never closed: the whole text is the body. */
  | { readonly kind: 'unclosed'; readonly body: string };

const OPENING_FENCE = /^---([A-Za-z]*)[ \t]*(?:\n|$)/;
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/gm;
const YAML_LANGUAGES = new Set(['', 'yaml', 'yml']);

/** Splits text (already `\n`-normalised, BOM removed) into front matter and body. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const opening = OPENING_FENCE.exec(text);
  if (!opening) return { kind: 'none', body: text };
  const language = (opening[1] ?? '').toLowerCase();
  const start = opening[0].length;
  CLOSING_FENCE.lastIndex = start;
  // The opening line may end the file ("---" alone): then nothing can close it.
  const closing = opening[0].endsWith('\n') ? CLOSING_FENCE.exec(text) : null;
  if (!closing) return { kind: 'unclosed', body: text };
  const end = closing.index + closing[0].length;
  const body = text.slice(text[end] === '\n' ? end + 1 : end);
  if (!YAML_LANGUAGES.has(language)) return { kind: 'foreign', language, body };
  return { kind: 'yaml', yaml: text.slice(start, closing.index), body };
}
