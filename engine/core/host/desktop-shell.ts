/**
 * What the desktop app exposes to the page besides the Host (types only). The preload puts the Host
 * at `window.netwright` and this at `window.netwrightShell`; a page running in the browser has
 * neither. It lives in the engine core because both sides use it: electron/ implements it, and the
 * renderer, which may not import electron/, subscribes to it (renderer/app/desktop-shell.ts).
 *
 * A menu command arrives as its shortcut would: on macOS the menu takes ⌘ shortcuts before the
 * page sees them, so the keyboard's text-field rule (renderer/commands/keyboard.ts) applies to menu
 * commands too: with a text field focused, Edit commands act on the text (document.execCommand).
 */
import type { GraphDocument } from '../document/graph-document.ts';

/** The design the window shows, as the renderer reports it after it changes. */
export interface DesignReport {
  /** True while it differs from what was last opened or saved. */
  readonly dirty: boolean;
  /** Where it was opened from or last saved to; null when it has no file yet. */
  readonly path: string | null;
  readonly document: GraphDocument;
}

/** Unsaved work found after a crash, offered back to the user at the next start. */
export interface RecoveredDesign {
  readonly document: GraphDocument;
  /** The file it belonged to, or null for a design never saved. */
  readonly path: string | null;
  /** When it was autosaved, as an ISO 8601 time. */
  readonly savedAt: string;
}

export interface DesktopShell {
  /** A native menu item was chosen: run the renderer's command with this id (renderer/commands). */
  onCommand(listener: (commandId: string) => void): () => void;
  /** Open this file (ask about unsaved changes first); the host has already allowed the path. */
  onOpenPath(listener: (path: string) => void): () => void;
  /** Load this design as unsaved work. */
  onRecover(listener: (design: RecoveredDesign) => void): () => void;
  /**
   * Tells the shell what the window shows: for the title, closing with unsaved changes, and autosave.
   * A change of `dirty` or `path` must arrive at once (closing asks by it); edits to the document may
   * arrive a moment after they stop, since each report carries the whole document.
   */
  reportDesign(report: DesignReport): void;
}
