import type { Snippet } from '@shared/query';

/** A search snippet with its matched ranges in `<mark>`. */
export function SnippetText({ snippet }: { snippet: Snippet }) {
  const pieces: React.ReactNode[] = [];
  let cursor = 0;
  const ranges = [...snippet.ranges]
    .filter((range) => range.end > range.start)
    .sort((a, b) => a.start - b.start);
  for (const range of ranges) {
    const start = Math.max(range.start, cursor);
    if (start >= range.end) continue;
    if (start > cursor) pieces.push(snippet.text.slice(cursor, start));
    pieces.push(<mark key={start}>{snippet.text.slice(start, range.end)}</mark>);
    cursor = range.end;
  }
  if (cursor < snippet.text.length) pieces.push(snippet.text.slice(cursor));
  return <p className="timeline-row__snippet">{pieces}</p>;
}
