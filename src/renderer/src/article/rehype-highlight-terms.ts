import type { Element, ElementContent, Root, Text } from 'hast';
import { findTermRanges } from '../text/fold-text';

/** Elements whose text is not prose (or not shown), so never highlighted. */
const SKIPPED = new Set(['script', 'style', 'textarea', 'title', 'template', 'mark']);

export interface HighlightTermsOptions {
  /** Index terms from `QueryResult.terms` (already folded by the index). */
  readonly terms: readonly string[];
}

function splitText(node: Text, terms: readonly string[]): ElementContent[] | null {
  const ranges = findTermRanges(node.value, terms);
  if (ranges.length === 0) return null;
  const pieces: ElementContent[] = [];
  let cursor = 0;
  for (const { start, end } of ranges) {
    if (start > cursor) pieces.push({ type: 'text', value: node.value.slice(cursor, start) });
    pieces.push({
      type: 'element',
      tagName: 'mark',
      properties: {},
      children: [{ type: 'text', value: node.value.slice(start, end) }],
    });
    cursor = end;
  }
  if (cursor < node.value.length) pieces.push({ type: 'text', value: node.value.slice(cursor) });
  return pieces;
}

/**
 * Wraps the current search terms in `<mark>` wherever they start a word in the body's text,
 * folding case and diacritics the way the index does. Runs before rehype-sanitize, which keeps
 * `mark`, so the sanitizer still has the last word on the tree.
 */
export function rehypeHighlightTerms(options: HighlightTermsOptions) {
  const terms = options.terms;
  return (tree: Root) => {
    if (terms.length === 0) return;
    const visit = (node: Root | Element) => {
      const next: (typeof node.children)[number][] = [];
      let changed = false;
      for (const child of node.children) {
        if (child.type === 'text') {
          const pieces = splitText(child, terms);
          if (pieces) {
            next.push(...pieces);
            changed = true;
            continue;
          }
        } else if (child.type === 'element' && !SKIPPED.has(child.tagName)) {
          visit(child);
        }
        next.push(child);
      }
      if (changed) node.children = next as typeof node.children;
    };
    visit(tree);
  };
}
