import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { IndexStatus, PostsChangedEvent } from '@shared/library-events';
import type { LibraryOptions, LibraryService } from '../core/library-service';
import { LibraryHost } from './library-host';

function fakeLibrary(folder: string) {
  const statusListeners = new Set<(status: IndexStatus) => void>();
  const postListeners = new Set<(event: PostsChangedEvent) => void>();
  const status: IndexStatus = {
    folder,
    folderName: 'x',
    state: 'indexing',
    indexed: 0,
    total: 3,
    polling: false,
    generation: 0,
  };
  return {
    statusListeners,
    postListeners,
    library: {
      folder,
      status: () => status,
      close: vi.fn(async () => undefined),
      onDidChangeStatus: (listener: (status: IndexStatus) => void) => {
        statusListeners.add(listener);
        return () => statusListeners.delete(listener);
      },
      onDidChangePosts: (listener: (event: PostsChangedEvent) => void) => {
        postListeners.add(listener);
        return () => postListeners.delete(listener);
      },
    },
  };
}

describe('LibraryHost', () => {
  it('opens a folder, forwards its events, and closes it when another is opened', async () => {
    const opened: ReturnType<typeof fakeLibrary>[] = [];
    const options: LibraryOptions[] = [];
    const sink = { status: vi.fn(), posts: vi.fn() };
    const host = new LibraryHost(async (option) => {
      options.push(option);
      const fake = fakeLibrary(option.folder);
      opened.push(fake);
      return fake.library as unknown as LibraryService;
    }, sink);

    const first = await host.open('/posts/a');
    expect(first.folder).toBe(resolve('/posts/a'));
    expect(options[0]).toEqual({ folder: resolve('/posts/a'), watch: true });
    const event: PostsChangedEvent = { generation: 1, added: ['x.md'], updated: [], removed: [] };
    opened[0]!.postListeners.forEach((listener) => listener(event));
    expect(sink.posts).toHaveBeenCalledWith(event);

    await host.open('/posts/b');
    expect(opened[0]!.library.close).toHaveBeenCalled();
    expect(opened[0]!.postListeners.size).toBe(0);
    expect(host.current?.folder).toBe(resolve('/posts/b'));
    // Reopening the open folder does not start another library.
    await host.open('/posts/b');
    expect(opened).toHaveLength(2);
  });

  it('reports a folder that cannot be opened as an error status and leaves none open', async () => {
    const sink = { status: vi.fn(), posts: vi.fn() };
    const host = new LibraryHost(async () => {
      throw new Error('library: cannot read /nope: EACCES\nstack');
    }, sink);
    const status = await host.open('/nope');
    expect(status).toMatchObject({
      state: 'error',
      message: 'library: cannot read /nope: EACCES',
      folderName: 'nope',
    });
    expect(sink.status).toHaveBeenLastCalledWith(status);
    expect(host.current).toBeNull();
    expect(() => host.require()).toThrow('library-host: no folder is open');
  });

  it('applies overlapping opens in call order, so the last folder asked for wins', async () => {
    const host = new LibraryHost(
      async (option) => fakeLibrary(option.folder).library as unknown as LibraryService,
      { status: () => {}, posts: () => {} },
    );
    await Promise.all([host.open('/one'), host.open('/two'), host.open('/three')]);
    expect(host.current?.folder).toBe(resolve('/three'));
  });

  describe('area alias table', () => {
    function recordingHost(options: ConstructorParameters<typeof LibraryHost>[2] = {}) {
      const opened: LibraryOptions[] = [];
      const libraries: ReturnType<typeof fakeLibrary>[] = [];
      const host = new LibraryHost(
        async (option) => {
          opened.push(option);
          const fake = fakeLibrary(option.folder);
          libraries.push(fake);
          return fake.library as unknown as LibraryService;
        },
        { status: () => {}, posts: () => {} },
        { aliasesFileProblem: () => null, ...options },
      );
      return { host, opened, libraries };
    }

    it('opens folders with the chosen alias file', async () => {
      const { host, opened } = recordingHost({ aliasesFile: '/home/r/aliases.json' });
      await host.open('/posts/a');
      expect(opened).toEqual([
        { folder: resolve('/posts/a'), watch: true, aliasesFile: '/home/r/aliases.json' },
      ]);
    });

    it('reopens the open folder at once when the table changes, and again for the same file', async () => {
      const { host, opened, libraries } = recordingHost();
      await host.open('/posts/a');
      const status = await host.useAliasesFile('/home/r/aliases.json');
      expect(status?.folder).toBe(resolve('/posts/a'));
      expect(libraries[0]!.library.close).toHaveBeenCalled();
      expect(opened.at(-1)).toEqual({
        folder: resolve('/posts/a'),
        watch: true,
        aliasesFile: '/home/r/aliases.json',
      });
      // An edited file is read again when chosen again.
      await host.useAliasesFile('/home/r/aliases.json');
      expect(opened).toHaveLength(3);
      await host.useAliasesFile(null);
      expect(opened.at(-1)).toEqual({ folder: resolve('/posts/a'), watch: true });
      expect(host.current).toBe(libraries.at(-1)!.library);
    });

    it('without reopening, applies the table at the next open, even of the same folder', async () => {
      const { host, opened } = recordingHost();
      expect(await host.useAliasesFile('/x.json', { reopen: false })).toBeNull();
      expect(opened).toHaveLength(0);
      await host.open('/posts/a');
      await host.useAliasesFile('/y.json', { reopen: false });
      expect(opened).toHaveLength(1);
      await host.open('/posts/a');
      expect(opened.map((option) => option.aliasesFile)).toEqual(['/x.json', '/y.json']);
    });

    it('opens with the built-in names when the file cannot be used, and says why', async () => {
      const problems: string[] = [];
      const { host, opened } = recordingHost({
        aliasesFile: '/gone.json',
        aliasesFileProblem: (file) => `areas: cannot read the alias file ${file} (ENOENT)`,
        onAliasesFileProblem: (problem) => problems.push(problem),
      });
      const status = await host.open('/posts/a');
      expect(status.state).toBe('indexing');
      expect(opened).toEqual([{ folder: resolve('/posts/a'), watch: true }]);
      expect(problems).toEqual(['areas: cannot read the alias file /gone.json (ENOENT)']);
      // The choice is kept, so mending the file and choosing it again brings it back.
      expect(host.aliasesFile).toBe('/gone.json');
    });

    it('retries a folder that failed to open when the table changes', async () => {
      let fail = true;
      const host = new LibraryHost(
        async (option) => {
          if (fail) throw new Error('areas: the alias file /bad.json is not valid JSON');
          return fakeLibrary(option.folder).library as unknown as LibraryService;
        },
        { status: () => {}, posts: () => {} },
        { aliasesFileProblem: () => null },
      );
      expect((await host.open('/posts/a')).state).toBe('error');
      fail = false;
      const status = await host.useAliasesFile(null);
      expect(status?.state).toBe('indexing');
      expect(host.current?.folder).toBe(resolve('/posts/a'));
    });
  });
});
