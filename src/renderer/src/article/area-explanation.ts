import type { AreaSource, PostArea } from '@shared/post';

const MAX_SENTENCE = 240;

/** Why a post is tagged with an area, in words: "From the body: a. Information Exchange: …". */
export function explainAreaSource(source: AreaSource): string {
  if (source.kind === 'front-matter') return `From front matter: ${source.field}`;
  const sentence = source.sentence.replace(/\s+/g, ' ').trim();
  const shown =
    sentence.length > MAX_SENTENCE ? `${sentence.slice(0, MAX_SENTENCE - 1).trimEnd()}…` : sentence;
  return `From the body: ${shown}`;
}

/** A lookup from area name to its explanation, for the chips of one post. */
export function areaExplainer(details: readonly PostArea[]): (area: string) => string | undefined {
  const byName = new Map(details.map((detail) => [detail.name, explainAreaSource(detail.source)]));
  return (area) => byName.get(area);
}
