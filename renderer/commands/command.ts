/**
 * A command is a plain object. Menus, keyboard shortcuts, the command palette and the help overlay
 * all read the same objects, and the desktop shell can build native menus from them.
 */
import type { Editor } from '../editor/editor.ts';

export type CommandGroup = 'File' | 'Edit' | 'Add' | 'View' | 'Run' | 'Help';

export interface Command {
  readonly id: string;
  readonly label: string;
  readonly group: CommandGroup;
  /** Shortcuts such as "Mod+Shift+Z" (Mod is ⌘ on macOS, Ctrl elsewhere); the first is shown in menus. */
  readonly shortcuts?: readonly string[];
  /** Words the command palette also matches. */
  readonly keywords?: string;
  /** When the shortcut must reach the browser: copy, cut and paste arrive as clipboard events instead. */
  readonly viaClipboardEvent?: boolean;
  canRun?(editor: Editor): boolean;
  run(editor: Editor): void | Promise<void>;
}

export function canRun(command: Command, editor: Editor): boolean {
  return command.canRun ? command.canRun(editor) : true;
}

interface ParsedShortcut {
  readonly mod: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly key: string;
}

export function parseShortcut(shortcut: string): ParsedShortcut {
  const parts = shortcut.split('+');
  // "Mod++" would split into empty parts: the key is whatever follows the last modifier.
  const key = parts.pop() || '+';
  return { mod: parts.includes('Mod'), shift: parts.includes('Shift'), alt: parts.includes('Alt'), key };
}

export interface KeyPress {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/**
 * Whether a key press is this shortcut. Letters compare by the character the layout types, digits by physical key
 * (Shift+1 gives "!" on a US layout), and a symbol such as "?" by the character it types, whatever
 * Shift it took to type it.
 */
export function matchesShortcut(shortcut: string, press: KeyPress, isMac: boolean): boolean {
  const wanted = parseShortcut(shortcut);
  const mod = isMac ? press.metaKey : press.ctrlKey;
  const stray = isMac ? press.ctrlKey : press.metaKey;
  if (wanted.mod !== mod || stray || wanted.alt !== press.altKey) return false;
  if (/^[0-9]$/.test(wanted.key)) return press.code === `Digit${wanted.key}` && wanted.shift === press.shiftKey;
  if (/^[a-z]$/i.test(wanted.key))
    return press.key.toLowerCase() === wanted.key.toLowerCase() && wanted.shift === press.shiftKey;
  if (wanted.key.length === 1 && !/[a-z0-9]/i.test(wanted.key)) return press.key === wanted.key;
  return press.key === wanted.key && wanted.shift === press.shiftKey;
}

const MAC_SYMBOLS: Readonly<Record<string, string>> = { Mod: '⌘', Shift: '⇧', Alt: '⌥' };
const KEY_NAMES: Readonly<Record<string, string>> = {
  Delete: 'Del',
  Backspace: '⌫',
  Escape: 'Esc',
  Enter: '↵',
  ArrowUp: '↑',
  ArrowDown: '↓',
};

/** "Mod+Shift+Z" → "⌘⇧Z" on macOS, "Ctrl+Shift+Z" elsewhere. */
export function formatShortcut(shortcut: string, isMac: boolean): string {
  const { mod, shift, alt, key } = parseShortcut(shortcut);
  const keyName = KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key);
  if (isMac)
    return [mod && MAC_SYMBOLS['Mod'], alt && MAC_SYMBOLS['Alt'], shift && MAC_SYMBOLS['Shift'], keyName]
      .filter(Boolean)
      .join('');
  return [mod && 'Ctrl', alt && 'Alt', shift && 'Shift', keyName].filter(Boolean).join('+');
}
