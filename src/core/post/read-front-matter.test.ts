import { describe, expect, it } from 'vitest';
import { readFrontMatter } from './read-front-matter';

describe('readFrontMatter', () => {
  it('reads fields with the YAML 1.2 core schema: dates stay strings, numbers keep their source', () => {
    const { frontMatter, warnings } = readFrontMatter(
      'title: 1.50\ndate: 2024-11-20\npublished: false\n',
    );
    expect(warnings).toEqual([]);
    expect(frontMatter?.values.get('date')).toBe('2024-11-20');
    expect(frontMatter?.values.get('title')).toBe(1.5);
    expect(frontMatter?.sources.get('title')).toBe('1.50');
    expect(frontMatter?.values.get('published')).toBe(false);
  });

  it('reports invalid YAML as a one-line warning', () => {
    const { frontMatter, warnings } = readFrontMatter('title: [unclosed\n');
    expect(frontMatter).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^front matter is not valid YAML: [^\n]+$/);
  });

  it('warns about a list or a lone value instead of fields', () => {
    expect(readFrontMatter('- a\n- b\n')).toEqual({
      frontMatter: null,
      warnings: ['front matter is not a set of "key: value" fields (found a list); ignored'],
    });
    expect(readFrontMatter('just words\n').warnings[0]).toContain('found a single value');
  });

  it('keeps the last of duplicate keys, with a warning', () => {
    const { frontMatter, warnings } = readFrontMatter('title: A\ntitle: B\n');
    expect(frontMatter?.values.get('title')).toBe('B');
    expect(warnings).toEqual(['front matter repeats "title"; the last value is used']);
  });

  it('does not decode !!binary or custom tags: warns and keeps plain text', () => {
    const { frontMatter, warnings } = readFrontMatter(
      'image: !!binary aGVsbG8=\nx: !python/object foo\n',
    );
    expect(frontMatter?.values.get('image')).toBe('aGVsbG8=');
    expect(warnings).toEqual([
      'front matter uses an unsupported tag (!!binary); its value is read as plain text',
      'front matter uses an unsupported tag (!python/object); its value is read as plain text',
    ]);
  });

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const next = String.fromCharCode(97 + level);
      bomb.push(`${next}: &${next} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const { frontMatter, warnings } = readFrontMatter(bomb.join('\n'));
    expect(frontMatter).toBeNull();
    expect(warnings[0]).toMatch(/^front matter could not be read: /);
  });

  it('treats an empty block as no fields', () => {
    expect(readFrontMatter('\n').frontMatter?.values.size).toBe(0);
    expect(readFrontMatter('# only a comment\n').frontMatter?.values.size).toBe(0);
  });
});
