import type { IndexStatus, PostsChangedEvent } from './library-events';
import type { Post } from './post';
import type { PostFilter, QueryResult, TimelineWindow } from './query';
import type { MenuCommand, PrintOutcome } from './reader-api';

/**
 * Every IPC channel, listed once. Invoke channels are request/response (`ipcRenderer.invoke` /
 * `ipcMain.handle`); event channels are pushed from main to the page.
 */
export const IpcChannel = {
  getStatus: 'accord:library/get-status',
  query: 'accord:library/query',
  getPost: 'accord:library/get-post',
  findByPermalink: 'accord:library/find-by-permalink',
  openExternal: 'accord:shell/open-external',
  printToPdf: 'accord:print/article-to-pdf',
  exportDigestPdf: 'accord:print/digest-to-pdf',
  openFolder: 'accord:folder/open',
  openRecentFolder: 'accord:folder/open-recent',
  /**
   * Preload only, not part of `ReaderApi`: a folder a person dropped on the window. The page
   * cannot reach it, so a compromised page cannot point the reader at any folder it likes.
   */
  openDroppedFolder: 'accord:folder/open-dropped',
  getRecentFolders: 'accord:folder/get-recent',
} as const;

export const IpcEvent = {
  didChangeStatus: 'accord:library/did-change-status',
  didChangePosts: 'accord:library/did-change-posts',
  didInvokeMenuCommand: 'accord:menu/did-invoke-command',
} as const;

export type IpcChannelName = (typeof IpcChannel)[keyof typeof IpcChannel];
export type IpcEventName = (typeof IpcEvent)[keyof typeof IpcEvent];

/** Request arguments and response type of every invoke channel. */
export interface IpcInvokeContract {
  [IpcChannel.getStatus]: { args: []; result: IndexStatus };
  [IpcChannel.query]: {
    args: [filter: PostFilter, window?: TimelineWindow];
    result: QueryResult;
  };
  [IpcChannel.getPost]: { args: [id: string]; result: Post | null };
  [IpcChannel.findByPermalink]: { args: [permalink: string]; result: string | null };
  [IpcChannel.openExternal]: { args: [url: string]; result: void };
  [IpcChannel.printToPdf]: { args: [postId: string]; result: PrintOutcome };
  [IpcChannel.exportDigestPdf]: { args: [filter: PostFilter]; result: PrintOutcome };
  [IpcChannel.openFolder]: { args: []; result: IndexStatus | null };
  [IpcChannel.openRecentFolder]: { args: [folder: string]; result: IndexStatus };
  [IpcChannel.openDroppedFolder]: { args: [folder: string]; result: IndexStatus };
  [IpcChannel.getRecentFolders]: { args: []; result: readonly string[] };
}

/** Payload of every event channel. */
export interface IpcEventContract {
  [IpcEvent.didChangeStatus]: IndexStatus;
  [IpcEvent.didChangePosts]: PostsChangedEvent;
  [IpcEvent.didInvokeMenuCommand]: MenuCommand;
}

/** The custom scheme post images load through in the desktop app. */
export const ASSET_SCHEME = 'accord-asset';
