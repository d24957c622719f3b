/**
 * The preload: bundled into one CommonJS file (`out/preload/index.cjs`) because the page is
 * sandboxed. It exposes `window.accordReader` — the `ReaderApi` as named methods — and nothing
 * else: no `ipcRenderer`, no `process`, no Node.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IpcChannel } from '@shared/ipc-channels';
import { createDesktopReaderApi } from './desktop-reader-api';
import { installFolderDrop, type DropTarget } from './folder-drop';

contextBridge.exposeInMainWorld('accordReader', createDesktopReaderApi(ipcRenderer));

installFolderDrop(globalThis as unknown as DropTarget, {
  pathOf: (file) => webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]),
  openFolder: (folder) => ipcRenderer.invoke(IpcChannel.openDroppedFolder, folder),
  onError: (error) => console.warn(`preload: could not open the dropped item: ${error.message}`),
});
