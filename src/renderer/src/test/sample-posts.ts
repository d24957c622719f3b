import { makePost } from './fake-reader-api';

/** A small folder: two months of 2024, one post in 2023, one undated. */
export function samplePosts() {
  return [
    makePost({
      id: 'press/2024-11-20-ai-safety.md',
      title: 'Singapore and the European Union Agree to Strengthen Collaboration on AI Safety',
      date: '2024-11-20',
      permalink: '/singapore-eu-ai-safety/',
      category: 'Press Releases',
      areas: [
        'Information Exchange',
        'AI Safety Research',
        'Joint Testing and Evaluations',
        'Standardisation Activities',
      ],
      areaDetails: [
        {
          name: 'Information Exchange',
          source: {
            kind: 'body',
            sentence: 'a. Information Exchange: Sharing expertise of information.',
          },
        },
        { name: 'AI Safety Research', source: { kind: 'front-matter', field: 'areas' } },
        { name: 'Joint Testing and Evaluations', source: { kind: 'front-matter', field: 'areas' } },
        { name: 'Standardisation Activities', source: { kind: 'front-matter', field: 'areas' } },
      ],
      readingMinutes: 3,
      description: 'An administrative arrangement on AI safety.',
      body: '<p><strong>Singapore, 20 November 2024</strong> – Singapore and the EU formalised their collaboration on Artificial Intelligence safety.</p>\n\nSee [the earlier post](/digital-partnership/) and [the EU site](https://europa.eu/x).',
    }),
    makePost({
      id: 'press/2024-11-02-digital-trade.md',
      title: 'Digital Trade Agreement Concluded',
      date: '2024-11-02',
      category: 'Press Releases',
      areas: ['Information Exchange'],
      body: 'The digital trade agreement was concluded.',
    }),
    makePost({
      id: 'press/2024-09-15-partnership.md',
      title: 'Digital Partnership Reaffirmed',
      date: '2024-09-15',
      permalink: '/digital-partnership/',
      category: 'Speeches',
      areas: ['AI Safety Research'],
      body: 'Ministers reaffirmed the partnership.',
    }),
    makePost({
      id: 'press/2023-05-01-cyber.md',
      title: 'Cybersecurity Memorandum Signed',
      date: '2023-05-01',
      category: 'Press Releases',
      areas: [],
      body: 'A memorandum on cybersecurity.',
    }),
    makePost({
      id: 'press/undated-note.md',
      title: 'Background Note on Cooperation',
      date: null,
      layout: 'link',
      external: 'https://example.org/background.pdf',
      body: '',
    }),
  ];
}
