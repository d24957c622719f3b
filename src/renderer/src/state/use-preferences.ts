import { useEffect, useState } from 'react';
import { loadPreferences, savePreferences, type Preferences } from './preferences';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

/**
 * Theme, text size and reading width: loaded from and saved to `localStorage`, and applied to
 * `<html>` as data attributes (`data-theme="light|dark"`, `data-text-size`, `data-reading-width`)
 * that the stylesheet keys on — no inline styles, which the page's CSP forbids.
 */
export function usePreferences(): [Preferences, (change: Partial<Preferences>) => void] {
  const [preferences, setPreferences] = useState(() => loadPreferences(storage()));
  const [systemDark, setSystemDark] = useState(systemPrefersDark);

  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const media = window.matchMedia(DARK_QUERY);
    const onChange = () => setSystemDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    const root = document.documentElement;
    const dark = preferences.theme === 'dark' || (preferences.theme === 'system' && systemDark);
    root.dataset.theme = dark ? 'dark' : 'light';
    root.dataset.themeChoice = preferences.theme;
    root.dataset.textSize = String(preferences.textSize);
    root.dataset.readingWidth = preferences.readingWidth;
    savePreferences(storage(), preferences);
  }, [preferences, systemDark]);

  const change = (update: Partial<Preferences>) =>
    setPreferences((current) => ({ ...current, ...update }));
  return [preferences, change];
}
