import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { MAX_RECENT_FOLDERS } from './recent-folders';

/**
 * The desktop app's own settings (`userData/settings.json`): the last folder, the recent folders,
 * the person's own area alias table and the window's size and position. Writes are atomic (temporary file, then rename), so a crash
 * mid-write leaves the previous file; a file that is unreadable anyway is moved aside, never
 * deleted, and the app starts with defaults.
 */

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(200).max(100_000),
  maximized: z.boolean().default(false),
});

const settingsSchema = z.object({
  version: z.literal(1),
  lastFolder: z.string().min(1).nullable().default(null),
  recentFolders: z
    .array(z.string().min(1))
    .default([])
    .transform((folders) => folders.slice(0, MAX_RECENT_FOLDERS)),
  /**
   * The person's own area alias table (a JSON file, like `--aliases FILE` on the command line),
   * or `null` for the built-in names. Absolute, so it means the same file whatever the launch
   * directory; missing from older settings files, which therefore still load.
   */
  aliasesFile: z
    .string()
    .min(1)
    .max(4096)
    .refine((file) => isAbsolute(file), 'is not an absolute path')
    .nullable()
    .default(null),
  window: windowStateSchema.nullable().default(null),
});

export type WindowState = z.infer<typeof windowStateSchema>;
export type DesktopSettings = z.infer<typeof settingsSchema>;

export const SETTINGS_FILE_NAME = 'settings.json';

export const DEFAULT_SETTINGS: DesktopSettings = Object.freeze({
  version: 1,
  lastFolder: null,
  recentFolders: [],
  aliasesFile: null,
  window: null,
});

/** A settings file that could not be used, and where it went. */
export interface SettingsRecovery {
  readonly movedTo: string;
  /** One line: why the file was rejected. */
  readonly reason: string;
}

export interface OpenedSettings {
  readonly store: SettingsStore;
  /** Set when the file was corrupt: the app should tell the person. */
  readonly recovery: SettingsRecovery | null;
}

export class SettingsStore {
  readonly #file: string;
  #settings: DesktopSettings;
  #writes: Promise<void> = Promise.resolve();

  private constructor(file: string, settings: DesktopSettings) {
    this.#file = file;
    this.#settings = settings;
  }

  /**
   * Reads the settings in `directory`. A missing file gives defaults; a corrupt one (not JSON, or
   * not the expected shape) is renamed to `settings.json.corrupt-<timestamp>` and defaults are used.
   */
  static async open(
    directory: string,
    now: () => Date = () => new Date(),
  ): Promise<OpenedSettings> {
    const file = join(directory, SETTINGS_FILE_NAME);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { store: new SettingsStore(file, DEFAULT_SETTINGS), recovery: null };
      }
      throw new Error(`settings: cannot read ${file}: ${(error as Error).message}`);
    }
    const reason = problemWith(text);
    if (reason === null) {
      return {
        store: new SettingsStore(file, settingsSchema.parse(JSON.parse(text))),
        recovery: null,
      };
    }
    const movedTo = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    await rename(file, movedTo);
    return { store: new SettingsStore(file, DEFAULT_SETTINGS), recovery: { movedTo, reason } };
  }

  get current(): DesktopSettings {
    return this.#settings;
  }

  /**
   * Applies `change` and writes the result. Writes are queued, so the file always ends up with
   * the latest settings even when updates overlap; the returned promise settles with this write.
   */
  update(change: (settings: DesktopSettings) => DesktopSettings): Promise<void> {
    this.#settings = settingsSchema.parse(change(this.#settings));
    const snapshot = JSON.stringify(this.#settings, null, 2) + '\n';
    const write = this.#writes.then(() => writeAtomically(this.#file, snapshot));
    // A failed write must not stop later ones; the caller still sees its own failure.
    this.#writes = write.catch(() => undefined);
    return write;
  }
}

function problemWith(text: string): string | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  const result = settingsSchema.safeParse(data);
  if (result.success) return null;
  const issue = result.error.issues[0];
  return `unexpected content at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`;
}

/** Writes `text` to a temporary file beside `file`, flushes it to disk, then renames it over `file`. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const directory = dirname(file);
  await mkdir(directory, { recursive: true });
  const temporary = `${file}.${process.pid}-${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`settings: cannot save ${file}: ${(error as Error).message}`);
  }
}
