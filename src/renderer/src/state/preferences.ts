/** How the reader looks; remembered in `localStorage` across sessions. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** Reading widths, narrowest first; each maps to a maximum line length in the article CSS. */
export const READING_WIDTHS = ['narrow', 'medium', 'wide'] as const;
export type ReadingWidth = (typeof READING_WIDTHS)[number];

/** Article text sizes in CSS pixels; the default (18) is the middle step. */
export const TEXT_SIZES = [15, 16, 17, 18, 20, 22, 24] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export interface Preferences {
  readonly theme: ThemeChoice;
  readonly textSize: TextSize;
  readonly readingWidth: ReadingWidth;
}

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  textSize: 18,
  readingWidth: 'medium',
};

const STORAGE_KEY = 'accord-reader:preferences';

/**
 * What the store holds, as an object of unknown fields: `{}` for anything that is not a JSON
 * object (`null`, an array, a number, broken JSON, an unreadable store).
 */
function readSaved(storage: Storage | undefined): Partial<Record<keyof Preferences, unknown>> {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return {};
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return parsed as Partial<Record<keyof Preferences, unknown>>;
  } catch {
    // A corrupt or unavailable store is not worth an error: the defaults are fine.
    return {};
  }
}

/**
 * The saved preferences, with defaults for anything missing or malformed. Never throws: it runs
 * while the app first renders, where an exception would leave a blank window.
 */
export function loadPreferences(storage: Storage | undefined): Preferences {
  const saved = readSaved(storage);
  return {
    theme:
      (['system', 'light', 'dark'] as const).find((theme) => theme === saved.theme) ??
      DEFAULT_PREFERENCES.theme,
    textSize: TEXT_SIZES.find((size) => size === saved.textSize) ?? DEFAULT_PREFERENCES.textSize,
    readingWidth:
      READING_WIDTHS.find((width) => width === saved.readingWidth) ??
      DEFAULT_PREFERENCES.readingWidth,
  };
}

/** Saves preferences; storage failures (quota, private mode) are ignored. */
export function savePreferences(storage: Storage | undefined, preferences: Preferences): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(preferences));
  } catch {
    // Not remembering a preference is better than failing the click that changed it.
  }
}

/** The next text size up (`+1`) or down (`-1`), clamped to the available steps. */
export function stepTextSize(size: TextSize, direction: 1 | -1): TextSize {
  const index = TEXT_SIZES.indexOf(size);
  const next = Math.min(TEXT_SIZES.length - 1, Math.max(0, index + direction));
  return TEXT_SIZES[next]!;
}

/** Cycles narrow → medium → wide → narrow. */
export function nextReadingWidth(width: ReadingWidth): ReadingWidth {
  return READING_WIDTHS[(READING_WIDTHS.indexOf(width) + 1) % READING_WIDTHS.length]!;
}

/** Cycles light → dark → system → light (the Theme button). */
export function nextTheme(theme: ThemeChoice): ThemeChoice {
  return theme === 'light' ? 'dark' : theme === 'dark' ? 'system' : 'light';
}
