import { describe, expect, it } from 'vitest';
import { categoryFromPath, fileNameOf, isHtmlPath, titleFromFileName } from './post-path';

describe('post-path', () => {
  it('turns the file name slug into a title, dropping the date prefix', () => {
    expect(titleFromFileName('media/_posts/2024-11-20-my-post.md')).toBe('My post');
    expect(titleFromFileName('notes_on_trade.markdown')).toBe('Notes on trade');
    expect(titleFromFileName('_posts/2024-11-20.md')).toBe('2024-11-20');
  });

  it('names the category after the folder above _posts, in words', () => {
    expect(categoryFromPath('media/press-releases/_posts/x.md')).toBe('Press Releases');
    expect(categoryFromPath('media-releases/_posts/2024/x.md')).toBe('Media Releases');
    expect(categoryFromPath('_posts/x.md')).toBeNull();
    expect(categoryFromPath('news/x.md')).toBeNull();
  });

  it('knows HTML files and file names', () => {
    expect([isHtmlPath('a/b.html'), isHtmlPath('b.HTM'), isHtmlPath('b.md')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(fileNameOf('a/b/c.md')).toBe('c.md');
  });
});
