/**
 * Removes Liquid from a post body: `{{ output }}` and `{% tag %}` vanish, `{% comment %}` blocks
 * vanish with their contents, and `{% raw %}…{% endraw %}` keeps its contents literally (that is
 * what Jekyll would show). An unclosed `{{` or `{%` is left as text. Linear time.
 */
export function stripLiquid(source: string): string {
  if (!source.includes('{%') && !source.includes('{{')) return source;
  let output = '';
  let position = 0;
  while (position < source.length) {
    const start = nextLiquidStart(source, position);
    if (start === -1) break;
    output += source.slice(position, start);
    const isTag = source.startsWith('{%', start);
    const close = source.indexOf(isTag ? '%}' : '}}', start + 2);
    if (close === -1) {
      position = start;
      break;
    }
    position = close + 2;
    if (!isTag) continue;
    const tagName = /^-?\s*(\w+)/.exec(source.slice(start + 2, close))?.[1];
    if (tagName === 'raw' || tagName === 'comment') {
      const end = findEndTag(source, `end${tagName}`, position);
      if (end === null) break; // Unclosed block: Jekyll would fail; show nothing more of it.
      if (tagName === 'raw') output += source.slice(position, end.start);
      position = end.end;
    }
  }
  return position < source.length ? output + source.slice(position) : output;
}

function nextLiquidStart(source: string, from: number): number {
  const tag = source.indexOf('{%', from);
  const output = source.indexOf('{{', from);
  if (tag === -1) return output;
  if (output === -1) return tag;
  return Math.min(tag, output);
}

function findEndTag(
  source: string,
  name: string,
  from: number,
): { start: number; end: number } | null {
  const pattern = new RegExp(String.raw`\{%-?\s*${name}\s*-?%\}`, 'g');
  pattern.lastIndex = from;
  const match = pattern.exec(source);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}
