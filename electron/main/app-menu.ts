/**
 * The native menu bar. Its items are the renderer's commands (renderer/commands/registry.ts): a
 * click sends the command's id to the page, which runs the same object its toolbar, shortcuts and
 * command palette run. Labels and shortcuts are the registry's (a test holds them equal); the
 * operating system's own items (Quit, Hide, Window, the text clipboard) use Electron's roles.
 *
 * Accelerators: on Windows and Linux keys reach the page first and its keyboard handler runs the
 * command, so the menu only shows them. On macOS the menu sees ⌘ keys before the page, so ⌘
 * shortcuts are registered there. Shortcuts without a modifier (Delete, Shift+A, ?) are never
 * registered: they would swallow typing in the inspector's fields.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** A renderer command as the menu shows it; `shortcut` is in the registry's notation ("Mod+Shift+Z"). */
export interface MenuCommand {
  readonly id: string;
  readonly label: string;
  readonly shortcut?: string;
}

type MenuSpecItem = MenuCommand | 'separator' | 'recent' | 'cut' | 'copy' | 'paste';

const command = (id: string, label: string, shortcut?: string): MenuCommand =>
  shortcut === undefined ? { id, label } : { id, label, shortcut };

/** The native menus in order, each with the renderer's commands it shows. */
export const MENU_COMMANDS: Readonly<Record<string, readonly MenuSpecItem[]>> = {
  File: [
    command('file.new', 'New', 'Mod+Alt+N'),
    command('file.open', 'Open…', 'Mod+O'),
    'recent',
    command('file.templates', 'Templates…'),
    'separator',
    command('file.save', 'Save', 'Mod+S'),
    command('file.saveAs', 'Save as…', 'Mod+Shift+S'),
    'separator',
    command('file.importOnnx', 'Import ONNX…', 'Mod+I'),
    command('file.exportOnnx', 'Export ONNX…', 'Mod+E'),
  ],
  Edit: [
    command('edit.undo', 'Undo', 'Mod+Z'),
    command('edit.redo', 'Redo', 'Mod+Shift+Z'),
    'separator',
    'cut',
    'copy',
    'paste',
    command('edit.duplicate', 'Duplicate', 'Mod+D'),
    command('edit.delete', 'Delete', 'Delete'),
    'separator',
    command('edit.selectAll', 'Select all', 'Mod+A'),
    command('edit.deselect', 'Deselect', 'Escape'),
  ],
  View: [
    command('view.autoLayout', 'Auto layout', 'Mod+Shift+L'),
    'separator',
    command('view.fit', 'Fit view', 'Shift+1'),
    command('view.focusSelection', 'Zoom to selection', 'Shift+2'),
    command('view.zoomIn', 'Zoom in', 'Mod+='),
    command('view.zoomOut', 'Zoom out', 'Mod+-'),
    'separator',
    command('view.inspector', 'Show inspector', 'Alt+1'),
    command('view.summary', 'Show summary', 'Alt+2'),
    command('view.diagnostics', 'Toggle diagnostics panel', 'Mod+J'),
    command('view.minimap', 'Toggle minimap'),
    command('view.snap', 'Toggle snap to grid'),
    command('view.theme', 'Toggle dark and light theme'),
  ],
  Run: [command('run.start', 'Run', 'Mod+Enter'), command('run.showPanel', 'Show Run panel', 'Alt+3')],
  Help: [
    command('help.commandPalette', 'Command palette…', 'Mod+K'),
    command('help.shortcuts', 'Keyboard shortcuts', '?'),
  ],
};

/** The registry's key names that Electron's accelerators spell differently. */
const ACCELERATOR_KEYS: Readonly<Record<string, string>> = {
  '+': 'Plus',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  ' ': 'Space',
};

/** "Mod+Shift+Z" → "CmdOrCtrl+Shift+Z". */
export function toAccelerator(shortcut: string): string {
  const parts = shortcut.split('+');
  const key = parts.pop() || '+';
  // "Mod++" splits into empty parts around the key "+".
  const modifiers = parts.filter((part) => part !== '').map((part) => (part === 'Mod' ? 'CmdOrCtrl' : part));
  const name = ACCELERATOR_KEYS[key] ?? (key.length === 1 ? key.toUpperCase() : key);
  return [...modifiers, name].join('+');
}

export interface AppMenuContext {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  /** Adds the developer tools; never in a packaged app. */
  readonly developerTools: boolean;
  /** Recent files, newest first (the Open Recent submenu on Windows and Linux; macOS keeps its own). */
  readonly recentFiles: readonly string[];
  runCommand(commandId: string): void;
  openRecent(path: string): void;
}

function commandItem(item: MenuCommand, context: AppMenuContext): MenuItemConstructorOptions {
  const options: MenuItemConstructorOptions = {
    id: item.id,
    label: item.label,
    click: () => context.runCommand(item.id),
  };
  if (item.shortcut === undefined) return options;
  const registered = context.platform === 'darwin' && item.shortcut.startsWith('Mod+');
  return { ...options, accelerator: toAccelerator(item.shortcut), registerAccelerator: registered };
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function recentItem(context: AppMenuContext): MenuItemConstructorOptions {
  if (context.platform === 'darwin')
    return { label: 'Open Recent', role: 'recentDocuments', submenu: [{ role: 'clearRecentDocuments' }] };
  const submenu: MenuItemConstructorOptions[] =
    context.recentFiles.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : context.recentFiles.map((path) => ({
          label: fileName(path),
          toolTip: path,
          click: () => context.openRecent(path),
        }));
  return { label: 'Open Recent', submenu };
}

function items(spec: readonly MenuSpecItem[], context: AppMenuContext): MenuItemConstructorOptions[] {
  return spec.map((item) => {
    switch (item) {
      case 'separator':
        return { type: 'separator' };
      case 'recent':
        return recentItem(context);
      case 'cut':
      case 'copy':
      case 'paste':
        // Roles make the page receive the clipboard events its handlers expect, in text fields and on the canvas.
        return { role: item };
      default:
        return commandItem(item, context);
    }
  });
}

/** The operating system's own items at the end of a menu. */
function systemItems(menu: string, context: AppMenuContext): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  switch (menu) {
    case 'File':
      return [separator, mac ? { role: 'close' } : { role: 'quit' }];
    case 'View':
      return [
        separator,
        { role: 'togglefullscreen' },
        ...(context.developerTools ? [{ role: 'toggleDevTools' } as const] : []),
      ];
    case 'Help':
      return mac ? [] : [separator, { role: 'about' }];
    default:
      return [];
  }
}

/**
 * The menu bar as Electron's template: one menu per entry of MENU_COMMANDS, in order, plus the app
 * menu and Window on macOS.
 */
export function appMenuTemplate(context: AppMenuContext): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  const menus: MenuItemConstructorOptions[] = mac ? [{ label: context.appName, role: 'appMenu' }] : [];
  for (const [label, spec] of Object.entries(MENU_COMMANDS)) {
    if (label === 'Help' && mac) menus.push({ role: 'windowMenu' });
    const submenu = [...items(spec, context), ...systemItems(label, context)];
    menus.push(label === 'Help' ? { label, role: 'help', submenu } : { label, submenu });
  }
  return menus;
}
