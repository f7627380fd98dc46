/**
 * What the desktop app exposes to the page besides the Host (types only). The preload puts the Host
 * at `window.netwright` and this at `window.netwrightShell`; a page running in the browser has
 * neither. The renderer wires it in a few lines:
 *
 *   shell.onCommand((id) => commandById(id).run(editor));     // native menu items
 *   shell.onOpenPath((path) => editor.openRecent(path));       // command line, file manager, drop, Open Recent
 *   shell.onRecover((design) => ...load design.document as an unsaved design at design.path...);
 *   editor.design.subscribe((s) => shell.reportDesign({ dirty: isDirty(s), path: s.path ?? null, document: s.document }));
 *
 * A menu command arrives as its shortcut would: on macOS the menu takes ⌘ shortcuts before the
 * page sees them, so apply the keyboard's text-field rule (renderer/commands/keyboard.ts) to menu
 * commands too: with a text field focused, Edit commands act on the text (document.execCommand).
 */
import type { GraphDocument } from '../../engine/core/document/graph-document.ts';

/** The design the window shows, as the renderer reports it after every change. */
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
  /** Tells the shell what the window shows: for the title, closing with unsaved changes, and autosave. */
  reportDesign(report: DesignReport): void;
}
