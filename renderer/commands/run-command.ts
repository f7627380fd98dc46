import type { Editor } from '../editor/editor.ts';
import { canRun, type Command } from './command.ts';

/** Runs a command if it can run now; a failure becomes an error notice, never an unhandled rejection. */
export function runCommand(editor: Editor, command: Command): boolean {
  if (!canRun(command, editor)) return false;
  const report = (error: unknown): void =>
    editor.notify(
      'error',
      `${command.label.replace(/…$/, '')} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  try {
    const result = command.run(editor);
    if (result instanceof Promise) result.catch(report);
  } catch (error) {
    report(error);
  }
  return true;
}
