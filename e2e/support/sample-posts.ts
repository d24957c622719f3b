/**
 * Posts of the bundled sample (`resources/posts/`) the journeys look for, by what a person reads
 * on screen. Counts are never listed here: specs derive them from the files or from the screen.
 */
export const SAMPLE = {
  seed: {
    id: 'media/press-releases/_posts/2024-11-20-singapore-and-the-european-union-agree-to-strengthen-collaboration-on-ai-safety.md',
    title: 'Singapore and the European Union Agree to Strengthen Collaboration on AI Safety',
    date: '2024-11-20',
    displayDate: '20 November 2024',
    areas: [
      'Information Exchange',
      'Joint Testing and Evaluations',
      'Development of Tools and Benchmarks',
      'Standardisation Activities',
      'AI Safety Research',
      'Insights on Emerging Trends',
    ],
  },
  /** Has a Chinese sentence containing 人工智能. */
  cjk: { title: 'Valdoria and the Northern Isles Strengthen Cooperation on AI Safety' },
  /** Says "café" (and "Café" in its title). */
  cafe: { title: 'Welcome Address at the Data Café on Trusted Data Sharing' },
  /** Found by the typo "evaluatons". */
  evaluations: { title: 'Address to Parliament on the National AI Evaluations Programme' },
  /** Says "standardisation" in its body. */
  standardisation: { title: 'Valdoria and Tesmar Launch Joint Quantum Research Programme' },
  /** Shows the site-root image `/images/accord-signing.png`. */
  image: {
    id: 'media/press-releases/_posts/2023-07-12-valdoria-and-estravia-sign-arrangement-on-mutual-recognition-of-digital-identities.md',
    title: 'Valdoria and Estravia Sign Arrangement on Mutual Recognition of Digital Identities',
    src: '/images/accord-signing.png',
  },
  /** An Isomer factsheet with `<details>` and a `rowspan` table. */
  isomer: { title: 'Factsheet: Implementation Timeline for the Valdoria e-Invoicing Network' },
  /** `layout: link` to an external page. */
  link: {
    title: 'Northern Isles Digital Authority Publishes Joint Statement on Online Safety',
    external: 'https://nida.example/media/joint-statement-on-online-safety/',
  },
} as const;

/** The hostile fixture (`e2e/fixtures/hostile/`). */
export const HOSTILE = {
  first: {
    title: 'Notice on a Hostile Release',
    harmless: 'The harmless sentence about tidal energy cooperation survives sanitising.',
  },
  second: {
    title: 'Second Hostile Release',
    harmless: 'Another harmless sentence about seaweed farming partnerships.',
  },
} as const;
