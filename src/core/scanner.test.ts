import { chmod, mkdir, symlink } from 'node:fs/promises';
import * as fsPromises from 'node:fs/promises';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder } from './__fixtures__/temp-folder';
import { isPostCandidate } from './post-candidates';
import { ownerMayRead, scanFolder, type ScannerFileSystem } from './scanner';

let folder: TempFolder;
beforeEach(async () => {
  folder = await createTempFolder();
});
afterEach(async () => {
  await chmod(folder.path, 0o755).catch(() => undefined);
  await folder.remove();
});

const paths = async (fileSystem?: ScannerFileSystem) =>
  (await scanFolder(folder.path, fileSystem)).files.map((file) => file.relativePath).sort();

describe('scanFolder', () => {
  it('finds .md, .markdown and .html files recursively, with size and mtime', async () => {
    await folder.write('a.md', 'x');
    await folder.write('deep/er/b.markdown', 'xy');
    await folder.write('c.HTML', 'xyz');
    await folder.write('notes.txt', 'no');
    await folder.write('image.png', 'no');
    const result = await scanFolder(folder.path);
    expect(result.files.map((file) => file.relativePath).sort()).toEqual([
      'a.md',
      'c.HTML',
      'deep/er/b.markdown',
    ]);
    const b = result.files.find((file) => file.relativePath === 'deep/er/b.markdown')!;
    expect(b.size).toBe(2);
    expect(b.mtimeMs).toBeGreaterThan(0);
    expect(b.absolutePath).toBe(join(folder.path, 'deep', 'er', 'b.markdown'));
    expect(result.jekyllSite).toBe(false);
  });

  it('skips dot-files, dot-folders, node_modules, _site and .git', async () => {
    await folder.write('kept.md', 'x');
    await folder.write('.hidden.md', 'x');
    await folder.write('.drafts/a.md', 'x');
    await folder.write('node_modules/pkg/readme.md', 'x');
    await folder.write('_site/index.html', 'x');
    await folder.write('.git/description.md', 'x');
    await folder.write('sub/node_modules/b.md', 'x');
    const result = await scanFolder(folder.path);
    expect(result.files.map((file) => file.relativePath)).toEqual(['kept.md']);
    // The folders it walked (the watcher checks each is watched): none of the skipped ones.
    expect(result.folders).toEqual(['sub']);
  });

  it('keeps only files inside _posts folders when the folder is a Jekyll site', async () => {
    await folder.write('index.md', 'x');
    await folder.write('about/team.html', 'x');
    await folder.write('media/press-releases/_posts/2024-01-01-a.md', 'x');
    await folder.write('media/speeches/_posts/2024-01-02-b.md', 'x');
    const result = await scanFolder(folder.path);
    expect(result.jekyllSite).toBe(true);
    expect(result.files.map((file) => file.relativePath).sort()).toEqual([
      'media/press-releases/_posts/2024-01-01-a.md',
      'media/speeches/_posts/2024-01-02-b.md',
    ]);
  });

  it('keeps exactly the files the watcher would take for posts (isPostCandidate)', async () => {
    const written = [
      'index.md',
      'notes.markdown',
      '_posts/2024-01-01-root.md',
      '_posts/deeper/2024-01-02-nested.html',
      'media/_posts/2024-01-03-a.MD',
      'media/_postsx/not-a-post.md',
      'media/_posts_old/2024-01-04.md',
      'drafts/_posts-archive/x.md',
      'a/b/c/_posts/d/e.md',
      '_posts/readme.txt',
    ];
    for (const path of written) await folder.write(path, 'x');
    const result = await scanFolder(folder.path);
    const expected = written.filter((path) => isPostCandidate(path, result.jekyllSite)).sort();
    expect(result.jekyllSite).toBe(true);
    expect(expected).toHaveLength(4);
    expect(result.files.map((file) => file.relativePath).sort()).toEqual(expected);
  });

  it('does not let a _posts folder inside an ignored folder turn on the Jekyll rule', async () => {
    await folder.write('node_modules/theme/_posts/x.md', 'x');
    await folder.write('a.md', 'x');
    expect(await paths()).toEqual(['a.md']);
  });

  it('follows symbolic links that stay inside the folder', async () => {
    await folder.write('real/a.md', 'x');
    await symlink(join(folder.path, 'real'), join(folder.path, 'linked'));
    await symlink(join(folder.path, 'real', 'a.md'), join(folder.path, 'file-link.md'));
    expect(await paths()).toEqual(['file-link.md', 'linked/a.md', 'real/a.md']);
  });

  it('refuses symbolic links whose target is outside the folder, and says so', async () => {
    const outside = await createTempFolder();
    try {
      await outside.write('secret.md', 'x');
      await symlink(outside.path, join(folder.path, 'out-dir'));
      await symlink(join(outside.path, 'secret.md'), join(folder.path, 'out-file.md'));
      const result = await scanFolder(folder.path);
      expect(result.files).toEqual([]);
      expect(result.skipped).toEqual([
        { path: 'out-dir', reason: 'symbolic link points outside the folder' },
        { path: 'out-file.md', reason: 'symbolic link points outside the folder' },
      ]);
    } finally {
      await outside.remove();
    }
  });

  it('does not loop on a symbolic link to an ancestor folder', async () => {
    await folder.write('a/b.md', 'x');
    await symlink(folder.path, join(folder.path, 'a', 'loop'));
    const result = await scanFolder(folder.path);
    expect(result.files.map((file) => file.relativePath)).toEqual(['a/b.md']);
    expect(result.skipped).toEqual([
      { path: 'a/loop', reason: 'symbolic link loop (folder already read)' },
    ]);
  });

  it('reports a broken link to a post file', async () => {
    await symlink(join(folder.path, 'gone.md'), join(folder.path, 'dangling.md'));
    const result = await scanFolder(folder.path);
    expect(result.skipped).toEqual([
      { path: 'dangling.md', reason: 'broken symbolic link: no longer exists' },
    ]);
  });

  it('reports unreadable folders and files as skipped instead of failing', async () => {
    await folder.write('open/a.md', 'x');
    await folder.write('locked/b.md', 'x');
    await folder.write('c.md', 'x');
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    // Tests run as root in CI, where chmod cannot deny anything: simulate the OS answer instead.
    const fileSystem: ScannerFileSystem = {
      ...fsPromises,
      readdir: async (path, options) => {
        if (path.endsWith('locked')) throw denied;
        return fsPromises.readdir(path, options);
      },
      access: async (path, mode) => {
        if (path.endsWith('c.md')) throw denied;
        return fsPromises.access(path, mode);
      },
    };
    const result = await scanFolder(folder.path, fileSystem);
    expect(result.files.map((file) => file.relativePath)).toEqual(['open/a.md']);
    expect(result.skipped).toEqual([
      { path: 'locked', reason: 'cannot read folder: permission denied' },
      { path: 'c.md', reason: 'cannot read file: permission denied' },
    ]);
  });

  it('goes back to asynchronous calls, with the same answer, when blocking ones are slow', async () => {
    for (let index = 0; index < 300; index += 1) {
      await folder.write(`posts/${String(index).padStart(3, '0')}.md`, 'x'.repeat(index + 1));
    }
    let blocking = 0;
    let asynchronous = 0;
    const fileSystem: ScannerFileSystem = {
      ...fsPromises,
      // A network drive: 2 ms a call.
      statReadableSync: (path) => {
        blocking += 1;
        const until = performance.now() + 2;
        while (performance.now() < until);
        return statSync(path);
      },
      statReadable: (path) => {
        asynchronous += 1;
        return fsPromises.stat(path);
      },
    };
    const result = await scanFolder(folder.path, fileSystem);
    expect(result.files.map((file) => file.size)).toEqual(
      Array.from({ length: 300 }, (_, index) => index + 1),
    );
    expect(blocking).toBeLessThan(300);
    expect(asynchronous).toBe(300 - blocking);
  });

  it('fails with ENOENT for a missing folder and ENOTDIR for a file', async () => {
    await expect(scanFolder(join(folder.path, 'nope'))).rejects.toMatchObject({ code: 'ENOENT' });
    const file = await folder.write('file.md', 'x');
    await expect(scanFolder(file)).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('treats an empty folder as empty', async () => {
    await mkdir(join(folder.path, 'empty'));
    expect(await scanFolder(folder.path)).toEqual({
      files: [],
      skipped: [],
      jekyllSite: false,
      folders: ['empty'],
    });
  });
});

describe('ownerMayRead (when a scan may skip asking the system whether a file is readable)', () => {
  it.each([
    ['the owner, with its read bit', { uid: 501, mode: 0o100644 }, 501, true],
    ['the owner, read bit only', { uid: 501, mode: 0o100400 }, 501, true],
    [
      'the owner without its read bit (group or ACL cannot grant it back)',
      { uid: 501, mode: 0o100244 },
      501,
      false,
    ],
    [
      'another owner, even world-readable (a group or ACL entry may deny)',
      { uid: 0, mode: 0o100644 },
      501,
      false,
    ],
    ['no user ids on this system (Windows)', { uid: 0, mode: 0o100644 }, undefined, false],
  ])('%s → %s', (_label, info, userId, expected) => {
    expect(ownerMayRead(info, userId)).toBe(expected);
  });
});
