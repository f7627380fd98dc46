/**
 * The operating system's dialogs, as the main-process modules need them. main.ts implements this
 * with Electron's `dialog`; tests pass a fake that answers like a user would.
 */

export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

export interface FileDialogRequest {
  readonly title: string;
  /** A folder, or for a save dialog a folder plus the suggested file name. */
  readonly defaultPath: string;
  readonly filters: readonly FileFilter[];
}

export type UnsavedChangesChoice = 'save' | 'discard' | 'cancel';

export interface DialogService {
  /** The chosen file, or undefined when the user cancelled. */
  chooseFileToOpen(request: FileDialogRequest): Promise<string | undefined>;
  chooseFileToSave(request: FileDialogRequest): Promise<string | undefined>;
  askToSaveChanges(designName: string): Promise<UnsavedChangesChoice>;
  /** True to recover the design, false to discard it. */
  askToRecover(designName: string, savedAt: Date): Promise<boolean>;
  /** Tells the user something went wrong; does not wait for them. */
  showError(message: string, detail: string): void;
}

export const DESIGN_FILTER: FileFilter = { name: 'Netwright design', extensions: ['json'] };
export const ONNX_FILTER: FileFilter = { name: 'ONNX model', extensions: ['onnx'] };
