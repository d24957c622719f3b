import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { IpcChannel, type IpcChannelName } from '@shared/ipc-channels';
import type { IndexStatus } from '@shared/library-events';
import type { LibraryService } from '../core/library-service';
import { registerIpcHandlers, type IpcServices } from './ipc-handlers';
import { rendererLocation } from './renderer-location';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

const INDEX_HTML = join(tmpdir(), 'accord-app', 'out', 'renderer', 'index.html');
const location = rendererLocation({ indexHtmlPath: INDEX_HTML, isPackaged: true });
const OUR_URL = location.url;
const STATUS: IndexStatus = {
  folder: '/posts',
  folderName: 'posts',
  state: 'ready',
  indexed: 1,
  total: 1,
  polling: false,
  generation: 1,
};

let handlers: Map<string, Listener>;
let services: { [K in keyof IpcServices]: ReturnType<typeof vi.fn> };
let library: { [K in 'query' | 'getPost' | 'findByPermalink']: ReturnType<typeof vi.fn> };
let realFolder: string;

function eventFrom(frame: { url: string; parent: unknown } | null): IpcMainInvokeEvent {
  return { senderFrame: frame, sender: { id: 1 } } as unknown as IpcMainInvokeEvent;
}
const trusted = () => eventFrom({ url: `${OUR_URL}#/post/1`, parent: null });

function call(
  channel: IpcChannelName,
  event: IpcMainInvokeEvent,
  ...args: unknown[]
): Promise<unknown> {
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, ...args);
}

beforeAll(async () => {
  realFolder = await mkdtemp(join(tmpdir(), 'accord-ipc-'));
});
afterAll(async () => {
  await rm(realFolder, { recursive: true, force: true });
});

beforeEach(() => {
  handlers = new Map();
  library = {
    query: vi.fn(async () => ({ total: 0, entries: [] })),
    getPost: vi.fn(async () => null),
    findByPermalink: vi.fn(async () => null),
  };
  services = {
    status: vi.fn(() => STATUS),
    library: vi.fn(() => library as unknown as LibraryService),
    openExternal: vi.fn(async () => undefined),
    printArticleToPdf: vi.fn(async () => ({ kind: 'cancelled' })),
    exportDigestPdf: vi.fn(async () => ({ kind: 'cancelled' })),
    pickAndOpenFolder: vi.fn(async () => null),
    openFolder: vi.fn(async () => STATUS),
    recentFolders: vi.fn(() => ['/gone/folder']),
  };
  const ipcMain = {
    handle: (channel: string, listener: Listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  registerIpcHandlers(ipcMain as never, location, services as unknown as IpcServices);
});

/** One valid call per channel, used to prove the sender check runs before anything else. */
const VALID_CALLS: Record<IpcChannelName, unknown[]> = {
  [IpcChannel.getStatus]: [],
  [IpcChannel.query]: [{ areas: ['AI Safety'], match: 'all', from: '2020-01-01', query: 'ai' }],
  [IpcChannel.getPost]: ['media/_posts/2024-11-20-a.md'],
  [IpcChannel.findByPermalink]: ['/a/'],
  [IpcChannel.openExternal]: ['https://www.mddi.gov.sg/'],
  [IpcChannel.printToPdf]: ['media/_posts/2024-11-20-a.md'],
  [IpcChannel.exportDigestPdf]: [{}],
  [IpcChannel.openFolder]: [],
  [IpcChannel.openRecentFolder]: ['/gone/folder'],
  [IpcChannel.openDroppedFolder]: [tmpdir()],
  [IpcChannel.getRecentFolders]: [],
};

const ALL_CHANNELS = Object.values(IpcChannel);

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per channel of the contract, and removes them all', () => {
    expect([...handlers.keys()].sort()).toEqual([...ALL_CHANNELS].sort());
    const dispose = registerIpcHandlers(
      {
        handle: () => undefined,
        removeHandler: (channel: string) => handlers.delete(channel),
      } as never,
      location,
      services as unknown as IpcServices,
    );
    dispose();
    expect(handlers.size).toBe(0);
  });

  it.each(ALL_CHANNELS)('%s answers the top-level frame of our own page', async (channel) => {
    // Rejects (and fails the test) if the sender check or validation refused the call.
    await call(channel, trusted(), ...VALID_CALLS[channel]);
    const touched = [...Object.values(services), ...Object.values(library)].filter(
      (fake) => fake.mock.calls.length > 0,
    );
    expect(touched.length).toBeGreaterThan(0);
  });

  const foreignSenders: [string, { url: string; parent: unknown } | null][] = [
    ['a subframe of our page', { url: OUR_URL, parent: { url: OUR_URL } }],
    ['another web page', { url: 'https://evil.example/', parent: null }],
    ['another local file', { url: 'file:///tmp/evil/index.html', parent: null }],
    ['a destroyed frame', null],
  ];
  for (const [name, frame] of foreignSenders) {
    it.each(ALL_CHANNELS)(`%s refuses ${name} before touching anything`, async (channel) => {
      await expect(call(channel, eventFrom(frame), ...VALID_CALLS[channel])).rejects.toThrow(
        `ipc: ${channel}: refused a message from an untrusted frame`,
      );
      for (const service of Object.values(services)) expect(service).not.toHaveBeenCalled();
    });
  }

  const badCalls: [IpcChannelName, unknown[]][] = [
    [IpcChannel.getStatus, ['extra']],
    [IpcChannel.query, []],
    [IpcChannel.query, ['ai']],
    [IpcChannel.query, [{ areas: 'AI' }]],
    [IpcChannel.query, [{ match: 'some' }]],
    [IpcChannel.query, [{ from: '20 Nov 2024' }]],
    [IpcChannel.query, [{ query: 'x'.repeat(501) }]],
    [IpcChannel.query, [{ areas: [], extra: 1 }]],
    [IpcChannel.query, [JSON.parse('{"__proto__": {"polluted": true}}')]],
    [IpcChannel.query, [{}, { offset: -1, limit: 10 }]],
    [IpcChannel.query, [{}, { offset: 0, limit: 1001 }]],
    [IpcChannel.query, [{}, { offset: 1.5, limit: 10 }]],
    [IpcChannel.query, [{}, { offset: '0', limit: 10 }]],
    [IpcChannel.query, [{}, { offset: 0 }]],
    [IpcChannel.query, [{}, { offset: 0, limit: 10, extra: 1 }]],
    [IpcChannel.query, [{}, { offset: 0, limit: 10 }, 'extra']],
    [IpcChannel.getPost, [42]],
    [IpcChannel.getPost, ['']],
    [IpcChannel.getPost, ['../../etc/passwd']],
    [IpcChannel.getPost, ['/etc/passwd']],
    [IpcChannel.getPost, ['a\u0000b']],
    [IpcChannel.getPost, ['a', 'b']],
    [IpcChannel.findByPermalink, [null]],
    [IpcChannel.findByPermalink, ['x'.repeat(3000)]],
    [IpcChannel.openExternal, ['javascript:alert(1)']],
    [IpcChannel.openExternal, ['file:///etc/passwd']],
    [IpcChannel.openExternal, ['smb://server/share']],
    [IpcChannel.openExternal, ['https://user:pass@evil.example/']],
    [IpcChannel.openExternal, [{ href: 'https://x.example' }]],
    [IpcChannel.printToPdf, [undefined]],
    [IpcChannel.exportDigestPdf, [{ categories: [1] }]],
    [IpcChannel.openFolder, [{}]],
    [IpcChannel.openRecentFolder, ['relative/folder']],
    [IpcChannel.openRecentFolder, [7]],
    [IpcChannel.getRecentFolders, [1]],
  ];
  it.each(badCalls)('%s rejects invalid arguments %j with one ipc: line', async (channel, args) => {
    const failure = call(channel, trusted(), ...args);
    await expect(failure).rejects.toThrow(new RegExp(`^ipc: ${channel}: invalid`));
    await failure.catch((error: Error) => expect(error.message).not.toContain('\n'));
    for (const service of Object.values(services)) {
      if (service !== services.recentFolders) expect(service).not.toHaveBeenCalled();
    }
  });

  it('passes validated arguments through to the library', async () => {
    await call(IpcChannel.query, trusted(), VALID_CALLS[IpcChannel.query][0]);
    expect(library.query).toHaveBeenCalledWith(
      { areas: ['AI Safety'], match: 'all', from: '2020-01-01', query: 'ai' },
      undefined,
    );
    await call(IpcChannel.query, trusted(), { query: 'ai' }, { offset: 150, limit: 150 });
    expect(library.query).toHaveBeenLastCalledWith({ query: 'ai' }, { offset: 150, limit: 150 });
    await call(IpcChannel.getPost, trusted(), 'media/_posts/2024-11-20-a.md');
    expect(library.getPost).toHaveBeenCalledWith('media/_posts/2024-11-20-a.md');
    await call(IpcChannel.openExternal, trusted(), 'mailto:press@example.gov');
    expect(services.openExternal).toHaveBeenCalledWith('mailto:press@example.gov');
  });

  it('reopens only a recent folder, even one that has vanished, never a path the page makes up', async () => {
    await expect(call(IpcChannel.openRecentFolder, trusted(), realFolder)).rejects.toThrow(
      /^ipc: accord:folder\/open-recent: not a recent folder/,
    );
    expect(services.openFolder).not.toHaveBeenCalled();
    await call(IpcChannel.openRecentFolder, trusted(), '/gone/folder');
    expect(services.openFolder).toHaveBeenLastCalledWith('/gone/folder');
  });

  it('opens a dropped path only if it is an existing folder', async () => {
    await expect(
      call(IpcChannel.openDroppedFolder, trusted(), join(realFolder, 'nope')),
    ).rejects.toThrow(/^ipc: accord:folder\/open-dropped: not a folder/);
    expect(services.openFolder).not.toHaveBeenCalled();
    await call(IpcChannel.openDroppedFolder, trusted(), realFolder);
    expect(services.openFolder).toHaveBeenLastCalledWith(realFolder);
  });

  it('reports a failure inside a handler as one ipc: line', async () => {
    services.library.mockImplementation(() => {
      throw new Error('library-host: no folder is open\nstack noise');
    });
    await expect(call(IpcChannel.getPost, trusted(), 'a.md')).rejects.toThrow(
      'ipc: accord:library/get-post: library-host: no folder is open stack noise',
    );
  });
});

describe('rendererLocation', () => {
  it('trusts only the built index.html in a packaged app, even if a dev server is configured', () => {
    const packaged = rendererLocation({
      indexHtmlPath: INDEX_HTML,
      devServerUrl: 'http://localhost:5173',
      isPackaged: true,
    });
    expect(packaged.url).toBe(OUR_URL);
    expect(packaged.isRendererUrl(`${OUR_URL}?x=1#/a`)).toBe(true);
    expect(packaged.isRendererUrl('http://localhost:5173/')).toBe(false);
    expect(packaged.isRendererUrl(OUR_URL.replace('index.html', 'other.html'))).toBe(false);
  });

  it('trusts the dev server origin in development only', () => {
    const dev = rendererLocation({
      indexHtmlPath: INDEX_HTML,
      devServerUrl: 'http://localhost:5173/',
      isPackaged: false,
    });
    expect(dev.isRendererUrl('http://localhost:5173/#/post')).toBe(true);
    expect(dev.isRendererUrl('http://localhost:5174/')).toBe(false);
    expect(dev.isRendererUrl(OUR_URL)).toBe(false);
  });
});
