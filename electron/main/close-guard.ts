/**
 * Closing the window with unsaved changes asks first: Save, Don't Save or Cancel. Save runs the
 * renderer's own save command (its dialog, its notices) and the window closes once the renderer
 * reports the design clean; a cancelled or failed save keeps it open.
 */
import type { DesignReport } from '../../engine/core/host/desktop-shell.ts';
import type { DialogService } from './dialog-service.ts';

export interface CloseGuardOptions {
  readonly dialogs: Pick<DialogService, 'askToSaveChanges'>;
  /** Runs a renderer command (renderer/commands), as a menu item does. */
  readonly runCommand: (commandId: string) => void;
  /** Closes the window for real (the guard lets this one through). */
  readonly closeWindow: () => void;
  /** The user chose Don't Save: drop the autosaved copy. */
  readonly discardAutosave: () => Promise<void>;
  /** The user kept the window open after all (Cancel, or the save did not happen): a pending quit stops. */
  readonly onCloseCancelled: () => void;
}

export class CloseGuard {
  private design: DesignReport | undefined;
  private closing = false;
  private asking = false;
  private closeAfterSave = false;

  constructor(private readonly options: CloseGuardOptions) {}

  get dirty(): boolean {
    return this.design?.dirty ?? false;
  }

  /** The renderer's latest report. */
  report(design: DesignReport): void {
    this.design = design;
    if (this.closeAfterSave && !design.dirty) {
      this.closeAfterSave = false;
      this.close();
    }
  }

  /** A save ended without writing: the window stays. */
  saveAbandoned(): void {
    if (!this.closeAfterSave) return;
    this.closeAfterSave = false;
    this.options.onCloseCancelled();
  }

  /** The renderer is gone: nothing more can be saved from it, so closing must not wait on it. */
  rendererGone(): void {
    this.design = undefined;
    this.closeAfterSave = false;
  }

  /**
   * The window is about to close. True lets it close now; false keeps it open while the user is
   * asked (the guard closes it later if they agree).
   */
  allowClose(): boolean {
    if (this.closing || !this.dirty) return true;
    if (!this.asking) void this.ask(this.design?.document.name ?? 'Untitled');
    return false;
  }

  private async ask(name: string): Promise<void> {
    this.asking = true;
    try {
      const choice = await this.options.dialogs.askToSaveChanges(name);
      switch (choice) {
        case 'discard':
          await this.options.discardAutosave();
          this.close();
          return;
        case 'save':
          this.closeAfterSave = true;
          this.options.runCommand('file.save');
          return;
        case 'cancel':
          this.options.onCloseCancelled();
          return;
      }
    } finally {
      this.asking = false;
    }
  }

  private close(): void {
    this.closing = true;
    this.options.closeWindow();
  }
}
