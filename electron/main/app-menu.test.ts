import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../renderer/commands/registry.ts';
import { appMenuTemplate, MENU_COMMANDS, toAccelerator, type AppMenuContext, type MenuCommand } from './app-menu.ts';

function context(platform: NodeJS.Platform, overrides: Partial<AppMenuContext> = {}) {
  const commands: string[] = [];
  const opened: string[] = [];
  const menuContext: AppMenuContext = {
    platform,
    appName: 'Netwright',
    developerTools: false,
    recentFiles: [],
    runCommand: (id) => commands.push(id),
    openRecent: (path) => opened.push(path),
    ...overrides,
  };
  return { menuContext, commands, opened };
}

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu;
}

/** Clicks a menu item the way Electron would; the handlers under test read none of its arguments. */
function click(entry: MenuItemConstructorOptions | undefined): void {
  (entry?.click as (() => void) | undefined)?.();
}

function item(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = items.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

const menuCommands = Object.values(MENU_COMMANDS)
  .flat()
  .filter((entry): entry is MenuCommand => typeof entry === 'object');

describe('the menu and the renderer command registry', () => {
  it("shows each command with the registry's label and first shortcut", () => {
    for (const entry of menuCommands) {
      const command = COMMANDS.find((candidate) => candidate.id === entry.id);
      expect(command, entry.id).toBeDefined();
      expect(entry.label, entry.id).toBe(command?.label);
      expect(entry.shortcut, entry.id).toBe(command?.shortcuts?.[0]);
    }
  });

  it('has every command outside the Add group, clipboard ones as roles', () => {
    const shown = new Set(menuCommands.map((entry) => entry.id));
    const missing = COMMANDS.filter(
      (command) => command.group !== 'Add' && !command.viaClipboardEvent && !shown.has(command.id),
    ).map((command) => command.id);
    expect(missing).toEqual([]);
    const clipboard = COMMANDS.filter((command) => command.viaClipboardEvent).map((command) =>
      command.id.replace('edit.', ''),
    );
    expect(MENU_COMMANDS.Edit).toEqual(expect.arrayContaining(clipboard));
  });
});

describe('appMenuTemplate', () => {
  it('has File, Edit, View, Run and Help on Windows and Linux, and sends command ids to the page', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { menuContext, commands } = context(platform);
      const template = appMenuTemplate(menuContext);
      expect(template.map((menu) => menu.label ?? menu.role)).toEqual(['File', 'Edit', 'View', 'Run', 'Help']);
      expect(template.at(-1)?.role).toBe('help');
      const save = item(submenu(template, 'File'), 'file.save');
      click(save);
      expect(commands).toEqual(['file.save']);
      expect(submenu(template, 'File').at(-1)).toEqual({ role: 'quit' });
      expect(submenu(template, 'Help').at(-1)).toEqual({ role: 'about' });
    }
  });

  it('adds the app menu and Window on macOS, with Close in File', () => {
    const template = appMenuTemplate(context('darwin').menuContext);
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual([
      'Netwright',
      'File',
      'Edit',
      'View',
      'Run',
      'windowMenu',
      'Help',
    ]);
    expect(template[0]?.role).toBe('appMenu');
    expect(submenu(template, 'File').at(-1)).toEqual({ role: 'close' });
  });

  it('registers ⌘ shortcuts on macOS only, and shortcuts without a modifier nowhere', () => {
    const mac = submenu(appMenuTemplate(context('darwin').menuContext), 'Edit');
    const linux = submenu(appMenuTemplate(context('linux').menuContext), 'Edit');
    expect(item(mac, 'edit.undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: true });
    expect(item(linux, 'edit.undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(item(mac, 'edit.delete')).toMatchObject({ accelerator: 'Delete', registerAccelerator: false });
    expect(item(mac, 'edit.deselect')).toMatchObject({ accelerator: 'Escape', registerAccelerator: false });
    expect(mac.filter((entry) => entry.role !== undefined).map((entry) => entry.role)).toEqual([
      'cut',
      'copy',
      'paste',
    ]);
  });

  it('lists recent files on Windows and Linux and opens the one chosen; macOS keeps its own list', () => {
    const { menuContext, opened } = context('linux', { recentFiles: ['/w/lenet.json', 'C:\\models\\resnet.onnx'] });
    const recent = submenu(appMenuTemplate(menuContext), 'File').find((entry) => entry.label === 'Open Recent');
    const entries = recent?.submenu as MenuItemConstructorOptions[];
    expect(entries.map((entry) => entry.label)).toEqual(['lenet.json', 'resnet.onnx']);
    click(entries[1]);
    expect(opened).toEqual(['C:\\models\\resnet.onnx']);
    const none = submenu(appMenuTemplate(context('win32').menuContext), 'File').find(
      (entry) => entry.label === 'Open Recent',
    );
    expect(none?.submenu).toEqual([{ label: 'No recent files', enabled: false }]);
    const mac = submenu(appMenuTemplate(context('darwin').menuContext), 'File').find(
      (entry) => entry.label === 'Open Recent',
    );
    expect(mac?.role).toBe('recentDocuments');
  });

  it('offers the developer tools only when asked to', () => {
    const roles = (developerTools: boolean) =>
      submenu(appMenuTemplate(context('linux', { developerTools }).menuContext), 'View').map((entry) => entry.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });
});

describe('toAccelerator', () => {
  it("spells the registry's shortcuts the way Electron does", () => {
    expect(toAccelerator('Mod+Shift+Z')).toBe('CmdOrCtrl+Shift+Z');
    expect(toAccelerator('Mod+Alt+N')).toBe('CmdOrCtrl+Alt+N');
    expect(toAccelerator('Mod+=')).toBe('CmdOrCtrl+=');
    expect(toAccelerator('Mod+Enter')).toBe('CmdOrCtrl+Enter');
    expect(toAccelerator('Mod++')).toBe('CmdOrCtrl+Plus');
    expect(toAccelerator('Shift+1')).toBe('Shift+1');
    expect(toAccelerator('ArrowUp')).toBe('Up');
    expect(toAccelerator('?')).toBe('?');
  });
});
