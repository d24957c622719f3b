/**
 * Dropping a folder on the window opens it. The preload (not the page) turns the dropped item
 * into a path with `webUtils.getPathForFile` — the page never learns real paths — and asks the
 * main process to open it over a channel the page cannot reach; main accepts only an existing
 * directory.
 *
 * Typed structurally because the preload is compiled without the DOM library.
 */

interface DroppedFiles {
  readonly length: number;
  readonly [index: number]: unknown;
}

export interface DragEventLike {
  preventDefault(): void;
  readonly dataTransfer: { readonly types: readonly string[]; readonly files: DroppedFiles } | null;
}

export interface DropTarget {
  addEventListener(type: 'dragover' | 'drop', listener: (event: DragEventLike) => void): void;
}

export interface FolderDropOptions {
  /** `webUtils.getPathForFile`: the real path, or `''` for things that are not files. */
  readonly pathOf: (file: unknown) => string;
  readonly openFolder: (folder: string) => Promise<unknown>;
  readonly onError?: (error: Error) => void;
}

export function installFolderDrop(target: DropTarget, options: FolderDropOptions): void {
  const carriesFiles = (event: DragEventLike) =>
    event.dataTransfer?.types.includes('Files') === true;
  target.addEventListener('dragover', (event) => {
    // Without this the drop is refused (or the file opened as a page, which main prevents).
    if (carriesFiles(event)) event.preventDefault();
  });
  target.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    const files = event.dataTransfer!.files;
    if (files.length !== 1) return;
    const path = options.pathOf(files[0]);
    if (!path) return;
    options.openFolder(path).catch((error: Error) => options.onError?.(error));
  });
}
