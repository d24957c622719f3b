/**
 * Hardening (issue 7), front matter: every malformed or hostile header still yields a readable
 * post (body shown, a sensible title), the problem is reported as a warning on the post, and
 * nothing in the header is ever executed or expanded.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Post } from '@shared/post';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAreaAliases } from './area-aliases';
import { parsePostFile } from './parse-post';

const aliases = loadAreaAliases();
const scratch = mkdtempSync(join(tmpdir(), 'accord-front-matter-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function post(text: string): Post {
  const outcome = parsePostFile(
    {
      relativePath: 'news/_posts/2024-03-04-fallback-title.md',
      bytes: new TextEncoder().encode(text),
      mtimeMs: 0,
    },
    aliases,
  );
  if (outcome.kind !== 'post') throw new Error(`expected a post, got: ${outcome.reason}`);
  return outcome.post;
}

describe('executable front matter', () => {
  const canaryFile = join(scratch, 'written-by-front-matter.txt');
  // Each payload would set a global and write a file if any part of it were evaluated.
  const payload = (language: string) =>
    `---${language}\n` +
    `(() => { globalThis.__accordPwned = '${language}'; ` +
    `require('node:fs').writeFileSync(${JSON.stringify(canaryFile)}, 'x'); ` +
    `return { title: 'Ran' }; })()\n` +
    '---\nThe body stays readable.\n';

  it.each(['js', 'javascript', 'JS', 'coffee', 'coffeescript'])(
    'never runs ---%s front matter, and says so on the post',
    (language) => {
      const result = post(payload(language));
      expect((globalThis as { __accordPwned?: unknown }).__accordPwned).toBeUndefined();
      expect(existsSync(canaryFile)).toBe(false);
      expect(result.title).not.toBe('Ran');
      expect(result.body).toBe('The body stays readable.\n');
      expect(result.warnings.join('\n')).toMatch(
        /not supported \(only YAML\); it was ignored, not run/,
      );
    },
  );
});

describe('malformed YAML front matter', () => {
  const bomb = (() => {
    const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let level = 1; level < 10; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const next = String.fromCharCode(97 + level);
      lines.push(`${next}: &${next} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    return `${lines.join('\n')}\ntitle: *j`;
  })();

  it.each([
    ['an unclosed block', '---\ntitle: Never closed\n\nThe body stays readable.', /not closed/],
    [
      'duplicate keys',
      '---\ntitle: One\ntitle: Two\n---\nThe body stays readable.',
      /repeats "title"/,
    ],
    [
      'a list instead of fields',
      '---\n- a\n- b\n---\nThe body stays readable.',
      /not a set of "key: value" fields/,
    ],
    [
      'a lone value instead of fields',
      '---\njust a string\n---\nThe body stays readable.',
      /not a set of "key: value" fields/,
    ],
    [
      'a billion-laughs alias bomb',
      `---\n${bomb}\n---\nThe body stays readable.`,
      /could not be read/,
    ],
    ['a null title', '---\ntitle: null\n---\nThe body stays readable.', /title is empty/],
    ['a ~ title', '---\ntitle: ~\n---\nThe body stays readable.', /title is empty/],
    ['a list title', '---\ntitle: [a, b]\n---\nThe body stays readable.', /title is a list/],
    ['a mapping title', '---\ntitle: {a: b}\n---\nThe body stays readable.', /title/],
    [
      'a !!binary title',
      '---\ntitle: !!binary aGVsbG8=\n---\nThe body stays readable.',
      /!!binary/,
    ],
    [
      'an impossible date',
      '---\ntitle: T\ndate: 2023-02-30\n---\nThe body stays readable.',
      /date/,
    ],
    ['a date in year 0', '---\ntitle: T\ndate: 0000-13-45\n---\nThe body stays readable.', /date/],
    [
      'tabs as indentation',
      '---\ntitle: T\n\tdate: 2024-01-01\n---\nThe body stays readable.',
      /not valid YAML/,
    ],
  ])('reads a post with %s, with a warning', (_label, text, warning) => {
    const started = performance.now();
    const result = post(text);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.body).toContain('The body stays readable.');
    expect(typeof result.title).toBe('string');
    expect(result.title.length).toBeGreaterThan(0);
    expect(result.warnings.join('\n')).toMatch(warning);
  });

  it('accepts YAML\'s "..." closer without a warning', () => {
    const result = post('---\ntitle: Dotted close\n...\nThe body stays readable.\n');
    expect(result).toMatchObject({ title: 'Dotted close', warnings: [] });
    expect(result.body).toBe('The body stays readable.\n');
  });

  it.each([
    ['a number', 'title: 2024', '2024'],
    ['a float', 'title: 1.50', '1.50'],
    ['a boolean', 'title: yes', 'yes'],
  ])('shows a title that is %s as written', (_label, line, title) => {
    expect(post(`---\n${line}\n---\nbody`).title).toBe(title);
  });

  it('shortens a 100,000-character title to something a row can show', () => {
    const result = post(`---\ntitle: ${'long '.repeat(20_000)}\n---\nbody`);
    expect(result.title.length).toBeLessThanOrEqual(300);
    expect(result.warnings).toContain('title is longer than 300 characters; shortened');
  });
});
