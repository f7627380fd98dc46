/**
 * A read-only window into the running designer for end-to-end tests and benchmarks only:
 * `window.__netwright`. The UI never reads it, and it exposes no way to change anything.
 */
import type { GraphDocument, GraphTotals } from '../../engine/core/index.ts';
import type { Editor } from '../editor/editor.ts';
import type { Selection } from '../editor/session.ts';

export interface NetwrightTestHook {
  readonly document: GraphDocument;
  readonly totals: GraphTotals;
  readonly valid: boolean;
  readonly diagnostics: readonly {
    readonly severity: string;
    readonly code: string;
    readonly nodeId: string | undefined;
  }[];
  readonly selection: Selection;
  readonly dirty: boolean;
  readonly path: string | undefined;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

declare global {
  interface Window {
    __netwright?: NetwrightTestHook;
  }
}

export function installTestHook(editor: Editor): void {
  const hook: NetwrightTestHook = {
    get document() {
      return editor.document;
    },
    get totals() {
      return editor.analysis.totals;
    },
    get valid() {
      return editor.analysis.valid;
    },
    get diagnostics() {
      return editor.analysis.diagnostics.map(({ severity, code, nodeId }) => ({ severity, code, nodeId }));
    },
    get selection() {
      return editor.selection;
    },
    get dirty() {
      return editor.dirty;
    },
    get path() {
      return editor.design.getState().path;
    },
    get canUndo() {
      return editor.canUndo;
    },
    get canRedo() {
      return editor.canRedo;
    },
  };
  Object.defineProperty(window, '__netwright', { value: Object.freeze(hook), configurable: true });
}
