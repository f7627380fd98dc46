/**
 * The editor: the one object that commands, the canvas and the panels drive. It owns two stores,
 * the design (document, analysis, history: undoable and saved) and the session (selection,
 * panels, dialogs: neither), and reaches the outside only through the Host and the ports the UI
 * plugs in. It has no React in it, so tests drive it the way a user would.
 */
import {
  analyzeGraph,
  emptyGraphDocument,
  type GraphAnalysis,
  type GraphDocument,
  type GraphEdge,
  type Host,
  type LayerType,
  type OpenedDesign,
  type RecoveredDesign,
} from '../../engine/core/index.ts';
import { applyChange, type DocumentChange, type Point } from '../document/changes.ts';
import { copyFragment, parseFragment, placeFragment, serializeFragment } from '../document/clipboard.ts';
import { edgeKey, freshNodeId } from '../document/graph-edit.ts';
import { EMPTY_HISTORY, recordEntry, redoStep, sealHistory, undoStep, type History } from '../document/history.ts';
import { formatBytes } from '../format.ts';
import { CARD_SIZE, layOut } from './layout.ts';
import { createStore, type Store } from '../state/store.ts';
import {
  EMPTY_SELECTION,
  initialSession,
  type BusyCancel,
  type ConfirmChoice,
  type Dialog,
  type FileDialogMode,
  type LooseWire,
  type Notice,
  type SessionState,
  type Selection,
  type Theme,
} from './session.ts';

/** The renderer's name for a design that the host has not seen yet; the host saves it as a new file. */
export const NEW_DESIGN_HANDLE = 'new';

export interface DesignState {
  readonly document: GraphDocument;
  /** Derived, never saved: recomputed incrementally on every edit, before anyone is notified. */
  readonly analysis: GraphAnalysis;
  readonly history: History;
  /** The document as last opened or saved: the design is dirty while the current one differs. */
  readonly savedDocument: GraphDocument;
  readonly path: string | undefined;
  readonly handle: string;
  readonly hasWeights: boolean;
}

/** What the canvas lends the editor: where the user is looking, and how to move the view. */
export interface CanvasPort {
  /** The centre of the visible area, in document coordinates. */
  viewCenter(): Point;
  /** The pointer in document coordinates while it is over the canvas. */
  pointer(): Point | undefined;
  fitView(): void;
  /** Shows a design just opened: all of it, or its top at a readable size when it is too tall for that. */
  revealDesign(): void;
  focusNodes(ids: readonly string[]): void;
  zoomIn(): void;
  zoomOut(): void;
}

export interface ClipboardPort {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

/** Grid step of the canvas; new nodes and pasted fragments land on it. */
export const GRID = 20;
const PASTE_OFFSET: Point = { x: 2 * GRID, y: 2 * GRID };

export function isDirty(state: DesignState): boolean {
  return state.document !== state.savedDocument;
}

function designFrom(opened: Pick<OpenedDesign, 'document' | 'path' | 'handle' | 'hasWeights'>): DesignState {
  return {
    document: opened.document,
    analysis: analyzeGraph(opened.document),
    history: EMPTY_HISTORY,
    savedDocument: opened.document,
    path: opened.path,
    handle: opened.handle,
    hasWeights: opened.hasWeights,
  };
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface Gesture {
  readonly before: GraphDocument;
  readonly label: string;
  cancelled: boolean;
}

export class Editor {
  readonly design: Store<DesignState>;
  readonly session: Store<SessionState>;
  private canvasPort: CanvasPort | undefined;
  private gesture: Gesture | undefined;
  private noticeCount = 0;
  private taskCount = 0;
  /** The busy work the user asked to stop, so its failure reads as the cancel it is. */
  private cancelledTask: string | undefined;
  /** The last copied text, for when the system clipboard is out of reach. */
  private clipboardFallback = '';

  constructor(
    readonly host: Host,
    readonly clipboard: ClipboardPort,
    theme: Theme = 'dark',
  ) {
    this.design = createStore(
      designFrom({ document: emptyGraphDocument(), path: undefined, handle: NEW_DESIGN_HANDLE, hasWeights: false }),
    );
    this.session = createStore(initialSession(theme));
  }

  get canvas(): CanvasPort | undefined {
    return this.canvasPort;
  }

  /** The canvas plugs itself in while mounted; returns the function that unplugs it. */
  attachCanvas(port: CanvasPort): () => void {
    this.canvasPort = port;
    return () => {
      if (this.canvasPort === port) this.canvasPort = undefined;
    };
  }

  get document(): GraphDocument {
    return this.design.getState().document;
  }

  get analysis(): GraphAnalysis {
    return this.design.getState().analysis;
  }

  get selection(): Selection {
    return this.session.getState().selection;
  }

  // ---- edits -------------------------------------------------------------------------------

  /**
   * Applies one change as one history step. Returns the reason when the change is refused (a
   * cycle, a missing node), after telling the user.
   */
  apply(change: DocumentChange, label: string, coalesceKey?: string): string | undefined {
    return this.applyAll([change], label, coalesceKey);
  }

  /** Applies changes in turn as one history step, or none of them when one is refused. */
  private applyAll(changes: readonly DocumentChange[], label: string, coalesceKey?: string): string | undefined {
    if (this.gesture) this.commitGesture();
    const state = this.design.getState();
    let document = state.document;
    for (const change of changes) {
      const result = applyChange(document, change);
      if (!result.ok) {
        this.notify('error', `Cannot ${label.toLowerCase()}: ${result.reason}`);
        return result.reason;
      }
      document = result.document;
    }
    const history = recordEntry(state.history, {
      label,
      before: state.document,
      after: document,
      ...(coalesceKey === undefined ? {} : { coalesceKey }),
    });
    this.setDocument(document, history);
    return undefined;
  }

  private setDocument(document: GraphDocument, history: History): void {
    const before = this.document;
    this.design.setState((state) =>
      state.document === document && state.history === history
        ? state
        : { ...state, document, history, analysis: analyzeGraph(document, state.analysis) },
    );
    // Moves and parameter edits keep every id: only a change of the graph's structure can orphan a selected one.
    if (document.edges !== before.edges || document.nodes.length !== before.nodes.length) this.pruneSelection();
  }

  /** Drops selected ids that no longer exist (after undo, delete or a reload). */
  private pruneSelection(): void {
    const { selection } = this.session.getState();
    if (selection.nodes.length === 0 && selection.edges.length === 0) return;
    const nodes = new Set(this.document.nodes.map((node) => node.id));
    const edges = new Set(this.document.edges.map(edgeKey));
    const keptNodes = selection.nodes.filter((id) => nodes.has(id));
    const keptEdges = selection.edges.filter((key) => edges.has(key));
    if (keptNodes.length !== selection.nodes.length || keptEdges.length !== selection.edges.length)
      this.select({ nodes: keptNodes, edges: keptEdges });
  }

  /**
   * Adds a layer with its defaults and selects it: at `at`, else below the one selected node, else
   * where the user is looking; returns its id.
   */
  addLayer(type: LayerType, at?: Point): string {
    const taken = new Set(this.document.nodes.map((node) => node.id));
    const id = freshNodeId(type, taken);
    const position = at ? snap(at) : this.freeSpotNear(this.belowSelection() ?? this.defaultDropPoint());
    this.apply({ kind: 'add', nodes: [{ id, type, position }], edges: [] }, `Add ${type}`);
    this.select({ nodes: [id], edges: [] });
    return id;
  }

  private defaultDropPoint(): Point {
    const center = this.canvas?.viewCenter() ?? { x: CARD_SIZE.width / 2, y: CARD_SIZE.height / 2 };
    return snap({ x: center.x - CARD_SIZE.width / 2, y: center.y - CARD_SIZE.height / 2 });
  }

  /**
   * Adds a layer at `at` and wires it to a loose wire's end, in one step: below an output
   * it takes that output; above an input it feeds it. Returns the new id, or undefined if refused.
   */
  addLayerOnWire(type: LayerType, at: Point, wire: LooseWire): string | undefined {
    const id = freshNodeId(type, new Set(this.document.nodes.map((node) => node.id)));
    // The port the wire will join lands where the wire was let go.
    const position = snap({
      x: at.x - CARD_SIZE.width / 2,
      y: wire.side === 'source' ? at.y : at.y - CARD_SIZE.height,
    });
    const edge: GraphEdge =
      wire.side === 'source'
        ? { source: wire.nodeId, target: id }
        : { source: id, target: wire.nodeId, ...(wire.port === 0 ? {} : { targetPort: wire.port }) };
    const refused = this.applyAll(
      [
        { kind: 'add', nodes: [{ id, type, position }], edges: [] },
        { kind: 'connect', edge },
      ],
      `Add ${type}`,
    );
    if (refused) return undefined;
    this.select({ nodes: [id], edges: [] });
    return id;
  }

  private belowSelection(): Point | undefined {
    const [id, ...others] = this.selection.nodes;
    if (id === undefined || others.length > 0) return undefined;
    const position = this.document.nodes.find((node) => node.id === id)?.position;
    return position && snap({ x: position.x, y: position.y + CARD_SIZE.height + 2 * GRID });
  }

  /** Moves down a row at a time until the new card covers no other, so adds never stack out of sight. */
  private freeSpotNear(point: Point): Point {
    const overlaps = (spot: Point): boolean =>
      this.document.nodes.some(
        ({ position: p }) =>
          p !== undefined &&
          Math.abs(p.x - spot.x) < CARD_SIZE.width &&
          Math.abs(p.y - spot.y) < CARD_SIZE.height + GRID,
      );
    let spot = point;
    while (overlaps(spot)) spot = { x: spot.x, y: spot.y + CARD_SIZE.height + 2 * GRID };
    return spot;
  }

  /** Connects an output to an input port; returns why not when refused. */
  connect(edge: GraphEdge): string | undefined {
    return this.apply({ kind: 'connect', edge }, 'Connect');
  }

  /** One keystroke in an inspector field: keystrokes on the same field merge into one step. */
  setParam(nodeId: string, key: string, value: unknown): void {
    this.apply({ kind: 'set-param', nodeId, key, value }, `Set ${key}`, `param:${nodeId}:${key}`);
  }

  /** Ends the current typing step (a field lost focus). */
  sealTyping(): void {
    this.design.setState((state) => {
      const history = sealHistory(state.history);
      return history === state.history ? state : { ...state, history };
    });
  }

  rename(name: string): void {
    this.apply({ kind: 'set-name', name }, 'Rename design', 'design-name');
  }

  deleteSelection(): void {
    const { nodes, edges } = this.selection;
    if (nodes.length === 0 && edges.length === 0) return;
    const keys = new Set(edges);
    this.apply(
      { kind: 'remove', nodeIds: nodes, edges: this.document.edges.filter((edge) => keys.has(edgeKey(edge))) },
      nodes.length + edges.length === 1 ? 'Delete' : `Delete ${nodes.length + edges.length} items`,
    );
  }

  // ---- gestures: a drag is one step, Escape returns to where it started -----------------------

  beginGesture(label: string): void {
    if (this.gesture) this.commitGesture();
    this.gesture = { before: this.document, label, cancelled: false };
  }

  /** True from a drag's start to its end, even after Escape cancelled it. */
  get inGesture(): boolean {
    return this.gesture !== undefined;
  }

  /** Shows a change while a gesture runs, without a history step. */
  previewChange(change: DocumentChange): void {
    if (!this.gesture || this.gesture.cancelled) return;
    const result = applyChange(this.document, change);
    if (result.ok) this.setDocument(result.document, this.design.getState().history);
  }

  commitGesture(): void {
    const gesture = this.gesture;
    this.gesture = undefined;
    if (!gesture || gesture.cancelled) return;
    const state = this.design.getState();
    this.setDocument(
      state.document,
      recordEntry(state.history, { label: gesture.label, before: gesture.before, after: state.document }),
    );
  }

  /** Moves nodes: part of the running drag, or a step of its own (keyboard nudges merge into one). */
  moveNodes(positions: ReadonlyMap<string, Point>): void {
    const change: DocumentChange = { kind: 'move', positions };
    if (this.gesture) this.previewChange(change);
    else this.apply(change, 'Move', 'nudge');
  }

  /** Escape during a drag: back to the mark; the rest of the drag is ignored until it ends. */
  cancelGesture(): boolean {
    const gesture = this.gesture;
    if (!gesture || gesture.cancelled) return false;
    gesture.cancelled = true;
    this.setDocument(gesture.before, this.design.getState().history);
    return true;
  }

  /** The drag ended (pointer up): closes the gesture, committed or cancelled. */
  endGesture(): void {
    if (this.gesture?.cancelled) this.gesture = undefined;
    else this.commitGesture();
  }

  // ---- history --------------------------------------------------------------------------------

  get canUndo(): boolean {
    return this.design.getState().history.past.length > 0;
  }

  get canRedo(): boolean {
    return this.design.getState().history.future.length > 0;
  }

  undo(): void {
    if (this.gesture) this.cancelGesture();
    const step = undoStep(this.design.getState().history);
    if (step) this.setDocument(step.document, step.history);
  }

  redo(): void {
    const step = redoStep(this.design.getState().history);
    if (step) this.setDocument(step.document, step.history);
  }

  // ---- selection (session only: never a history step) ----------------------------------------

  select(selection: Selection): void {
    if (sameSelection(this.selection, selection)) return;
    this.session.setState((state) => ({ ...state, selection }));
    // Arrow-key nudges of one selection make one step; the next selection's start another.
    this.sealTyping();
  }

  selectAll(): void {
    this.select({ nodes: this.document.nodes.map((node) => node.id), edges: [] });
  }

  clearSelection(): void {
    this.select(EMPTY_SELECTION);
  }

  /** Selects a node and puts the cursor in its first inspector field (a double click on its card). */
  editNode(id: string): void {
    this.select({ nodes: [id], edges: [] });
    this.updateSession({ rightTab: 'inspector', inspectorFocus: id });
  }

  /** Selects a node and brings it into view (summary rows, diagnostics). */
  focusNode(id: string): void {
    this.select({ nodes: [id], edges: [] });
    this.canvas?.focusNodes([id]);
  }

  // ---- clipboard ------------------------------------------------------------------------------

  get hasSelection(): boolean {
    return this.selection.nodes.length > 0;
  }

  /** The selection as clipboard text (nodes and the edges between them), or undefined when empty. */
  copyText(): string | undefined {
    if (!this.hasSelection) return undefined;
    const text = serializeFragment(copyFragment(this.document, this.selection.nodes));
    this.clipboardFallback = text;
    return text;
  }

  async copy(): Promise<void> {
    const text = this.copyText();
    if (text === undefined) return;
    await this.clipboard.writeText(text).catch(() => undefined);
  }

  async cut(): Promise<void> {
    await this.copy();
    this.deleteSelection();
  }

  async paste(): Promise<void> {
    const text = await this.clipboard.readText().catch(() => this.clipboardFallback);
    this.pasteText(text || this.clipboardFallback);
  }

  /** Pastes clipboard text at the pointer, or beside the originals; returns the new ids. */
  pasteText(text: string, at: Point | undefined = this.canvas?.pointer()): readonly string[] {
    const fragment = parseFragment(text);
    if (!fragment || fragment.nodes.length === 0) {
      this.notify('info', 'The clipboard holds no Netwright nodes to paste');
      return [];
    }
    const placement = placeFragment(this.document, fragment, at ? { at: snap(at) } : { offset: PASTE_OFFSET });
    const refused = this.apply(
      { kind: 'add', nodes: placement.fragment.nodes, edges: placement.fragment.edges },
      `Paste ${placement.nodeIds.length === 1 ? 'node' : `${placement.nodeIds.length} nodes`}`,
    );
    if (refused) return [];
    this.select({ nodes: placement.nodeIds, edges: [] });
    return placement.nodeIds;
  }

  /** Copies and pastes in one step, beside the originals, without touching the clipboard. */
  duplicate(): readonly string[] {
    if (!this.hasSelection) return [];
    const fragment = copyFragment(this.document, this.selection.nodes);
    const placement = placeFragment(this.document, fragment, { offset: PASTE_OFFSET });
    this.apply(
      { kind: 'add', nodes: placement.fragment.nodes, edges: placement.fragment.edges },
      `Duplicate ${placement.nodeIds.length === 1 ? 'node' : `${placement.nodeIds.length} nodes`}`,
    );
    this.select({ nodes: placement.nodeIds, edges: [] });
    return placement.nodeIds;
  }

  // ---- layout ---------------------------------------------------------------------------------

  async autoLayout(): Promise<void> {
    const laidOut = await layOut(this.document);
    const positions = new Map(laidOut.nodes.flatMap((node) => (node.position ? [[node.id, node.position]] : [])));
    this.apply({ kind: 'move', positions }, 'Auto layout');
    this.canvas?.fitView();
  }

  // ---- documents through the host -------------------------------------------------------------

  get dirty(): boolean {
    return isDirty(this.design.getState());
  }

  /**
   * Loads a design in place of the current one: fresh history, nothing selected, laid out if needed.
   * With `unsaved`, that document is shown instead, as unsaved changes to the opened one.
   */
  async load(opened: OpenedDesign, unsaved?: GraphDocument): Promise<void> {
    const shown = unsaved ?? opened.document;
    const document = shown.nodes.every((node) => node.position) ? shown : await layOut(shown);
    this.gesture = undefined;
    const design = designFrom({ ...opened, document });
    this.design.setState(unsaved === undefined ? design : { ...design, savedDocument: opened.document });
    this.select(EMPTY_SELECTION);
    this.canvas?.revealDesign();
  }

  /**
   * Loads work autosaved before a crash as unsaved changes: to the file it belonged to when that
   * still opens (its weights come along), else to a new design that saves to that file.
   */
  async recover(recovered: Pick<RecoveredDesign, 'document' | 'path'>): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    const path = recovered.path ?? undefined;
    await this.run('Recovering unsaved work', async () => {
      const saved = path === undefined ? undefined : await this.host.openDesign(path).catch(() => undefined);
      const base = saved ?? { document: emptyGraphDocument(), path, handle: NEW_DESIGN_HANDLE, hasWeights: false };
      await this.load(base, recovered.document);
      this.notify('info', `Recovered unsaved changes to “${recovered.document.name}”: save them to keep them`);
    });
  }

  /** Asks before the current design is replaced while it has unsaved changes. */
  async confirmDiscard(): Promise<boolean> {
    if (!this.dirty) return true;
    const choice = await new Promise<ConfirmChoice>((resolve) =>
      this.openDialog({
        kind: 'confirm',
        title: 'Save changes?',
        message: `“${this.document.name}” has unsaved changes. Save them before it closes?`,
        resolve,
      }),
    );
    this.closeDialog();
    if (choice === 'cancel') return false;
    if (choice === 'discard') return true;
    return this.save();
  }

  async newDesign(): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    await this.load({ document: emptyGraphDocument(), path: undefined, handle: NEW_DESIGN_HANDLE, hasWeights: false });
  }

  async open(): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    await this.openFrom('open');
  }

  async openRecent(path: string): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    await this.run(`Opening ${fileName(path)}`, async () => {
      const opened = await this.host.openDesign(path);
      if (opened) await this.load(opened);
    });
    await this.refreshRecentFiles();
  }

  async importOnnx(): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    await this.openFrom('import');
  }

  private async openFrom(mode: 'open' | 'import'): Promise<void> {
    const path = await this.pickPath(mode, '');
    if (path === null) return;
    await this.run(mode === 'import' ? 'Importing ONNX' : 'Opening', async () => {
      const opened = await this.host.openDesign(path);
      if (!opened) return;
      await this.load(opened);
      if (mode === 'import')
        this.notify('success', `Imported ${opened.document.nodes.length} nodes from ${fileName(opened.path ?? '')}`);
    });
    await this.refreshRecentFiles();
  }

  async openTemplate(id: string): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    this.closeDialog();
    await this.run('Opening template', async () => this.load(await this.host.openTemplate(id)));
  }

  /** Saves to the design's file, or asks where when it has none. Returns whether it was saved. */
  async save(): Promise<boolean> {
    const { path } = this.design.getState();
    return path === undefined ? this.saveAs() : this.saveTo(path);
  }

  async saveAs(): Promise<boolean> {
    const path = await this.pickPath('save', `${slug(this.document.name)}.json`);
    if (path === null) return false;
    return this.saveTo(path);
  }

  private async saveTo(path: string | undefined): Promise<boolean> {
    const { handle, document } = this.design.getState();
    let written: string | undefined;
    await this.run('Saving', async () => {
      written = await this.host.saveDesign(handle, document, path);
    });
    if (written === undefined) return false;
    const savedPath = written;
    this.design.setState((state) => ({ ...state, savedDocument: document, path: savedPath }));
    this.notify('success', `Saved ${fileName(savedPath)}`);
    await this.refreshRecentFiles();
    return true;
  }

  async exportOnnx(): Promise<void> {
    const errors = this.analysis.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0 || this.document.nodes.length === 0) {
      this.notify(
        'error',
        errors > 0 ? `Fix the ${errors} error${errors === 1 ? '' : 's'} before exporting` : 'The design is empty',
      );
      return;
    }
    const path = await this.pickPath('export', `${slug(this.document.name)}.onnx`);
    if (path === null) return;
    const { handle, document } = this.design.getState();
    const taskId = `export-${Date.now().toString(36)}-${++this.taskCount}`;
    await this.run(
      'Exporting ONNX',
      async () => {
        const report = await this.host.exportOnnx(handle, document, path, { taskId });
        if (!report) return;
        const fresh = report.initialisedNodes.length;
        this.notify(
          'success',
          `Exported ${fileName(report.path)} (${formatBytes(report.bytes)})` +
            (fresh > 0 ? `; ${fresh} node${fresh === 1 ? '' : 's'} got fresh weights` : ''),
        );
      },
      { taskId, label: 'Cancel export', notice: 'Export cancelled' },
    );
  }

  /**
   * Where to read or write: undefined lets the host's own dialog ask; null means the user cancelled
   * the in-app dialog.
   */
  private async pickPath(mode: FileDialogMode, suggestedName: string): Promise<string | undefined | null> {
    if (this.host.nativeDialogs) return undefined;
    const path = await new Promise<string | undefined>((resolve) =>
      this.openDialog({ kind: 'file', mode, suggestedName, resolve }),
    );
    this.closeDialog();
    return path ?? null;
  }

  async refreshRecentFiles(): Promise<void> {
    const recentFiles = await this.host.recentFiles().catch(() => this.session.getState().recentFiles);
    this.session.setState((state) => ({ ...state, recentFiles }));
  }

  async loadTemplates(): Promise<void> {
    try {
      const templates = await this.host.listTemplates();
      this.session.setState((state) => ({ ...state, templates }));
    } catch (error) {
      this.notify('error', `Could not list the templates: ${describeError(error)}`);
    }
  }

  /**
   * Runs host work with a busy indicator, with a Cancel button when `cancel` is given; failures become
   * an error notice instead of a crash, and a cancelled task's failure becomes its cancel notice.
   */
  private async run(task: string, work: () => Promise<void>, cancel?: BusyCancel): Promise<void> {
    this.session.setState((state) => ({
      ...state,
      busy: { task, fraction: undefined, ...(cancel ? { cancel } : {}) },
    }));
    const unsubscribe = this.host.onProgress((progress) =>
      this.session.setState((state) =>
        state.busy ? { ...state, busy: { ...state.busy, task: progress.task, fraction: progress.fraction } } : state,
      ),
    );
    try {
      await work();
    } catch (error) {
      if (cancel !== undefined && this.cancelledTask === cancel.taskId) this.notify('info', cancel.notice);
      else this.notify('error', `${task} failed: ${describeError(error)}`);
    } finally {
      unsubscribe();
      this.cancelledTask = undefined;
      this.session.setState((state) => ({ ...state, busy: undefined }));
    }
  }

  /** Asks the host to stop the busy work, where it can be stopped; the work then ends with its cancel notice. */
  cancelBusy(): void {
    const cancel = this.session.getState().busy?.cancel;
    if (cancel === undefined) return;
    this.cancelledTask = cancel.taskId;
    void this.host.cancelRun(cancel.taskId).catch(() => undefined);
  }

  // ---- session ----------------------------------------------------------------------------------

  openDialog(dialog: Dialog): void {
    this.session.setState((state) => ({ ...state, dialog }));
  }

  closeDialog(): void {
    this.session.setState((state) => (state.dialog === undefined ? state : { ...state, dialog: undefined }));
  }

  notify(tone: Notice['tone'], text: string): void {
    const notice = { id: ++this.noticeCount, tone, text };
    this.session.setState((state) => ({ ...state, notice }));
  }

  dismissNotice(id: number): void {
    this.session.setState((state) => (state.notice?.id === id ? { ...state, notice: undefined } : state));
  }

  updateSession(patch: Partial<Omit<SessionState, 'selection' | 'dialog' | 'notice'>>): void {
    this.session.setState((state) => ({ ...state, ...patch }));
  }
}

function sameSelection(a: Selection, b: Selection): boolean {
  return sameList(a.nodes, b.nodes) && sameList(a.edges, b.edges);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function snap(point: Point): Point {
  return { x: Math.round(point.x / GRID) * GRID, y: Math.round(point.y / GRID) * GRID };
}

function slug(name: string): string {
  return (
    name
      .trim()
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'design'
  );
}
