import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from './split-front-matter';

describe('splitFrontMatter', () => {
  it('splits a --- block from the body', () => {
    expect(splitFrontMatter('---\ntitle: A\n---\nBody\n')).toEqual({
      kind: 'yaml',
      yaml: 'title: A\n',
      body: 'Body\n',
    });
  });

  it('accepts YAML\'s "..." as the closing fence and trailing spaces on fences', () => {
    expect(splitFrontMatter('--- \ntitle: A\n... \nBody')).toEqual({
      kind: 'yaml',
      yaml: 'title: A\n',
      body: 'Body',
    });
  });

  it('reads an empty block and a block that ends the file', () => {
    expect(splitFrontMatter('---\n---\n')).toEqual({ kind: 'yaml', yaml: '', body: '' });
    expect(splitFrontMatter('---\na: 1\n---')).toEqual({ kind: 'yaml', yaml: 'a: 1\n', body: '' });
  });

  it('reports no front matter when the file does not start with ---', () => {
    expect(splitFrontMatter('Text\n---\nmore')).toEqual({ kind: 'none', body: 'Text\n---\nmore' });
    expect(splitFrontMatter('----\nrule')).toEqual({ kind: 'none', body: '----\nrule' });
  });

  it('keeps the whole text as the body when the block is never closed', () => {
    expect(splitFrontMatter('---\ntitle: A\nBody')).toEqual({
      kind: 'unclosed',
      body: '---\ntitle: A\nBody',
    });
    expect(splitFrontMatter('---')).toEqual({ kind: 'unclosed', body: '---' });
  });

  it('recognises ---js / ---coffee blocks without handing them to anything', () => {
    expect(splitFrontMatter('---js\n{ title: require("fs") }\n---\nBody')).toEqual({
      kind: 'foreign',
      language: 'js',
      body: 'Body',
    });
    expect(splitFrontMatter('---yaml\na: 1\n---\n').kind).toBe('yaml');
  });
});
