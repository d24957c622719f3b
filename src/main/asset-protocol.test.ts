import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryService } from '../core/library-service';
import { resolveSafeFile } from '../core/safe-path';
import { desktopAssetUrl } from '../preload/asset-url';
import {
  ASSET_SCHEME_PRIVILEGES,
  createAssetRequestHandler,
  parseAssetUrl,
} from './asset-protocol';

const POST_ID = 'media/_posts/2024-11-20-a.md';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

let root: string;
let folder: string;

/** A library whose `resolveAsset` follows the real safe-path rules, as `openLibrary`'s does. */
function safeLibrary(): LibraryService {
  return {
    folder,
    resolveAsset: (postId: string, src: string) =>
      resolveSafeFile(folder, src, posix.dirname(postId)),
  } as unknown as LibraryService;
}

/** A broken library that resolves anything: the handler's own checks must still hold. */
function naiveLibrary(): LibraryService {
  return {
    folder,
    resolveAsset: async (_postId: string, src: string) =>
      src.startsWith('/') ? src : resolve(folder, 'media/_posts', src),
  } as unknown as LibraryService;
}

function get(library: LibraryService | null, src: string, postId = POST_ID): Promise<Response> {
  return createAssetRequestHandler(() => library)(new Request(desktopAssetUrl(postId, src)));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'accord-asset-'));
  folder = join(root, 'posts');
  await mkdir(join(folder, 'media/_posts'), { recursive: true });
  await mkdir(join(folder, 'images/dir.png'), { recursive: true });
  await mkdir(join(folder, '.git'), { recursive: true });
  await writeFile(join(folder, 'images/flag.png'), PNG);
  await writeFile(join(folder, 'images/photo.JPG'), 'jpeg bytes');
  await writeFile(join(folder, 'images/drawing.svg'), '<svg onload="alert(1)"/>');
  await writeFile(join(folder, 'images/notes.txt'), 'text');
  await writeFile(join(folder, 'images/.hidden.png'), PNG);
  await writeFile(join(folder, '.git/leak.png'), PNG);
  await writeFile(join(root, 'outside.png'), 'secret');
  await symlink(join(root, 'outside.png'), join(folder, 'images/link-out.png'));
  await symlink(join(folder, 'images/flag.png'), join(folder, 'images/link-in.png'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('accord-asset protocol', () => {
  it('is registered as a standard, secure scheme that fetch() cannot use', () => {
    expect(ASSET_SCHEME_PRIVILEGES).toMatchObject({
      scheme: 'accord-asset',
      privileges: { standard: true, secure: true, supportFetchAPI: false },
    });
  });

  it('serves a regular image inside the folder with its content type', async () => {
    const response = await get(safeLibrary(), '/images/flag.png');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    const relative = await get(safeLibrary(), '../../images/photo.JPG');
    expect(relative.status).toBe(200);
    expect(relative.headers.get('content-type')).toBe('image/jpeg');
  });

  it('serves a symlink that stays inside the folder', async () => {
    expect((await get(safeLibrary(), '/images/link-in.png')).status).toBe(200);
  });

  const escapes = [
    ['a parent step out of the folder', '../../../outside.png'],
    ['an absolute path', '<root>/outside.png'],
    ['an encoded parent step', '%2e%2e/%2e%2e/%2e%2e/outside.png'],
    ['an encoded slash', '..%2f..%2f..%2foutside.png'],
    ['a backslash path', '..\\..\\..\\outside.png'],
    ['a file: address', 'file://<root>/outside.png'],
    ['a symlink out of the folder', '/images/link-out.png'],
    ['a dot-file', '/images/.hidden.png'],
    ['a file in a dot-folder', '/.git/leak.png'],
    ['a directory', '/images/dir.png'],
    ['a file that is not an image', '/images/notes.txt'],
    ['an SVG (a document that can carry script)', '/images/drawing.svg'],
    ['a missing file', '/images/missing.png'],
    ['a NUL byte', '/images/flag.png\u0000.txt'],
  ] as const;

  it.each(escapes)('refuses %s with a 404 (safe-path library)', async (_name, src) => {
    expect((await get(safeLibrary(), src)).status).toBe(404);
  });

  it.each(escapes)(
    'refuses %s with a 404 even if resolveAsset lets it through',
    async (_name, src) => {
      expect((await get(naiveLibrary(), src)).status).toBe(404);
    },
  );

  it('answers 404 with no folder open, for another host, for another path and for non-GET requests', async () => {
    expect((await get(null, '/images/flag.png')).status).toBe(404);
    const handler = createAssetRequestHandler(() => safeLibrary());
    const query = new URL(desktopAssetUrl(POST_ID, '/images/flag.png')).search;
    expect((await handler(new Request(`accord-asset://other/${query}`))).status).toBe(404);
    expect((await handler(new Request(`accord-asset://post/etc/passwd${query}`))).status).toBe(404);
    const post = new Request(desktopAssetUrl(POST_ID, '/images/flag.png'), {
      method: 'POST',
      body: 'x',
    });
    expect((await handler(post)).status).toBe(404);
  });

  it('round-trips the ids and sources the preload encodes, including awkward characters', () => {
    const id = 'media/_posts/2024-11-20-a & b#c.md';
    const src = 'images/a b&c=d?.png';
    expect(parseAssetUrl(desktopAssetUrl(id, src))).toEqual({ postId: id, src });
    expect(parseAssetUrl('https://post/?id=a&src=b')).toBeNull();
  });
});
