/**
 * A rehype step both post renderers run right after the sanitizer (the reader's `post-body.tsx`
 * and the print renderer's `post-body-html.ts`): it fails the run when the element tree is deeper
 * than a limit, measured without recursion, before anything that recurses walks it.
 */
import type { Element, Root } from 'hast';

/**
 * Deepest element tree handed on. Rendering recurses per level (hast to JSX and React's commit;
 * the HTML stringifier) and overflows the stack between 1,000 and 2,000 levels. The core keeps
 * formatted bodies far shallower (`core/post/body-complexity.ts`); this catches what its scan
 * could not foresee, and the caller falls back to plain text.
 */
export const MAX_TREE_DEPTH = 1000;

/** The rehype plugin: throws `the body nests more than N levels deep` past `limit`. */
export function rehypeLimitDepth(limit: number = MAX_TREE_DEPTH) {
  return (tree: Root): void => {
    const pending: { node: Root | Element; depth: number }[] = [{ node: tree, depth: 0 }];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (next.depth > limit) throw new Error(`the body nests more than ${limit} levels deep`);
      for (const child of next.node.children) {
        if (child.type === 'element') pending.push({ node: child, depth: next.depth + 1 });
      }
    }
  };
}
