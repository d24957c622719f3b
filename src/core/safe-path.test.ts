import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder } from './__fixtures__/temp-folder';
import { normalizeSafeReference, resolveSafeFile } from './safe-path';

describe('normalizeSafeReference', () => {
  it.each([
    ['images/a.png', '', 'images/a.png'],
    ['./images/a.png', 'posts', 'posts/images/a.png'],
    ['/images/a.png', 'media/_posts', 'images/a.png'],
    ['../images/a.png', 'media/_posts', 'media/images/a.png'],
    ['../../images/a.png', 'media/_posts', 'images/a.png'],
    ['a%20b.png', '', 'a b.png'],
    ['x.png?v=2#top', '', 'x.png'],
    ['caf%C3%A9.png', '', 'café.png'],
    // Decoded once only: `%25` becomes a literal percent sign, never decoded again.
    ['100%25.png', '', '100%.png'],
  ])('resolves %s from "%s" to %s', (reference, base, expected) => {
    expect(normalizeSafeReference(reference, base)).toBe(expected);
  });

  it.each([
    ['../outside.png', '', 'a parent step out of the root'],
    ['../../../etc/passwd', 'a', 'several parent steps out of the root'],
    ['/../etc/passwd', '', 'a parent step out of the site root'],
    ['%2e%2e/secret.png', '', 'an encoded parent step'],
    ['%2E%2E%2Fsecret.png', '', 'an encoded parent step and separator'],
    ['images%2f..%2f..%2fx', '', 'an encoded slash'],
    ['images%5c..%5cx', '', 'an encoded backslash'],
    ['images\\..\\x.png', '', 'a backslash'],
    ['C:/Windows/win.ini', '', 'a drive letter'],
    ['c:\\x.png', '', 'a drive letter with a backslash'],
    ['file:///etc/passwd', '', 'a file: URL'],
    ['https://example.com/a.png', '', 'a remote URL'],
    ['//server/share/a.png', '', 'a protocol-relative or UNC path'],
    ['a.png%00.md', '', 'an encoded NUL'],
    ['a.png\u0000', '', 'a raw NUL'],
    ['.env', '', 'a dot-file'],
    ['images/.secret/a.png', '', 'a dot-folder'],
    ['.git/config', '', 'the git folder'],
    ['%E0%A4%A', '', 'malformed percent-encoding'],
    ['', '', 'an empty reference'],
    ['/', '', 'the root itself'],
  ])('refuses %s (%s)', (reference, base) => {
    expect(normalizeSafeReference(reference, base)).toBeNull();
  });
});

describe('resolveSafeFile', () => {
  let root: TempFolder;
  let outside: TempFolder;

  beforeAll(async () => {
    root = await createTempFolder();
    outside = await createTempFolder();
    await root.write('images/a.png', 'png');
    await root.write('media/_posts/pic.png', 'png');
    await outside.write('secret.png', 'secret');
    await mkdir(join(root.path, 'folder-only'));
    await symlink(join(outside.path, 'secret.png'), join(root.path, 'images', 'escape.png'));
    await symlink(outside.path, join(root.path, 'outdir'));
    await symlink(join(root.path, 'images', 'a.png'), join(root.path, 'images', 'inside-link.png'));
    await root.write('.private/hidden.png', 'x');
    await symlink(
      join(root.path, '.private', 'hidden.png'),
      join(root.path, 'images', 'to-dot.png'),
    );
  });
  afterAll(async () => {
    await root.remove();
    await outside.remove();
  });

  it('returns the real path of a regular file inside the root', async () => {
    expect(await resolveSafeFile(root.path, '/images/a.png')).toBe(
      join(root.path, 'images', 'a.png'),
    );
    expect(await resolveSafeFile(root.path, 'pic.png', 'media/_posts')).toBe(
      join(root.path, 'media', '_posts', 'pic.png'),
    );
  });

  it('follows a link that stays inside, returning its target', async () => {
    expect(await resolveSafeFile(root.path, 'images/inside-link.png')).toBe(
      join(root.path, 'images', 'a.png'),
    );
  });

  it('refuses a link to a file outside the root', async () => {
    expect(await resolveSafeFile(root.path, 'images/escape.png')).toBeNull();
  });

  it('refuses a path through a linked folder outside the root', async () => {
    expect(await resolveSafeFile(root.path, 'outdir/secret.png')).toBeNull();
  });

  it('refuses a link whose target is inside a dot-folder', async () => {
    expect(await resolveSafeFile(root.path, 'images/to-dot.png')).toBeNull();
  });

  it('refuses folders and missing files', async () => {
    expect(await resolveSafeFile(root.path, 'folder-only')).toBeNull();
    expect(await resolveSafeFile(root.path, 'images/missing.png')).toBeNull();
  });

  it('refuses an escape even when the target exists', async () => {
    const relativeToOutside = `../${outside.path.split('/').pop()}/secret.png`;
    expect(await resolveSafeFile(root.path, relativeToOutside)).toBeNull();
  });
});
