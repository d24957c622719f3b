import type { Ref } from 'react';
import type { Preferences, ThemeChoice } from '../state/preferences';
import { FolderSwitcher } from './folder-switcher';

const THEME_LABELS: Record<ThemeChoice, string> = {
  light: 'Light',
  dark: 'Dark',
  system: 'System',
};
const THEME_ICONS: Record<ThemeChoice, string> = { light: '☀', dark: '☾', system: '◐' };

export interface AppHeaderProps {
  readonly folderName: string | null;
  readonly folderPath: string | null;
  readonly canOpenFolder: boolean;
  readonly searchText: string;
  readonly searchRef: Ref<HTMLInputElement>;
  readonly preferences: Preferences;
  readonly filtersDrawerOpen: boolean;
  /** The "Filters" button of narrow windows, which opens the filters drawer. */
  readonly filtersToggleRef?: Ref<HTMLButtonElement>;
  /** How many filters are active: shown on the closed drawer's button, so they are not forgotten. */
  readonly activeFilterCount: number;
  readonly onSearchText: (text: string) => void;
  readonly onOpenFolder: () => void;
  /** A folder chosen from the folder switcher's recent list (desktop). */
  readonly onOpenRecentFolder: (folder: string) => void;
  readonly onToggleFiltersDrawer: () => void;
  readonly onCycleTheme: () => void;
  readonly onTextSize: (direction: 1 | -1) => void;
  readonly onCycleReadingWidth: () => void;
  readonly onShowShortcuts: () => void;
}

/** The top bar: folder, search, and the reading controls. */
export function AppHeader({
  folderName,
  folderPath,
  canOpenFolder,
  searchText,
  searchRef,
  preferences,
  filtersDrawerOpen,
  filtersToggleRef,
  activeFilterCount,
  onSearchText,
  onOpenFolder,
  onOpenRecentFolder,
  onToggleFiltersDrawer,
  onCycleTheme,
  onTextSize,
  onCycleReadingWidth,
  onShowShortcuts,
}: AppHeaderProps) {
  const showCount = activeFilterCount > 0 && !filtersDrawerOpen;
  return (
    <header className="app-header">
      <button
        ref={filtersToggleRef}
        type="button"
        className="icon-button filters-toggle"
        aria-expanded={filtersDrawerOpen}
        aria-controls="filters-pane"
        onClick={onToggleFiltersDrawer}
      >
        Filters
        {showCount && (
          <>
            {' '}
            <span className="filters-toggle__count">({activeFilterCount})</span>
          </>
        )}
      </button>
      <div className="app-header__folder">
        <span className="app-header__app-name">Accord Reader</span>
        {folderName &&
          (canOpenFolder ? (
            // Desktop: the name switches folders. Browser mode cannot open another folder.
            <FolderSwitcher
              folderName={folderName}
              folderPath={folderPath}
              onOpenRecent={onOpenRecentFolder}
              onOpenFolder={onOpenFolder}
            />
          ) : (
            <span className="app-header__folder-name" title={folderPath ?? undefined}>
              {folderName}
            </span>
          ))}
        {canOpenFolder && (
          <button type="button" className="button button--small" onClick={onOpenFolder}>
            Open folder…
          </button>
        )}
      </div>
      <div className="app-header__search" role="search">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search"
          placeholder="Search posts   /"
          autoComplete="off"
          spellCheck={false}
          value={searchText}
          onChange={(event) => onSearchText(event.target.value)}
        />
      </div>
      <div className="app-header__controls">
        <button
          type="button"
          className="icon-button"
          aria-label={`Theme: ${THEME_LABELS[preferences.theme]}`}
          title={`Theme: ${THEME_LABELS[preferences.theme]} (click to change)`}
          onClick={onCycleTheme}
        >
          <span aria-hidden="true">{THEME_ICONS[preferences.theme]}</span>
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Smaller text"
          title="Smaller text"
          onClick={() => onTextSize(-1)}
        >
          <span aria-hidden="true">A−</span>
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Larger text"
          title="Larger text"
          onClick={() => onTextSize(1)}
        >
          <span aria-hidden="true">A+</span>
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Reading width"
          title={`Reading width: ${preferences.readingWidth}`}
          onClick={onCycleReadingWidth}
        >
          <span aria-hidden="true">↔</span>
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={onShowShortcuts}
        >
          <span aria-hidden="true">?</span>
        </button>
      </div>
    </header>
  );
}
