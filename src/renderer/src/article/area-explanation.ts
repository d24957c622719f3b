import type { AreaSource, PostArea } from '@shared/post';

const MAX_SENTENCE = 240;

/** A body sentence on one line, cut to a readable length. */
export function shortSentence(sentence: string): string {
  const flat = sentence.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_SENTENCE ? `${flat.slice(0, MAX_SENTENCE - 1).trimEnd()}…` : flat;
}

/** Why a post is tagged with an area, in words: "From the body: a. Information Exchange: …". */
export function explainAreaSource(source: AreaSource): string {
  if (source.kind === 'front-matter') return `From front matter: ${source.field}`;
  return `From the body: ${shortSentence(source.sentence)}`;
}

/** A lookup from area name to its explanation, for the chips of one post. */
export function areaExplainer(details: readonly PostArea[]): (area: string) => string | undefined {
  const byName = new Map(details.map((detail) => [detail.name, explainAreaSource(detail.source)]));
  return (area) => byName.get(area);
}

/** Each of `areas` (in the post's order) with where it came from, for those the post records. */
export function areaSources(
  areas: readonly string[],
  details: readonly PostArea[],
): { readonly name: string; readonly source: AreaSource }[] {
  const byName = new Map(details.map((detail) => [detail.name, detail.source]));
  return areas.flatMap((name) => {
    const source = byName.get(name);
    return source ? [{ name, source }] : [];
  });
}
