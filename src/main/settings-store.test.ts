import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rememberFolder } from './recent-folders';
import { showSettingsRecoveryNotice } from './settings-recovery-notice';
import { DEFAULT_SETTINGS, SETTINGS_FILE_NAME, SettingsStore } from './settings-store';

let directory: string;
const file = () => join(directory, SETTINGS_FILE_NAME);
const fixedNow = () => new Date('2025-03-05T10:11:12.345Z');

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'accord-settings-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('SettingsStore', () => {
  it('starts with defaults when there is no file, without writing one', async () => {
    const { store, recovery } = await SettingsStore.open(directory);
    expect(store.current).toEqual(DEFAULT_SETTINGS);
    expect(recovery).toBeNull();
    expect(await readdir(directory)).toEqual([]);
  });

  it('reads back what it wrote', async () => {
    const { store } = await SettingsStore.open(directory);
    await store.update((settings) => ({
      ...settings,
      lastFolder: '/posts',
      recentFolders: ['/posts'],
      window: { x: 10, y: 20, width: 900, height: 700, maximized: false },
    }));
    const reopened = await SettingsStore.open(directory);
    expect(reopened.store.current).toEqual(store.current);
    expect(reopened.recovery).toBeNull();
  });

  it.each([
    ['not JSON', '{"version": 1, "lastFolder": '],
    ['the wrong shape', JSON.stringify({ version: 1, recentFolders: 'not a list' })],
    ['an unknown version', JSON.stringify({ version: 7 })],
  ])('moves a file that is %s aside, uses defaults and says why', async (_case, content) => {
    await writeFile(file(), content);
    const { store, recovery } = await SettingsStore.open(directory, fixedNow);
    expect(store.current).toEqual(DEFAULT_SETTINGS);
    expect(recovery?.movedTo).toBe(
      join(directory, 'settings.json.corrupt-2025-03-05T10-11-12-345Z'),
    );
    expect(recovery?.reason).toMatch(/\S/);
    expect(await readFile(recovery!.movedTo, 'utf8')).toBe(content);
    expect(await readdir(directory)).toEqual(['settings.json.corrupt-2025-03-05T10-11-12-345Z']);
  });

  it('replaces the file by renaming a complete temporary file over it, leaving no temporary behind', async () => {
    const { store } = await SettingsStore.open(directory);
    await store.update((settings) => ({ ...settings, lastFolder: '/first' }));
    const before = await stat(file());
    await store.update((settings) => ({ ...settings, lastFolder: '/second' }));
    const after = await stat(file());
    // An in-place write keeps the inode; a rename of a new file does not.
    expect(after.ino).not.toBe(before.ino);
    expect(await readdir(directory)).toEqual([SETTINGS_FILE_NAME]);
    expect(JSON.parse(await readFile(file(), 'utf8')).lastFolder).toBe('/second');
  });

  it('ends with the latest settings when updates overlap', async () => {
    const { store } = await SettingsStore.open(directory);
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        store.update((settings) => ({
          ...settings,
          recentFolders: rememberFolder(settings.recentFolders, `/f${index}`),
        })),
      ),
    );
    const saved = JSON.parse(await readFile(file(), 'utf8'));
    expect(saved.recentFolders).toEqual([
      '/f19',
      '/f18',
      '/f17',
      '/f16',
      '/f15',
      '/f14',
      '/f13',
      '/f12',
      '/f11',
      '/f10',
    ]);
  });

  it('remembers the area alias file, and reads older files that have none', async () => {
    await writeFile(file(), JSON.stringify({ version: 1, lastFolder: '/posts' }));
    const { store, recovery } = await SettingsStore.open(directory);
    expect(recovery).toBeNull();
    expect(store.current.aliasesFile).toBeNull();
    await store.update((settings) => ({ ...settings, aliasesFile: '/home/r/aliases.json' }));
    const reopened = await SettingsStore.open(directory);
    expect(reopened.store.current).toMatchObject({
      lastFolder: '/posts',
      aliasesFile: '/home/r/aliases.json',
    });
  });

  it('refuses a relative alias file path, which would change meaning with the launch folder', async () => {
    const { store } = await SettingsStore.open(directory);
    expect(() =>
      store.update((settings) => ({ ...settings, aliasesFile: 'aliases.json' })),
    ).toThrow();
    expect(store.current.aliasesFile).toBeNull();
  });

  it('refuses to save settings of the wrong shape and keeps the previous ones', async () => {
    const { store } = await SettingsStore.open(directory);
    expect(() =>
      store.update((settings) => ({ ...settings, window: { width: -1 } as never })),
    ).toThrow();
    expect(store.current).toEqual(DEFAULT_SETTINGS);
  });
});

describe('rememberFolder', () => {
  it('puts the folder first, without duplicates, keeping at most ten', () => {
    const eleven = Array.from({ length: 11 }, (_, index) => `/f${index}`);
    expect(rememberFolder(['/a', '/b', '/c'], '/b')).toEqual(['/b', '/a', '/c']);
    expect(rememberFolder(eleven, '/new')).toHaveLength(10);
    expect(rememberFolder(eleven, '/new')[0]).toBe('/new');
  });
});

describe('showSettingsRecoveryNotice', () => {
  it('tells the person that defaults are in use and where the unreadable file went', async () => {
    const dialog = {
      showMessageBox: vi.fn(async (_options: unknown) => ({ response: 0, checkboxChecked: false })),
    };
    await showSettingsRecoveryNotice(dialog as never, null, {
      movedTo: '/data/settings.json.corrupt-x',
      reason: 'not valid JSON',
    });
    const options = dialog.showMessageBox.mock.calls[0]![0] as unknown as {
      message: string;
      detail: string;
    };
    expect(options.message).toContain('default settings');
    expect(options.detail).toContain('/data/settings.json.corrupt-x');
    expect(options.detail).toContain('not valid JSON');
  });
});
