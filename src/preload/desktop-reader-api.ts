import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  IpcChannel,
  IpcEvent,
  type IpcChannelName,
  type IpcEventContract,
  type IpcEventName,
  type IpcInvokeContract,
} from '@shared/ipc-channels';
import type { ReaderApi, ReaderCapabilities, Unsubscribe } from '@shared/reader-api';
import { desktopAssetUrl } from './asset-url';

export const DESKTOP_CAPABILITIES: ReaderCapabilities = Object.freeze({
  shell: 'desktop',
  printToPdf: true,
  openFolder: true,
});

/** The part of `ipcRenderer` the API needs. It stays inside the preload; the page never sees it. */
export type IpcTransport = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * `ReaderApi` over IPC, as plain named methods. Each method invokes exactly one channel with its
 * own arguments; subscriptions hand the page only the payload (never the `IpcRendererEvent`,
 * whose `sender` is the `ipcRenderer` itself) and return a function that removes them.
 */
export function createDesktopReaderApi(ipc: IpcTransport): ReaderApi {
  const invoke = <C extends IpcChannelName>(
    channel: C,
    ...args: IpcInvokeContract[C]['args']
  ): Promise<IpcInvokeContract[C]['result']> => ipc.invoke(channel, ...args);

  const subscribe = <E extends IpcEventName>(
    channel: E,
    listener: (payload: IpcEventContract[E]) => void,
  ): Unsubscribe => {
    const relay = (_event: IpcRendererEvent, payload: IpcEventContract[E]) => listener(payload);
    ipc.on(channel, relay);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(channel, relay);
    };
  };

  return {
    capabilities: DESKTOP_CAPABILITIES,
    getStatus: () => invoke(IpcChannel.getStatus),
    // No trailing `undefined`: the main process validates the argument list exactly.
    query: (filter, window) =>
      window === undefined
        ? invoke(IpcChannel.query, filter)
        : invoke(IpcChannel.query, filter, window),
    getPost: (id) => invoke(IpcChannel.getPost, id),
    findByPermalink: (permalink) => invoke(IpcChannel.findByPermalink, permalink),
    assetUrl: (postId, src) => desktopAssetUrl(postId, src),
    openExternal: (url) => invoke(IpcChannel.openExternal, url),
    printToPdf: (postId) => invoke(IpcChannel.printToPdf, postId),
    exportDigestPdf: (filter) => invoke(IpcChannel.exportDigestPdf, filter),
    openFolder: () => invoke(IpcChannel.openFolder),
    openRecentFolder: (folder) => invoke(IpcChannel.openRecentFolder, folder),
    getRecentFolders: () => invoke(IpcChannel.getRecentFolders),
    onDidChangeStatus: (listener) => subscribe(IpcEvent.didChangeStatus, listener),
    onDidChangePosts: (listener) => subscribe(IpcEvent.didChangePosts, listener),
    onDidInvokeMenuCommand: (listener) => subscribe(IpcEvent.didInvokeMenuCommand, listener),
  };
}
