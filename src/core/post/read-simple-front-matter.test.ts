import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readYamlFrontMatter } from './read-front-matter';
import { readSimpleFrontMatter } from './read-simple-front-matter';

const SEED_FRONT_MATTER = `title: Singapore and the European Union Agree to Strengthen Collaboration on AI Safety
permalink: /singapore-and-the-european-union-agree-to-strengthen-collaboration-on-ai-safety/
date: 2024-11-20
layout: post
description: ""
image: ""
variant: tiptap
`;

describe('readSimpleFrontMatter', () => {
  it('reads the sample post front matter exactly as the yaml package does', () => {
    const simple = readSimpleFrontMatter(SEED_FRONT_MATTER);
    expect(simple).not.toBeNull();
    expect(simple).toEqual(readYamlFrontMatter(SEED_FRONT_MATTER).frontMatter);
  });

  it('reads lists of plain strings under a key, as the yaml package does', () => {
    const yaml = `${SEED_FRONT_MATTER}areas:\n  - Digital Trade\n\n  - "Cyber Security"\ntags:\n- AI\n`;
    const simple = readSimpleFrontMatter(yaml);
    expect(simple?.values.get('areas')).toEqual(['Digital Trade', 'Cyber Security']);
    expect(simple?.values.get('tags')).toEqual(['AI']);
    expect(simple).toEqual(readYamlFrontMatter(yaml).frontMatter);
  });

  it.each([
    'tags: [a, b]',
    'tags:\n  - 2024',
    'tags:\n  - a\n    - b',
    'tags:\n  - a: b',
    'tags:\n  -',
    'tags:\n  - - a',
    'title: x\n  - a',
    '- a',
    'tags:\n  - a\ntags:\n  - b',
    'published: false',
    'title: 2024',
    'title: "escaped \\" quote"',
    'title: a: b',
    'title: x # comment',
    'title: &anchor x',
    'title: !!binary aGk=',
    'title: >\n  folded',
    'title: a\ntitle: b',
    '"quoted key": x',
    'title:\tx',
  ])('leaves %j to the full parser', (yaml) => {
    expect(readSimpleFrontMatter(yaml)).toBeNull();
  });

  it('agrees with the yaml package on every block it accepts', () => {
    const key = fc.constantFrom('title', 'date', 'layout', 'description', 'x_y', 'a-b');
    const value = fc.oneof(
      fc.constantFrom(
        '',
        '""',
        "''",
        '2024-11-20',
        '2022-02-01 09:30:00 +0800',
        'C# and F#',
        "Minister's visit",
        '1.5x',
        '~x',
      ),
      fc.constantFrom(
        'null',
        'True',
        '0x1F',
        '.5',
        '-3',
        '+.inf',
        '.NaN',
        '1e5',
        '12:30',
        'a #b',
        '"a"b"',
        "'it''s'",
      ),
      fc.string({ maxLength: 12 }),
    );
    const line = fc
      .tuple(key, fc.constantFrom(': ', ':', ':  '), value)
      .map((parts) => parts.join(''));
    const listItem = fc
      .tuple(fc.constantFrom('', '  ', '    '), fc.constantFrom('- ', '-  ', '-'), value)
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(line, listItem, listItem, fc.constantFrom('', '# note', 'areas:')), {
          maxLength: 8,
        }),
        (lines) => {
          const yaml = lines.join('\n');
          const simple = readSimpleFrontMatter(yaml);
          if (simple !== null) expect(simple).toEqual(readYamlFrontMatter(yaml).frontMatter);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
