import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '@shared/reader-api';

/** What the menu needs from the app. */
export interface MenuActions {
  openFolder(): void;
  openRecentFolder(folder: string): void;
  clearRecentFolders(): void;
  /** Picks the person's own area alias table (a `.json` file) and reopens the folder with it. */
  chooseAliasesFile(): void;
  /** Goes back to the shipped alias table and reopens the folder. */
  useBuiltInAreaNames(): void;
  /** Forwards a command to the page, which knows the open article and the filters. */
  sendCommand(command: MenuCommand): void;
  /** Also applied to native UI (dialogs, scroll bars) — the page is told separately. */
  setTheme(theme: 'light' | 'dark' | 'system'): void;
  showAbout(): void;
}

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /** Development build: adds Reload and Toggle Developer Tools. */
  readonly isDevelopment: boolean;
  readonly appName: string;
  readonly recentFolders: readonly string[];
  /** The person's own alias table in use, or `null` for the built-in area names. */
  readonly aliasesFile: string | null;
  readonly actions: MenuActions;
}

/**
 * The application menu as a template (pure, so it can be tested without Electron). Standard
 * items use roles, so they get the platform's labels, accelerators and behaviour.
 */
export function applicationMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions, isDevelopment } = options;
  const isMac = options.platform === 'darwin';
  const command = (name: MenuCommand) => () => actions.sendCommand(name);

  const recentItems: MenuItemConstructorOptions[] =
    options.recentFolders.length === 0
      ? [{ label: 'No Recent Folders', enabled: false }]
      : options.recentFolders.map((folder) => ({
          label: folder,
          click: () => actions.openRecentFolder(folder),
        }));

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: options.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFolder() },
      {
        label: 'Open Recent',
        submenu: [
          ...recentItems,
          { type: 'separator' },
          {
            label: 'Clear Recently Opened',
            enabled: options.recentFolders.length > 0,
            click: () => actions.clearRecentFolders(),
          },
        ],
      },
      { type: 'separator' },
      { label: 'Area Aliases…', click: () => actions.chooseAliasesFile() },
      {
        label: 'Use Built-in Area Names',
        // A tick shows which table is in use; it is only a choice while a file of your own is.
        type: 'checkbox',
        checked: options.aliasesFile === null,
        enabled: options.aliasesFile !== null,
        click: () => actions.useBuiltInAreaNames(),
      },
      { type: 'separator' },
      { label: 'Print to PDF…', accelerator: 'CmdOrCtrl+P', click: command('print-to-pdf') },
      { label: 'Print…', accelerator: 'CmdOrCtrl+Shift+P', click: command('print') },
      { label: 'Export Digest PDF…', click: command('export-digest') },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Find', accelerator: 'CmdOrCtrl+F', click: command('focus-search') },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      {
        label: 'Theme',
        // Commands, not radio items: the page owns the theme (its toolbar button changes it
        // too, and it is remembered there), so a tick here could only go stale.
        submenu: [
          { label: 'Light', click: themeClick('light') },
          { label: 'Dark', click: themeClick('dark') },
          { label: 'Follow System', click: themeClick('system') },
        ],
      },
      { type: 'separator' },
      { label: 'Toggle Filters', click: command('toggle-filters') },
      { label: 'Toggle Article', click: command('toggle-article') },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(isDevelopment
        ? ([
            { type: 'separator' },
            { role: 'reload' },
            { role: 'toggleDevTools' },
          ] as MenuItemConstructorOptions[])
        : []),
    ],
  };

  const windowMenu: MenuItemConstructorOptions[] = isMac ? [{ role: 'windowMenu' }] : [];

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: command('show-shortcuts') },
      ...(isMac
        ? []
        : ([
            { type: 'separator' },
            { label: `About ${options.appName}`, click: () => actions.showAbout() },
          ] as MenuItemConstructorOptions[])),
    ],
  };

  return [...appMenu, fileMenu, editMenu, viewMenu, ...windowMenu, helpMenu];

  function themeClick(theme: 'light' | 'dark' | 'system') {
    return () => {
      actions.setTheme(theme);
      actions.sendCommand(`theme-${theme}`);
    };
  }
}
