import type { Element, Root, RootContent } from 'hast';

const DEMOTED: Record<string, string> = { h1: 'h2', h2: 'h3', h3: 'h4', h4: 'h5', h5: 'h6' };

/**
 * Moves every heading in a post body one level down (h1 → h2 … h5 → h6), because the article's
 * title is its only `h1`: many press releases repeat the title as a heading in the body.
 */
export function rehypeDemoteHeadings() {
  return (tree: Root) => {
    const visit = (node: Root | Element) => {
      for (const child of node.children as RootContent[]) {
        if (child.type !== 'element') continue;
        const demoted = DEMOTED[child.tagName];
        if (demoted) child.tagName = demoted;
        visit(child);
      }
    };
    visit(tree);
  };
}
