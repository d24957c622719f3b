import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useReaderApi } from '../api/reader-api-context';

export interface FolderSwitcherProps {
  /** The open folder's name, shown on the button. */
  readonly folderName: string;
  /** The open folder's full path: the button's tooltip, and which recent entry is marked. */
  readonly folderPath: string | null;
  /** A recent folder was chosen (never the open one). */
  readonly onOpenRecent: (folder: string) => void;
  /** "Open folder…" was chosen: the native picker. */
  readonly onOpenFolder: () => void;
}

/** The open menu: the recent folders it lists, and which item takes focus when it appears. */
interface OpenMenu {
  readonly folders: readonly string[];
  readonly focus: 'first' | 'last';
}

/** The last segment of a path, Windows or POSIX; the path itself for a root. */
export function folderDisplayName(folder: string): string {
  return folder.split(/[\\/]/).filter(Boolean).pop() ?? folder;
}

/** The menu's items in order (the disabled "No recent folders" too: it is focusable, not usable). */
function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return [...(menu?.querySelectorAll<HTMLElement>('[data-menu-item]') ?? [])];
}

/**
 * The open folder's name as a menu button (desktop): recent folders, the open one ticked, then
 * "Open folder…" — like a vault or workspace switcher. Follows the WAI-ARIA menu button pattern:
 * Enter, Space, ↓ or ↑ open it, arrows/Home/End/first letter move, Esc closes and returns focus
 * to the button, Tab closes and moves on. The list is asked for on every opening, so it matches
 * File → Open Recent even after that was cleared.
 */
export function FolderSwitcher({
  folderName,
  folderPath,
  onOpenRecent,
  onOpenFolder,
}: FolderSwitcherProps) {
  const api = useReaderApi();
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  // Only the latest opening may show its list (a slow answer must not reopen a closed menu).
  const openings = useRef(0);
  const buttonId = useId();
  const menuId = useId();

  const openMenu = (focus: OpenMenu['focus']) => {
    const opening = (openings.current += 1);
    api.getRecentFolders().then(
      (folders) => opening === openings.current && setMenu({ folders, focus }),
      // Without the list the menu still offers "Open folder…".
      () => opening === openings.current && setMenu({ folders: [], focus }),
    );
  };

  const closeMenu = (returnFocus: boolean) => {
    openings.current += 1;
    setMenu(null);
    if (returnFocus) buttonRef.current?.focus();
  };

  useLayoutEffect(() => {
    if (!menu) return;
    const all = menuItems(menuRef.current);
    (menu.focus === 'first' ? all[0] : all.at(-1))?.focus();
  }, [menu]);

  // A click anywhere else closes the menu, leaving focus where the click put it.
  const isOpen = menu !== null;
  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (containerRef.current?.contains(event.target as Node)) return;
      openings.current += 1;
      setMenu(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [isOpen]);

  const onButtonKeyDown = (event: ReactKeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    // Handled here: the timeline's own ↓/↑ shortcuts must not also move the selection.
    event.preventDefault();
    openMenu(event.key === 'ArrowDown' ? 'first' : 'last');
  };

  const onMenuKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const all = menuItems(menuRef.current);
    const index = all.indexOf(document.activeElement as HTMLElement);
    const focusAt = (next: number) => all[(next + all.length) % all.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focusAt(index + 1);
        break;
      case 'ArrowUp':
        focusAt(index - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(all.length - 1);
        break;
      case 'Escape':
        closeMenu(true);
        break;
      case 'Tab':
        // Focus leaves from the button, so Tab and Shift+Tab go on from where the menu began.
        buttonRef.current?.focus();
        closeMenu(false);
        return;
      default: {
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
        // First-letter type-ahead, from the item after the focused one.
        const letter = event.key.toLowerCase();
        const order = all.map((_, step) => all[(index + 1 + step) % all.length]!);
        const match = order.find((item) =>
          (item.dataset.menuLabel ?? '').toLowerCase().startsWith(letter),
        );
        if (!match) return;
        match.focus();
      }
    }
    event.preventDefault();
    event.stopPropagation();
  };

  const choose = (folder: string) => {
    closeMenu(true);
    if (folder !== folderPath) onOpenRecent(folder);
  };

  return (
    <div className="folder-switcher" ref={containerRef}>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="folder-switcher__button"
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        aria-controls={menu ? menuId : undefined}
        title={folderPath ? `${folderPath}\nSwitch folder` : 'Switch folder'}
        onClick={() => (menu ? closeMenu(true) : openMenu('first'))}
        onKeyDown={onButtonKeyDown}
      >
        <span className="app-header__folder-name">{folderName}</span>
        <span className="folder-switcher__chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      {menu && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-labelledby={buttonId}
          className="folder-switcher__menu"
          onKeyDown={onMenuKeyDown}
        >
          <div role="group" aria-label="Recent folders">
            {menu.folders.length === 0 ? (
              <div
                role="menuitem"
                aria-disabled="true"
                tabIndex={-1}
                data-menu-item=""
                data-menu-label="No recent folders"
                className="folder-switcher__item folder-switcher__item--empty"
              >
                No recent folders
              </div>
            ) : (
              menu.folders.map((folder, index) => {
                const name = folderDisplayName(folder);
                const current = folder === folderPath;
                // Named by the folder's name, described by its path: two folders of the same
                // name stay apart without every item reading out a long path first.
                const itemId = `${menuId}-${index}`;
                return (
                  <button
                    key={folder}
                    type="button"
                    role="menuitemradio"
                    aria-checked={current}
                    aria-labelledby={`${itemId}-name`}
                    aria-describedby={`${itemId}-path`}
                    tabIndex={-1}
                    data-menu-item=""
                    data-menu-label={name}
                    title={folder}
                    className="folder-switcher__item"
                    onClick={() => choose(folder)}
                  >
                    <span className="folder-switcher__tick" aria-hidden="true">
                      {current ? '✓' : ''}
                    </span>
                    <span id={`${itemId}-name`} className="folder-switcher__name">
                      {name}
                    </span>
                    <span id={`${itemId}-path`} className="folder-switcher__path">
                      {folder}
                    </span>
                  </button>
                );
              })
            )}
          </div>
          <div role="separator" className="folder-switcher__separator" />
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            data-menu-item=""
            data-menu-label="Open folder…"
            className="folder-switcher__item folder-switcher__item--action"
            onClick={() => {
              closeMenu(true);
              onOpenFolder();
            }}
          >
            <span className="folder-switcher__tick" aria-hidden="true" />
            <span className="folder-switcher__name">Open folder…</span>
          </button>
        </div>
      )}
    </div>
  );
}
