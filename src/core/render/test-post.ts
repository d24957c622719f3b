import type { Post } from '@shared/post';
import { plainTextReason } from '../post/body-complexity';

/**
 * A complete `Post` for render tests; override what the test is about. Its `plainTextReason` is
 * what the core decides for its body, as for every post the library hands out.
 */
export function makePost(overrides: Partial<Post> = {}): Post {
  const post: Post = {
    id: 'media/press-releases/_posts/2024-11-20-ai-safety.md',
    path: 'media/press-releases/_posts/2024-11-20-ai-safety.md',
    title: 'Singapore and the European Union Agree to Strengthen Collaboration on AI Safety',
    date: '2024-11-20',
    areas: ['Information Exchange', 'Standardisation Activities'],
    category: 'press-releases',
    permalink: '/singapore-and-the-european-union-agree-to-strengthen-collaboration-on-ai-safety/',
    layout: 'post',
    external: null,
    description: '',
    warnings: [],
    readingMinutes: 3,
    body: '<p><strong>Singapore, 20 November 2024</strong> – Singapore and the EU…</p>',
    areaDetails: [],
    image: null,
    variant: 'tiptap',
    mtimeMs: 0,
    plainTextReason: null,
    ...overrides,
  };
  return 'plainTextReason' in overrides
    ? post
    : { ...post, plainTextReason: plainTextReason(post.body) };
}
