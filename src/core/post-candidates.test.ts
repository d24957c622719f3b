import { describe, expect, it } from 'vitest';
import { isPostCandidate, isPostFolder } from './post-candidates';

describe('isPostFolder', () => {
  it('takes the folders whose files can be posts: any folder, or in a Jekyll site those below _posts', () => {
    expect(isPostFolder('', false)).toBe(true);
    expect(isPostFolder('notes', false)).toBe(true);
    expect(isPostFolder('', true)).toBe(false);
    expect(isPostFolder('media', true)).toBe(false);
    expect(isPostFolder('media/_posts', true)).toBe(true);
    expect(isPostFolder('media/_posts/2024', true)).toBe(true);
    expect(isPostFolder('media/_postsx', true)).toBe(false);
    expect(isPostFolder('node_modules/theme/_posts', true)).toBe(false);
    expect(isPostFolder('.drafts', false)).toBe(false);
  });

  it('agrees with isPostCandidate on the folder of every post file', () => {
    const folders = [
      '',
      'a',
      '_posts',
      'a/_posts/b',
      '_site',
      'a/.git',
      'x/_postsx',
      '_posts/_site',
    ];
    for (const jekyllSite of [false, true]) {
      for (const folder of folders) {
        const file = folder === '' ? 'post.md' : `${folder}/post.md`;
        expect(isPostFolder(folder, jekyllSite), `${folder} (${jekyllSite})`).toBe(
          isPostCandidate(file, jekyllSite),
        );
      }
    }
  });
});
