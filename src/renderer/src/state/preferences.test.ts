import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, loadPreferences, savePreferences } from './preferences';

const KEY = 'accord-reader:preferences';

/** A `Storage` holding `value` under the preferences key (nothing when `null`). */
function storageWith(value: string | null): Storage {
  const items = new Map<string, string>();
  if (value !== null) items.set(KEY, value);
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('loadPreferences', () => {
  it('reads back what savePreferences wrote', () => {
    const storage = storageWith(null);
    savePreferences(storage, { theme: 'dark', textSize: 22, readingWidth: 'narrow' });
    expect(loadPreferences(storage)).toEqual({
      theme: 'dark',
      textSize: 22,
      readingWidth: 'narrow',
    });
  });

  it('falls back to the defaults when nothing is stored or there is no storage', () => {
    expect(loadPreferences(storageWith(null))).toEqual(DEFAULT_PREFERENCES);
    expect(loadPreferences(undefined)).toEqual(DEFAULT_PREFERENCES);
  });

  it.each(['null', '[]', '[1,2]', '42', '"dark"', 'true', '{bad json', ''])(
    'falls back to the defaults when the store holds %j',
    (stored) => {
      expect(() => loadPreferences(storageWith(stored))).not.toThrow();
      expect(loadPreferences(storageWith(stored))).toEqual(DEFAULT_PREFERENCES);
    },
  );

  it('keeps the valid fields of an object and replaces the wrong ones', () => {
    const stored = JSON.stringify({ theme: 42, textSize: '18', readingWidth: 'wide', extra: {} });
    expect(loadPreferences(storageWith(stored))).toEqual({
      ...DEFAULT_PREFERENCES,
      readingWidth: 'wide',
    });
    const allWrong = JSON.stringify({ theme: ['dark'], textSize: 19, readingWidth: null });
    expect(loadPreferences(storageWith(allWrong))).toEqual(DEFAULT_PREFERENCES);
  });

  it('falls back to the defaults when reading the store throws', () => {
    const storage = storageWith(null);
    storage.getItem = () => {
      throw new Error('SecurityError');
    };
    expect(loadPreferences(storage)).toEqual(DEFAULT_PREFERENCES);
  });
});
