import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAreaAliases } from './area-aliases';
import type { ParseOutcome } from './parse-contract';
import { parsePostFile } from './parse-post';

const aliases = loadAreaAliases();
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every outcome must be a well-formed skip or a post the rest of the app can rely on. */
function expectValidOutcome(outcome: ParseOutcome, relativePath: string): void {
  if (outcome.kind === 'skipped') {
    expect(outcome.reason.length).toBeGreaterThan(0);
    return;
  }
  const { post, text } = outcome;
  expect(post.id).toBe(relativePath);
  expect(typeof post.title).toBe('string');
  expect(post.title.length).toBeGreaterThan(0);
  expect(post.title.length).toBeLessThanOrEqual(300);
  if (post.date !== null) expect(post.date).toMatch(ISO_DATE);
  expect(['post', 'link', 'file']).toContain(post.layout);
  expect(post.areas).toEqual(post.areaDetails.map((area) => area.name));
  expect(new Set(post.areas.map((name) => name.toLowerCase())).size).toBe(post.areas.length);
  expect(Number.isInteger(post.readingMinutes) && post.readingMinutes >= 0).toBe(true);
  expect(typeof text).toBe('string');
  for (const warning of post.warnings) {
    expect(warning).not.toContain('\n');
    // The last-resort fallback hides parser bugs from users; here it must never be needed.
    expect(warning).not.toMatch(/^could not be fully read/);
  }
  // Plain JSON data only: it crosses IPC and HTTP.
  expect(JSON.parse(JSON.stringify(post))).toEqual(post);
}

const frontMatterish = fc
  .tuple(
    fc.constantFrom('---\n', '---js\n', '---\r\n', '\uFEFF---\n', '', '--- \n', '---yaml\n'),
    fc.array(
      fc.oneof(
        fc.constantFrom(
          'title: ',
          'date: ',
          'tags: [',
          'areas:\n  - ',
          'published: false\n',
          'layout: link\n',
          '&a ',
          '*a',
          '!!binary ',
          '? ',
          '"',
          "'",
          '>\n  ',
          '---\n',
          '...\n',
          '\n',
          '{% raw %}',
          '{{',
          '<ul><li><strong>',
          '</strong>: ',
          '- **',
          '**: ',
          '2024-02-30',
          '2022-02-01 09:30:00 +0800',
        ),
        fc.string({ maxLength: 20 }),
        fc.string({ unit: 'grapheme', maxLength: 10 }),
      ),
      { maxLength: 30 },
    ),
  )
  .map(([opening, parts]) => opening + parts.join(''));

describe('parsePostFile never throws', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2_000 }),
        fc.constantFrom('a.md', 'x/_posts/b.html'),
        (bytes, path) => {
          expectValidOutcome(
            parsePostFile({ relativePath: path, bytes, mtimeMs: 0 }, aliases),
            path,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on text with front-matter-like prefixes, Markdown, HTML and Liquid fragments', () => {
    fc.assert(
      fc.property(
        frontMatterish,
        fc.constantFrom('a.md', '_posts/2024-11-20-x.md', 'p/_posts/c.html'),
        (text, path) => {
          const bytes = new TextEncoder().encode(text);
          expectValidOutcome(
            parsePostFile({ relativePath: path, bytes, mtimeMs: 0 }, aliases),
            path,
          );
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
