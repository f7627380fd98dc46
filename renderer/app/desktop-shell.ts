/**
 * The editor's side of the desktop shell (engine/core/host/desktop-shell.ts): native menu items run
 * the registry's commands, files the shell hands over (command line, file manager, a drop on the
 * window, Open Recent) open, work recovered after a crash loads as unsaved, and the shell hears what
 * the window shows, for its title, its close prompt and autosave. A page in a browser has no shell.
 */
import type { DesignReport, DesktopShell } from '../../engine/core/index.ts';
import { COMMANDS } from '../commands/registry.ts';
import { runCommand } from '../commands/run-command.ts';
import { isDirty, type Editor } from '../editor/editor.ts';

/** The browser's own editing commands that a text field answers (document.execCommand). */
export type TextEdit = 'undo' | 'redo' | 'selectAll' | 'delete';

/** What the page lends: whether a text field has the keyboard, and the browser's editing of its text. */
export interface TextFieldPort {
  textFieldFocused(): boolean;
  editText(edit: TextEdit): void;
}

/** Edit commands as they act on the text of a focused field; the others leave it alone. */
const TEXT_EDITS: Readonly<Record<string, TextEdit>> = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'edit.selectAll': 'selectAll',
  'edit.delete': 'delete',
};

/**
 * How long the document may go unreported after an edit: each report carries the whole document
 * across IPC, so a drag or a run of keystrokes sends one when it pauses, not one per frame.
 */
export const REPORT_DELAY_MS = 500;

/** Subscribes the editor to the shell; returns the function that unsubscribes it. */
export function connectDesktopShell(
  shell: DesktopShell,
  editor: Editor,
  page: TextFieldPort,
  reportDelayMs = REPORT_DELAY_MS,
): () => void {
  const runMenuCommand = (id: string): void => {
    const command = COMMANDS.find((candidate) => candidate.id === id);
    if (!command) return;
    // The keyboard's text-field rule: there, Edit commands act on the text (macOS menus take ⌘Z before the page).
    if (command.group === 'Edit' && page.textFieldFocused()) {
      const edit = TEXT_EDITS[command.id];
      if (edit !== undefined) page.editText(edit);
      return;
    }
    // A question waiting for its answer (save changes? which file?) is not swept away; a palette or overlay is.
    const { dialog } = editor.session.getState();
    if (dialog?.kind === 'confirm' || dialog?.kind === 'file') return;
    editor.closeDialog();
    runCommand(editor, command);
  };

  let reported: DesignReport | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = (): void => {
    clearTimeout(timer);
    timer = undefined;
    const state = editor.design.getState();
    reported = { dirty: isDirty(state), path: state.path ?? null, document: state.document };
    shell.reportDesign(reported);
  };
  let seen = editor.design.getState().document;
  const onDesignChange = (): void => {
    const state = editor.design.getState();
    const edited = state.document !== seen;
    seen = state.document;
    // Dirty and path go at once: closing the window right after an edit must still ask.
    if (reported === undefined || isDirty(state) !== reported.dirty || (state.path ?? null) !== reported.path) {
      report();
    } else if (edited) {
      clearTimeout(timer);
      timer = setTimeout(report, reportDelayMs);
    }
  };

  const unsubscribers = [
    shell.onCommand(runMenuCommand),
    shell.onOpenPath((path) => void editor.openRecent(path)),
    shell.onRecover((design) => void editor.recover(design)),
    editor.design.subscribe(onDesignChange),
  ];
  return () => {
    clearTimeout(timer);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
