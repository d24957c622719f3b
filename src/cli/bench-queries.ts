/**
 * The benchmark's search workload, shared by `bench.ts` and anyone profiling search: 200 mixed
 * queries (1–3 words, prefixes, typos, common and rare words, accented and CJK words), a third
 * of them with an area and a date range. Deterministic: the same list on every run.
 */
import type { PostFilter } from '@shared/query';
import { seededRandom } from '../core/seeded-random';
import { ACCENTED_WORDS, AREAS, CJK_WORDS, COMMON_WORDS, rareWord } from './bench-corpus';

const SEARCH_SAMPLES = 200;

/** 200 mixed queries: 1–3 words, prefixes, typos, common and rare words, some with filters. */
export function benchmarkQueries(): PostFilter[] {
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const typo = (word: string) => {
    const at = 1 + Math.floor(random() * (word.length - 2));
    return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  };
  const queries: PostFilter[] = [];
  for (let index = 0; index < SEARCH_SAMPLES; index++) {
    let query: string;
    switch (index % 8) {
      case 0:
        query = pick(COMMON_WORDS);
        break;
      case 1:
        query = `${pick(COMMON_WORDS)} ${pick(COMMON_WORDS)}`;
        break;
      case 2:
        query = `${pick(COMMON_WORDS)} ${pick(COMMON_WORDS)} ${pick(COMMON_WORDS)}`;
        break;
      case 3:
        query = pick(COMMON_WORDS).slice(0, 4);
        break;
      case 4:
        query = typo(pick(COMMON_WORDS.filter((word) => word.length >= 6)));
        break;
      case 5:
        query = rareWord(Math.floor(random() * 5000));
        break;
      case 6:
        query = pick([...ACCENTED_WORDS, ...CJK_WORDS]);
        break;
      default:
        query = `${pick(COMMON_WORDS)} ${rareWord(Math.floor(random() * 5000)).slice(0, 5)}`;
    }
    const withFilter = index % 3 === 0;
    queries.push({
      query,
      ...(withFilter ? { areas: [pick(AREAS)], from: '2018-01-01', to: '2024-12-31' } : {}),
    });
  }
  return queries;
}
