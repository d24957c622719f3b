import type { IndexedDocument } from './search-contract';
import { seededRandom } from '../seeded-random';

/**
 * Deterministic, realistic-enough documents for tests and measurements of the search index.
 * Words follow a Zipf distribution over a vocabulary of press-release words followed by
 * generated pseudo-words, as in real text: a few words appear in every post, most in few. Some
 * accented and CJK words are mixed in so the tokenizer's slower paths (folding, bigrams) run in
 * the proportion a real folder would make them run.
 */

/** Most frequent first: function words, then the vocabulary of cooperation agreements. */
const PRESS_WORDS = (
  'the of and to in for with on by as at is are will be this that between both parties ' +
  'cooperation agreement singapore ministry minister digital development information trade ' +
  'partnership arrangement collaboration memorandum understanding european union investment ' +
  'security safety artificial intelligence research innovation technology framework signed ' +
  'bilateral economic growth support promote strengthen establish enhance advance shared ' +
  'evaluations standardisation activities benchmarks testing exchange joint multilateral ' +
  'climate energy transition maritime health education culture tourism finance data privacy ' +
  'cyber resilience supply chains commitment regional global leaders summit meeting statement ' +
  'announced welcomed discussed infrastructure sustainable green transport aviation ' +
  'semiconductors quantum talent skills workforce'
).split(' ');

/** Pseudo-words after the press vocabulary; with them the vocabulary is about 20,000 words. */
const GENERATED_WORD_COUNT = 20_000;
const ZIPF_EXPONENT = 1;
const SYLLABLES = (
  'ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu ' +
  'na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za'
).split(' ');

const ACCENTED_WORDS = [
  'café',
  'Zürich',
  'coopération',
  'développement',
  'São',
  'Paulo',
  'Kraków',
  'Besançon',
  'naïve',
  'Øresund',
];

const CJK_WORDS = ['人工智能', '合作', '新加坡', '欧盟', '安全', '数字经济', 'デジタル', '협력'];

const AREAS = [
  'Information Exchange',
  'Joint Testing and Evaluations',
  'Development of Tools and Benchmarks',
  'Standardisation Activities',
  'AI Safety Research',
  'Trade and Investment',
  'Climate and Energy',
  'Digital Economy',
];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** The ranked vocabulary (most frequent first) that documents are drawn from. */
export function createSyntheticVocabulary(seed = 1): string[] {
  const random = seededRandom(seed);
  const words = new Set(PRESS_WORDS);
  while (words.size < PRESS_WORDS.length + GENERATED_WORD_COUNT) {
    const syllables = 2 + Math.floor(random() * 3);
    let generated = '';
    for (let i = 0; i < syllables; i += 1) generated += pick(SYLLABLES, random);
    words.add(generated);
  }
  return [...words];
}

/** Draws ranks with probability proportional to 1 / rank^s, by binary search over the CDF. */
function createZipfSampler(size: number, random: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank += 1) {
    total += 1 / (rank + 1) ** ZIPF_EXPONENT;
    cumulative[rank] = total;
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/** `count` documents of about `textLength` characters of body each, ids `post-0`, `post-1`… */
export function generateSyntheticDocuments(
  count: number,
  { seed = 42, textLength = 4096 }: { readonly seed?: number; readonly textLength?: number } = {},
): IndexedDocument[] {
  const random = seededRandom(seed);
  const vocabulary = createSyntheticVocabulary();
  const nextRank = createZipfSampler(vocabulary.length, random);
  const word = (): string => {
    const roll = random();
    if (roll < 0.005) return pick(CJK_WORDS, random);
    if (roll < 0.015) return pick(ACCENTED_WORDS, random);
    return vocabulary[nextRank()] as string;
  };
  const sentence = (words: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < words; i += 1) parts.push(word());
    const text = parts.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1) + '.';
  };

  const documents: IndexedDocument[] = [];
  for (let i = 0; i < count; i += 1) {
    const sentences: string[] = [];
    let length = 0;
    while (length < textLength) {
      const next = sentence(8 + Math.floor(random() * 16));
      sentences.push(next);
      length += next.length + 1;
    }
    const areas = [pick(AREAS, random)];
    if (random() < 0.5) areas.push(pick(AREAS, random));
    documents.push({
      id: `post-${i}`,
      title: sentence(6 + Math.floor(random() * 6)),
      description: random() < 0.5 ? sentence(12) : '',
      areas,
      text: sentences.join(' '),
    });
  }
  return documents;
}
