import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcChannel, IpcEvent } from '@shared/ipc-channels';
import { parseAssetUrl } from '../main/asset-protocol';
import { installFolderDrop, type DragEventLike } from './folder-drop';
import { EVERY_MEMBER_LISTED, READER_API_MEMBERS } from './reader-api-members';

type Relay = (event: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]) => 'answer'),
    on: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    }),
    removeListener: vi.fn(
      (channel: string, listener: (event: unknown, payload: unknown) => void) => {
        listeners.get(channel)?.delete(listener);
      },
    ),
    send: vi.fn(),
    sendSync: vi.fn(),
  };
  const exposed = new Map<string, unknown>();
  return {
    listeners,
    ipcRenderer,
    exposed,
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)),
    },
    webUtils: { getPathForFile: vi.fn((file: { path: string }) => file.path) },
  };
});

vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
  webUtils: electron.webUtils,
}));

const dropListeners = new Map<string, (event: DragEventLike) => void>();
vi.stubGlobal('addEventListener', (type: string, listener: (event: DragEventLike) => void) =>
  dropListeners.set(type, listener),
);

const { DESKTOP_CAPABILITIES } = await import('./desktop-reader-api');
await import('./index');
const api = electron.exposed.get('accordReader') as Record<string, unknown> & {
  [K: string]: (...args: unknown[]) => unknown;
};

function emit(channel: string, payload: unknown) {
  for (const listener of electron.listeners.get(channel) ?? [])
    (listener as Relay)({ sender: electron.ipcRenderer }, payload);
}

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
});

describe('preload', () => {
  it('exposes one object, window.accordReader, and nothing else', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...electron.exposed.keys()]).toEqual(['accordReader']);
  });

  it('exposes exactly the members of ReaderApi', () => {
    expect(EVERY_MEMBER_LISTED).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...READER_API_MEMBERS].sort());
    for (const member of READER_API_MEMBERS) {
      if (member !== 'capabilities') expect(typeof api[member]).toBe('function');
    }
  });

  it('never exposes ipcRenderer, process or its environment', () => {
    const values = Object.values(api);
    expect(values).not.toContain(electron.ipcRenderer);
    expect(values).not.toContain(process);
    expect(values).not.toContain(process.env);
    expect(Object.keys(api)).not.toEqual(expect.arrayContaining(['ipcRenderer']));
    expect(JSON.stringify(api.capabilities)).toBe(
      JSON.stringify({ shell: 'desktop', printToPdf: true, openFolder: true }),
    );
    expect(api.capabilities).toBe(DESKTOP_CAPABILITIES);
  });

  it.each([
    ['getStatus', [], IpcChannel.getStatus],
    ['query', [{ query: 'ai' }], IpcChannel.query],
    ['query', [{ query: 'ai' }, { offset: 150, limit: 150 }], IpcChannel.query],
    ['getPost', ['a.md'], IpcChannel.getPost],
    ['findByPermalink', ['/a/'], IpcChannel.findByPermalink],
    ['openExternal', ['https://x.example/'], IpcChannel.openExternal],
    ['printToPdf', ['a.md'], IpcChannel.printToPdf],
    ['exportDigestPdf', [{ areas: ['AI'] }], IpcChannel.exportDigestPdf],
    ['openFolder', [], IpcChannel.openFolder],
    ['openRecentFolder', ['/posts'], IpcChannel.openRecentFolder],
    ['getRecentFolders', [], IpcChannel.getRecentFolders],
  ] as const)(
    '%s invokes its own channel with its arguments only',
    async (method, args, channel) => {
      await expect(api[method]!(...args)).resolves.toBe('answer');
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, ...args);
    },
  );

  it.each([
    ['onDidChangeStatus', IpcEvent.didChangeStatus],
    ['onDidChangePosts', IpcEvent.didChangePosts],
    ['onDidInvokeMenuCommand', IpcEvent.didInvokeMenuCommand],
  ] as const)('%s hands the page only the payload and unsubscribes', (method, channel) => {
    const received: unknown[][] = [];
    const unsubscribe = api[method]!((...args: unknown[]) => received.push(args)) as () => void;
    emit(channel, { generation: 1 });
    expect(received).toEqual([[{ generation: 1 }]]);
    unsubscribe();
    unsubscribe();
    emit(channel, { generation: 2 });
    expect(received).toHaveLength(1);
    expect(electron.listeners.get(channel)?.size).toBe(0);
  });

  it('builds asset addresses synchronously that the main process reads back', () => {
    const url = api.assetUrl!('media/_posts/a b.md', '/images/flag.png?v=1') as string;
    expect(url.startsWith('accord-asset://post/?id=')).toBe(true);
    expect(parseAssetUrl(url)).toEqual({
      postId: 'media/_posts/a b.md',
      src: '/images/flag.png?v=1',
    });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});

describe('folder drop', () => {
  const dropEvent = (types: string[], files: unknown[]) => {
    const event = { preventDefault: vi.fn(), dataTransfer: { types, files } };
    return event;
  };

  it('opens a dropped item with its real path, over the drop channel the page cannot call', () => {
    const event = dropEvent(['Files'], [{ path: '/home/reader/posts' }]);
    dropListeners.get('drop')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(
      IpcChannel.openDroppedFolder,
      '/home/reader/posts',
    );
    expect(Object.values(api)).not.toContain(IpcChannel.openDroppedFolder);
  });

  it('ignores drags without files and drops of several items', () => {
    const text = dropEvent(['text/plain'], []);
    dropListeners.get('dragover')!(text);
    dropListeners.get('drop')!(text);
    dropListeners.get('drop')!(dropEvent(['Files'], [{ path: '/a' }, { path: '/b' }]));
    expect(text.preventDefault).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('reports a refused drop instead of throwing into the page', async () => {
    const errors: Error[] = [];
    const listeners = new Map<string, (event: DragEventLike) => void>();
    installFolderDrop(
      { addEventListener: (type, listener) => listeners.set(type, listener) },
      {
        pathOf: () => '/etc/passwd',
        openFolder: async () => {
          throw new Error('ipc: not a folder');
        },
        onError: (error) => errors.push(error),
      },
    );
    listeners.get('drop')!(dropEvent(['Files'], [{}]));
    await vi.waitFor(() =>
      expect(errors.map((error) => error.message)).toEqual(['ipc: not a folder']),
    );
  });
});
