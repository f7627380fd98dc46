/**
 * The session: what the user is looking at and doing, never undoable and never saved with the
 * design (selection, panels, dialogs, notices, theme).
 */
import type { TemplateSummary } from '../../engine/core/index.ts';

export interface Selection {
  readonly nodes: readonly string[];
  /** Edge keys (see edgeKey). */
  readonly edges: readonly string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

export type FileDialogMode = 'open' | 'save' | 'import' | 'export';

export type ConfirmChoice = 'save' | 'discard' | 'cancel';

/** The loose end of a wire dropped on empty canvas: which node and port it came from. */
export interface LooseWire {
  readonly nodeId: string;
  /** 'source': it left an output, so the new layer takes it as input; 'target': it left input `port`. */
  readonly side: 'source' | 'target';
  readonly port: number;
}

export type Dialog =
  | { readonly kind: 'command-palette' }
  | { readonly kind: 'quick-add'; readonly at: { readonly x: number; readonly y: number }; readonly wire: LooseWire }
  | { readonly kind: 'help' }
  | { readonly kind: 'templates' }
  | {
      readonly kind: 'file';
      readonly mode: FileDialogMode;
      readonly suggestedName: string;
      readonly resolve: (path: string | undefined) => void;
    }
  | {
      readonly kind: 'confirm';
      readonly title: string;
      readonly message: string;
      readonly resolve: (choice: ConfirmChoice) => void;
    };

export interface Notice {
  readonly id: number;
  readonly tone: 'info' | 'success' | 'error';
  readonly text: string;
}

/** How the user stops busy work that the host can cancel. */
export interface BusyCancel {
  /** The id the work was started under, for Host.cancelRun. */
  readonly taskId: string;
  /** The Cancel button's accessible name, e.g. "Cancel export". */
  readonly label: string;
  /** The notice once the work has stopped. */
  readonly notice: string;
}

export interface Busy {
  readonly task: string;
  readonly fraction: number | undefined;
  readonly cancel?: BusyCancel;
}

export type Theme = 'dark' | 'light';

export interface SessionState {
  readonly selection: Selection;
  readonly rightTab: string;
  /** Widths of the side panels in CSS pixels, as the user dragged them. */
  readonly paletteWidth: number;
  readonly detailsWidth: number;
  readonly theme: Theme;
  readonly snapToGrid: boolean;
  readonly minimap: boolean;
  readonly diagnosticsOpen: boolean;
  readonly dialog: Dialog | undefined;
  readonly notice: Notice | undefined;
  readonly busy: Busy | undefined;
  readonly recentFiles: readonly string[];
  /** Undefined until the host has listed them. */
  readonly templates: readonly TemplateSummary[] | undefined;
  /** Bumped to ask the palette to focus its search field. */
  readonly paletteFocusRequest: number;
  /** A node whose first inspector field should take the keyboard once shown (a double click); cleared then. */
  readonly inspectorFocus: string | undefined;
}

export function initialSession(theme: Theme): SessionState {
  return {
    selection: EMPTY_SELECTION,
    rightTab: 'inspector',
    paletteWidth: 236,
    detailsWidth: 360,
    theme,
    snapToGrid: true,
    minimap: true,
    diagnosticsOpen: true,
    dialog: undefined,
    notice: undefined,
    busy: undefined,
    recentFiles: [],
    templates: undefined,
    paletteFocusRequest: 0,
    inspectorFocus: undefined,
  };
}
