import { describe, expect, it } from 'vitest';
import { classifyImageSource, classifyLink, postSanitizeSchema } from './sanitize-schema';

describe('classifyLink', () => {
  it.each([
    ['https://example.org/a', { kind: 'external', url: 'https://example.org/a' }],
    ['HTTP://EXAMPLE.ORG', { kind: 'external', url: 'HTTP://EXAMPLE.ORG' }],
    ['mailto:press@example.org', { kind: 'external', url: 'mailto:press@example.org' }],
    ['//example.org/x', { kind: 'external', url: 'https://example.org/x' }],
    ['#key-objectives', { kind: 'fragment', fragment: 'key-objectives' }],
    ['/media/press-releases/other/', { kind: 'path', path: '/media/press-releases/other/' }],
    ['../other/', { kind: 'path', path: '../other/' }],
  ] as const)('follows %j as %o', (href, expected) => {
    expect(classifyLink(href)).toEqual(expected);
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'vbscript:x',
    'data:text/html,x',
    'file:///etc/passwd',
    '',
    '/\\evil.example',
  ])('blocks %j', (href) => {
    expect(classifyLink(href).kind).toBe('blocked');
  });
});

describe('classifyImageSource', () => {
  it('loads relative and site-root images locally', () => {
    expect(classifyImageSource('images/a.png')).toEqual({ kind: 'local', src: 'images/a.png' });
    expect(classifyImageSource('/images/a.png')).toEqual({ kind: 'local', src: '/images/a.png' });
  });

  it.each([
    'https://x.example/a.png',
    'http://x.example/a.png',
    '//x.example/a.png',
    'data:image/png;base64,AA',
    ' \tHTTPS://x.example/a.png',
  ])('treats %j as remote (never fetched)', (src) => {
    expect(classifyImageSource(src).kind).toBe('remote');
  });

  it('reports a missing source', () => {
    expect(classifyImageSource(undefined)).toEqual({ kind: 'none' });
  });
});

describe('postSanitizeSchema', () => {
  it('allows only http, https and mailto links and only http(s) image sources', () => {
    expect(postSanitizeSchema.protocols).toEqual({
      href: ['http', 'https', 'mailto'],
      src: ['http', 'https'],
    });
  });

  it('strips (not unwraps) script, style, SVG and MathML so their text cannot leak', () => {
    expect(postSanitizeSchema.strip).toEqual(
      expect.arrayContaining(['script', 'style', 'svg', 'math']),
    );
    expect(postSanitizeSchema.tagNames).not.toContain('script');
  });
});
