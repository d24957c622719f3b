/**
 * A deterministic synthetic posts folder for the benchmark, shaped like the bundled sample: an
 * Isomer site with `_posts` folders, YAML front matter, ~4 KB HTML bodies with numbered
 * paragraphs, areas either in the front matter or as `a. <strong>Name</strong>:` paragraphs
 * (about half the posts each way), and some accented and CJK words.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '../core/seeded-random';

export const COUNTRIES = [
  'Valdoria',
  'Estravia',
  'Marenne',
  'Tesmar',
  'Northern Isles',
  'Singapore',
  'the European Union',
  'Korvath',
];
export const AREAS = [
  'Artificial Intelligence',
  'Cybersecurity',
  'Digital Trade',
  'Quantum Computing',
  'Online Safety',
  'Semiconductors',
  'Digital Identity',
  'Data Protection',
  'Standardisation Activities',
  'Research and Innovation',
];
const TOPICS = [
  'quantum research',
  'AI safety',
  'digital trade',
  'online safety',
  'semiconductor supply chains',
  'digital identities',
  'data flows',
  'cyber resilience',
];
export const COMMON_WORDS =
  'cooperation agreement memorandum partnership ministry minister digital development information technology innovation framework research sharing expertise evaluation safety trust security exchange governance economic bilateral network institute government agencies stakeholders ecosystem deployment capabilities standards interoperability resilience programme initiative strengthen collaboration joint signed arrangement parties support trustworthy responsible advanced'.split(
    ' ',
  );
export const ACCENTED_WORDS = ['coopération', 'Zürich', 'São Paulo', 'naïve', 'Málaga', 'Ångström'];
export const CJK_WORDS = ['人工智能', '合作协议', '数字经济', '網絡安全', 'デジタル'];
const SYLLABLES = [
  'ka',
  'lo',
  'ven',
  'dri',
  'mar',
  'sel',
  'tho',
  'quin',
  'bra',
  'zel',
  'ori',
  'fen',
];

/** Invented names, each appearing in only a handful of posts: the benchmark's rare words. */
export function rareWord(index: number): string {
  let word = '';
  let n = index + 7;
  for (let part = 0; part < 3; part++) {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length) + part * 5;
  }
  return `${word}${index % 97}`;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function sentence(random: () => number, postIndex: number): string {
  const length = 12 + Math.floor(random() * 14);
  const words: string[] = [];
  for (let index = 0; index < length; index++) {
    const roll = random();
    if (roll < 0.02) words.push(pick(random, ACCENTED_WORDS));
    else if (roll < 0.03) words.push(pick(random, CJK_WORDS));
    else if (roll < 0.05) words.push(rareWord((postIndex * 7 + index) % 5000));
    else words.push(pick(random, COMMON_WORDS));
  }
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function isoDate(random: () => number): string {
  const year = 2015 + Math.floor(random() * 11);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The text of post number `index`. */
export function syntheticPost(index: number, random: () => number): { path: string; text: string } {
  const first = pick(random, COUNTRIES);
  let second = pick(random, COUNTRIES);
  if (second === first) second = COUNTRIES[(COUNTRIES.indexOf(first) + 1) % COUNTRIES.length]!;
  const topic = pick(random, TOPICS);
  const title = `${first} and ${second} agree to strengthen cooperation on ${topic} ${index}`;
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const date = isoDate(random);
  const areas = [...new Set([pick(random, AREAS), pick(random, AREAS), pick(random, AREAS)])].slice(
    0,
    1 + Math.floor(random() * 3),
  );
  const areasInFrontMatter = index % 4 === 0;
  const areasInBody = index % 4 === 1;
  const front = [
    '---',
    `title: ${title}`,
    `permalink: /${slug}/`,
    `date: ${date}`,
    'layout: post',
    'description: ""',
    'image: ""',
    'variant: tiptap',
    ...(areasInFrontMatter ? ['areas:', ...areas.map((area) => `  - ${area}`)] : []),
    '---',
  ];
  const paragraphs = [`<p><strong>${title}</strong>\n</p>`];
  paragraphs.push(
    `<p><strong>${first}, ${date}</strong> – ${sentence(random, index)} ${sentence(random, index)}</p>`,
  );
  let number = 2;
  while (paragraphs.join('\n').length < 3400) {
    paragraphs.push(
      `<p>${number++}. ${sentence(random, index)} ${sentence(random, index)} ${sentence(random, index)}</p>`,
    );
  }
  if (areasInBody) {
    paragraphs.push(`<p>${number}. Key areas of cooperation include:</p>`);
    areas.forEach((area, position) => {
      paragraphs.push(
        `<p>${String.fromCharCode(97 + position)}. <strong>${area}</strong>: ${sentence(random, index)}</p>`,
      );
    });
  }
  const section = ['press-releases', 'speeches', 'factsheets'][index % 3]!;
  return {
    path: `media/${section}/_posts/${date}-${slug}.md`,
    text: `${front.join('\n')}\n${paragraphs.join('\n')}\n`,
  };
}

/** Writes `count` posts below `folder`; returns their relative paths. */
export async function writeSyntheticCorpus(
  folder: string,
  count: number,
  seed = 20241120,
): Promise<string[]> {
  const random = seededRandom(seed);
  const paths: string[] = [];
  const created = new Set<string>();
  for (let index = 0; index < count; index += 200) {
    const batch = Array.from({ length: Math.min(200, count - index) }, (_, offset) =>
      syntheticPost(index + offset, random),
    );
    for (const post of batch) {
      const directory = join(folder, post.path, '..');
      if (!created.has(directory)) {
        await mkdir(directory, { recursive: true });
        created.add(directory);
      }
    }
    await Promise.all(batch.map((post) => writeFile(join(folder, post.path), post.text)));
    paths.push(...batch.map((post) => post.path));
  }
  return paths;
}
