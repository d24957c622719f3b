import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate, type MenuActions } from './application-menu';

function actions(): { [K in keyof MenuActions]: ReturnType<typeof vi.fn> } {
  return {
    openFolder: vi.fn(),
    openRecentFolder: vi.fn(),
    clearRecentFolders: vi.fn(),
    chooseAliasesFile: vi.fn(),
    useBuiltInAreaNames: vi.fn(),
    sendCommand: vi.fn(),
    setTheme: vi.fn(),
    showAbout: vi.fn(),
  };
}

function template(
  overrides: {
    platform?: NodeJS.Platform;
    isDevelopment?: boolean;
    recentFolders?: string[];
    aliasesFile?: string | null;
  } = {},
) {
  const fakes = actions();
  const menu = applicationMenuTemplate({
    platform: overrides.platform ?? 'linux',
    isDevelopment: overrides.isDevelopment ?? false,
    appName: 'Accord Reader',
    recentFolders: overrides.recentFolders ?? [],
    aliasesFile: overrides.aliasesFile ?? null,
    actions: fakes as unknown as MenuActions,
  });
  return { menu, fakes };
}

function items(menu: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return menu.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ]);
}

function find(menu: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = items(menu).find((entry) => entry.label === label);
  if (!item) throw new Error(`no menu item ${label}`);
  return item;
}

const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('application menu', () => {
  it('has File, Edit, View and Help, with the documented accelerators', () => {
    const { menu } = template();
    expect(menu.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(find(menu, 'Open Folder…').accelerator).toBe('CmdOrCtrl+O');
    expect(find(menu, 'Print to PDF…').accelerator).toBe('CmdOrCtrl+P');
    expect(find(menu, 'Print…').accelerator).toBe('CmdOrCtrl+Shift+P');
    expect(
      items(menu)
        .map((item) => item.role)
        .filter(Boolean),
    ).toEqual(
      expect.arrayContaining([
        'quit',
        'copy',
        'paste',
        'selectAll',
        'zoomIn',
        'zoomOut',
        'resetZoom',
      ]),
    );
  });

  it('sends page commands for items that need the page state', () => {
    const { menu, fakes } = template();
    click(find(menu, 'Print to PDF…'));
    click(find(menu, 'Print…'));
    click(find(menu, 'Export Digest PDF…'));
    click(find(menu, 'Toggle Filters'));
    click(find(menu, 'Toggle Article'));
    click(find(menu, 'Keyboard Shortcuts'));
    click(find(menu, 'Dark'));
    expect(fakes.sendCommand.mock.calls.map(([command]) => command)).toEqual([
      'print-to-pdf',
      'print',
      'export-digest',
      'toggle-filters',
      'toggle-article',
      'show-shortcuts',
      'theme-dark',
    ]);
    expect(fakes.setTheme).toHaveBeenCalledWith('dark');
  });

  it('lists recent folders and opens the one clicked', () => {
    const { menu, fakes } = template({ recentFolders: ['/home/a', '/home/b'] });
    click(find(menu, '/home/b'));
    expect(fakes.openRecentFolder).toHaveBeenCalledWith('/home/b');
    expect(template().menu.length).toBe(4);
    expect(find(template().menu, 'No Recent Folders').enabled).toBe(false);
  });

  it('picks an alias table from the File menu, and offers the built-in names only while one is in use', () => {
    const builtIn = template();
    const useBuiltIn = find(builtIn.menu, 'Use Built-in Area Names');
    expect(useBuiltIn).toMatchObject({ type: 'checkbox', checked: true, enabled: false });
    click(find(builtIn.menu, 'Area Aliases…'));
    expect(builtIn.fakes.chooseAliasesFile).toHaveBeenCalledTimes(1);

    const own = template({ aliasesFile: '/home/r/aliases.json' });
    const backToBuiltIn = find(own.menu, 'Use Built-in Area Names');
    expect(backToBuiltIn).toMatchObject({ checked: false, enabled: true });
    click(backToBuiltIn);
    expect(own.fakes.useBuiltInAreaNames).toHaveBeenCalledTimes(1);
    const file = own.menu.find((item) => item.label === '&File')!
      .submenu as MenuItemConstructorOptions[];
    expect(file.map((item) => item.label)).toEqual(
      expect.arrayContaining(['Open Folder…', 'Area Aliases…', 'Use Built-in Area Names']),
    );
  });

  it('offers Reload and Developer Tools only in development', () => {
    const roles = (menu: MenuItemConstructorOptions[]) => items(menu).map((item) => item.role);
    expect(roles(template().menu)).not.toContain('toggleDevTools');
    expect(roles(template().menu)).not.toContain('reload');
    expect(roles(template({ isDevelopment: true }).menu)).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    );
  });

  it('follows macOS conventions on macOS', () => {
    const { menu } = template({ platform: 'darwin' });
    expect(menu[0]!.label).toBe('Accord Reader');
    expect(items(menu).map((item) => item.role)).toEqual(
      expect.arrayContaining(['about', 'close', 'windowMenu']),
    );
  });
});
