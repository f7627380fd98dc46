import { matchesShortcut, type Command, type KeyPress } from './command.ts';

/**
 * The command a key press runs, if any. In a text field only shortcuts with Mod outside the Edit
 * group apply (Save, the command palette): undo, copy or select-all there act on the text.
 */
export function commandForKey(
  commands: readonly Command[],
  press: KeyPress,
  isMac: boolean,
  inTextField: boolean,
): Command | undefined {
  const command = commands.find((candidate) =>
    candidate.shortcuts?.some((shortcut) => matchesShortcut(shortcut, press, isMac)),
  );
  if (!command || !inTextField) return command;
  const usesMod = command.shortcuts?.some((shortcut) => shortcut.startsWith('Mod+')) ?? false;
  return usesMod && command.group !== 'Edit' ? command : undefined;
}
