/** State of the folder and its index, pushed to every view whenever it changes. */
export interface IndexStatus {
  /** Absolute path of the open folder. */
  readonly folder: string;
  /** Last path segment, for the header. */
  readonly folderName: string;
  /**
   * `indexing`: a scan is running (`indexed` of `total` done).
   * `ready`: the index matches the disk as far as the watcher knows.
   * `missing`: the folder does not exist (or vanished); the watcher waits for it to return.
   * `error`: the folder cannot be read; `message` says why in one line.
   */
  readonly state: 'indexing' | 'ready' | 'missing' | 'error';
  readonly indexed: number;
  readonly total: number;
  /** True when the OS ran out of file watches and the watcher fell back to polling. */
  readonly polling: boolean;
  readonly message?: string;
  readonly generation: number;
}

/** A batch of changes applied to the index. Ids are post ids (relative paths). */
export interface PostsChangedEvent {
  readonly generation: number;
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly removed: readonly string[];
}
