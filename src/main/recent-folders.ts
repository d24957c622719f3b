/** How many folders "Open Recent" remembers. */
export const MAX_RECENT_FOLDERS = 10;

/** `folder` moved to the front of `recent`, without duplicates, at most {@link MAX_RECENT_FOLDERS}. */
export function rememberFolder(recent: readonly string[], folder: string): string[] {
  return [folder, ...recent.filter((entry) => entry !== folder)].slice(0, MAX_RECENT_FOLDERS);
}
