import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import type { LibraryService } from '../core/library-service';
import type { IndexStatus } from '@shared/library-events';
import { IpcChannel, type IpcChannelName, type IpcInvokeContract } from '@shared/ipc-channels';
import type { PostFilter } from '@shared/query';
import type { PrintOutcome } from '@shared/reader-api';
import {
  externalUrlSchema,
  folderPathSchema,
  noArgumentsSchema,
  permalinkSchema,
  postFilterSchema,
  postIdSchema,
  timelineWindowSchema,
} from './ipc-schemas';
import { isTrustedSenderFrame, type RendererLocation } from './renderer-location';

/** What the handlers call once a message has passed the sender check and validation. */
export interface IpcServices {
  /** The status of the open folder (or of the folder being opened). */
  status(): IndexStatus;
  /** The open library; throws if none is open yet. */
  library(): LibraryService;
  /** Hands an already validated address to the OS. */
  openExternal(url: string): Promise<void>;
  printArticleToPdf(postId: string, requester: WebContents): Promise<PrintOutcome>;
  exportDigestPdf(filter: PostFilter, requester: WebContents): Promise<PrintOutcome>;
  /** Shows the folder picker; `null` when cancelled. */
  pickAndOpenFolder(requester: WebContents): Promise<IndexStatus | null>;
  openFolder(folder: string): Promise<IndexStatus>;
  recentFolders(): readonly string[];
}

type Contract<C extends IpcChannelName> = IpcInvokeContract[C];
type Handler<C extends IpcChannelName> = (
  args: Contract<C>['args'],
  event: IpcMainInvokeEvent,
) => Promise<Contract<C>['result']> | Contract<C>['result'];

interface ChannelSpec<C extends IpcChannelName> {
  readonly args: z.ZodType<Contract<C>['args']>;
  readonly run: Handler<C>;
}

type ChannelTable = { readonly [C in IpcChannelName]: ChannelSpec<C> };

/**
 * Registers one handler for every invoke channel. Each handler first refuses any sender that is
 * not the top-level frame of our own page, then validates its arguments, and only then touches
 * the library, the dialogs or the shell. Failures reject with one line starting `ipc:`.
 *
 * Returns a function that removes every handler again (used on shutdown and by tests).
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  location: RendererLocation,
  services: IpcServices,
): () => void {
  const table: ChannelTable = {
    [IpcChannel.getStatus]: { args: noArgumentsSchema, run: () => services.status() },
    [IpcChannel.query]: {
      args: z.tuple([postFilterSchema, timelineWindowSchema.optional()]),
      run: ([filter, window]) => services.library().query(filter, window),
    },
    [IpcChannel.getPost]: {
      args: z.tuple([postIdSchema]),
      run: ([id]) => services.library().getPost(id),
    },
    [IpcChannel.findByPermalink]: {
      args: z.tuple([permalinkSchema]),
      run: ([permalink]) => services.library().findByPermalink(permalink),
    },
    [IpcChannel.openExternal]: {
      args: z.tuple([externalUrlSchema]),
      // The schema has already reduced `url` to http(s) with a host, or mailto.
      run: ([url]) => services.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK
    },
    [IpcChannel.printToPdf]: {
      args: z.tuple([postIdSchema]),
      run: ([postId], event) => services.printArticleToPdf(postId, event.sender),
    },
    [IpcChannel.exportDigestPdf]: {
      args: z.tuple([postFilterSchema]),
      run: ([filter], event) => services.exportDigestPdf(filter, event.sender),
    },
    [IpcChannel.openFolder]: {
      args: noArgumentsSchema,
      run: (_args, event) => services.pickAndOpenFolder(event.sender),
    },
    [IpcChannel.openRecentFolder]: {
      args: z.tuple([folderPathSchema]),
      run: ([folder]) => {
        // Only a folder the person opened before; it may have vanished since (the library then
        // reports `missing`). Any other path would let the page choose what the reader reads.
        if (!services.recentFolders().includes(folder)) {
          throw new Error(`ipc: ${IpcChannel.openRecentFolder}: not a recent folder: ${folder}`);
        }
        return services.openFolder(folder);
      },
    },
    [IpcChannel.openDroppedFolder]: {
      args: z.tuple([folderPathSchema]),
      run: async ([folder]) => {
        if (!(await isDirectory(folder))) {
          throw new Error(`ipc: ${IpcChannel.openDroppedFolder}: not a folder: ${folder}`);
        }
        return services.openFolder(folder);
      },
    },
    [IpcChannel.getRecentFolders]: {
      args: noArgumentsSchema,
      run: () => [...services.recentFolders()],
    },
  };

  const channels = Object.keys(table) as IpcChannelName[];
  for (const channel of channels) {
    const spec = table[channel] as ChannelSpec<IpcChannelName>;
    ipcMain.handle(channel, async (event, ...rawArgs: unknown[]) => {
      if (!isTrustedSenderFrame(event.senderFrame, location)) {
        throw new Error(`ipc: ${channel}: refused a message from an untrusted frame`);
      }
      const parsed = spec.args.safeParse(rawArgs);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where =
          issue && issue.path.length > 0 ? `argument ${issue.path.join('.')}` : 'arguments';
        throw new Error(
          `ipc: ${channel}: invalid ${where}: ${oneLine(issue?.message ?? 'invalid')}`,
        );
      }
      try {
        return await spec.run(parsed.data as never, event);
      } catch (error) {
        const message = oneLine((error as Error).message ?? String(error));
        throw new Error(message.startsWith('ipc:') ? message : `ipc: ${channel}: ${message}`);
      }
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

async function isDirectory(folder: string): Promise<boolean> {
  try {
    return (await stat(folder)).isDirectory();
  } catch {
    return false;
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
