import { describe, expect, it } from 'vitest';
import { serializeGraphDocument, type Host, type HostProgress } from '../../engine/core/index.ts';
import { lenetDocument, MemoryClipboard, MemoryHost } from '../testing/memory-host.ts';
import { Editor, NEW_DESIGN_HANDLE } from './editor.ts';

function editorWith(nativeDialogs = false): { editor: Editor; host: MemoryHost; clipboard: MemoryClipboard } {
  const host = new MemoryHost(nativeDialogs, { lenet: lenetDocument() });
  const clipboard = new MemoryClipboard();
  return { editor: new Editor(host, clipboard), host, clipboard };
}

async function withLenet(): Promise<{ editor: Editor; host: MemoryHost; clipboard: MemoryClipboard }> {
  const made = editorWith();
  await made.editor.openTemplate('lenet');
  return made;
}

/** Answers the dialog the editor opens next, as a user would. */
function answerDialogs(editor: Editor, answer: (kind: string) => string | undefined): void {
  editor.session.subscribe(() => {
    const dialog = editor.session.getState().dialog;
    if (dialog?.kind === 'file') dialog.resolve(answer('file'));
    if (dialog?.kind === 'confirm') dialog.resolve(answer('confirm') as 'save' | 'discard' | 'cancel');
  });
}

describe('Editor', () => {
  it('recomputes the analysis on every edit, incrementally', async () => {
    const { editor } = await withLenet();
    expect(editor.analysis.totals.trainableParams).toBe(61_706);
    const before = editor.analysis;
    editor.setParam('f7', 'outFeatures', 100);
    expect(editor.analysis.totals.trainableParams).toBe(61_706 + 90 * 85);
    expect(editor.analysis.nodes.get('c1')).toBe(before.nodes.get('c1'));
  });

  it('adds a layer with its defaults, selected, as one undoable step', () => {
    const { editor } = editorWith();
    const id = editor.addLayer('Conv');
    expect(id).toBe('conv1');
    expect(editor.selection.nodes).toEqual(['conv1']);
    expect(editor.addLayer('Conv')).toBe('conv2');
    const [first, second] = editor.document.nodes;
    expect(first?.position).not.toEqual(second?.position);
    editor.undo();
    expect(editor.document.nodes.map((node) => node.id)).toEqual(['conv1']);
  });

  it('places a new layer below the one selected node, on the grid and clear of other cards', async () => {
    const { editor } = await withLenet();
    editor.select({ nodes: ['logits'], edges: [] });
    const id = editor.addLayer('Softmax');
    const logits = editor.document.nodes.find((node) => node.id === 'logits')?.position;
    const added = editor.document.nodes.find((node) => node.id === id)?.position;
    expect(added?.x).toBe(logits?.x);
    expect(added?.y).toBe(1400);
    editor.select({ nodes: ['c1'], edges: [] });
    const relu = editor.addLayer('ReLU');
    const crowded = editor.document.nodes.find((node) => node.id === relu)?.position;
    // Below c1 sits t1 (y = 200), so the card moves on down past it.
    expect(crowded?.y).toBeGreaterThanOrEqual(200 + 56 + 20);
  });

  it('a wire dropped on empty canvas adds a connected layer in one step', async () => {
    const { editor } = await withLenet();
    const relu = editor.addLayerOnWire('ReLU', { x: 400, y: 300 }, { nodeId: 'c1', side: 'source', port: 0 });
    expect(editor.document.edges).toContainEqual({ source: 'c1', target: relu });
    expect(editor.document.nodes.at(-1)?.position).toEqual({ x: 320, y: 300 });
    const feeder = editor.addLayerOnWire('Conv', { x: 0, y: 0 }, { nodeId: 's4', side: 'target', port: 0 });
    expect(editor.document.edges.filter((edge) => edge.target === 's4')).toEqual([{ source: feeder, target: 's4' }]);
    editor.undo();
    editor.undo();
    expect(editor.document.nodes).toHaveLength(14);
    expect(editor.document.edges).toEqual(lenetDocument().edges);
  });

  it('a drag makes one step, however many moves it previews', async () => {
    const { editor } = await withLenet();
    editor.beginGesture('Move');
    for (let x = 1; x <= 30; x++) editor.previewChange({ kind: 'move', positions: new Map([['c1', { x, y: 5 }]]) });
    editor.endGesture();
    expect(editor.design.getState().history.past).toHaveLength(1);
    editor.undo();
    expect(editor.document.nodes[1]?.position).toEqual({ x: 0, y: 100 });
  });

  it('Escape during a drag returns to the mark and ignores the rest of the drag', async () => {
    const { editor } = await withLenet();
    const start = editor.document;
    editor.beginGesture('Move');
    editor.previewChange({ kind: 'move', positions: new Map([['c1', { x: 300, y: 5 }]]) });
    expect(editor.cancelGesture()).toBe(true);
    expect(editor.document).toBe(start);
    editor.previewChange({ kind: 'move', positions: new Map([['c1', { x: 400, y: 5 }]]) });
    editor.endGesture();
    expect(editor.document).toBe(start);
    expect(editor.canUndo).toBe(false);
  });

  it('keystrokes in one field are one step; another field or a blur starts a new one', async () => {
    const { editor } = await withLenet();
    for (const value of [1, 12, 120]) editor.setParam('c1', 'outChannels', value);
    expect(editor.design.getState().history.past).toHaveLength(1);
    editor.setParam('c1', 'kernelSize', 3);
    expect(editor.design.getState().history.past).toHaveLength(2);
    editor.sealTyping();
    editor.setParam('c1', 'kernelSize', 7);
    expect(editor.design.getState().history.past).toHaveLength(3);
    editor.undo();
    editor.undo();
    expect(editor.document.nodes[1]?.params).toEqual({ outChannels: 120, kernelSize: 5 });
  });

  it('a double click selects the node and asks the inspector to take the keyboard', async () => {
    const { editor } = await withLenet();
    editor.updateSession({ rightTab: 'summary' });
    editor.editNode('c3');
    expect(editor.selection.nodes).toEqual(['c3']);
    expect(editor.session.getState()).toMatchObject({ rightTab: 'inspector', inspectorFocus: 'c3' });
  });

  it('arrow-key nudges of one selection merge into one step', async () => {
    const { editor } = await withLenet();
    editor.select({ nodes: ['c1'], edges: [] });
    for (let x = 20; x <= 100; x += 20) editor.moveNodes(new Map([['c1', { x, y: 100 }]]));
    editor.select({ nodes: ['c3'], edges: [] });
    editor.moveNodes(new Map([['c3', { x: 20, y: 300 }]]));
    expect(editor.design.getState().history.past.map((entry) => entry.label)).toEqual(['Move', 'Move']);
  });

  it('a selection-only click keeps the redo stack', async () => {
    const { editor } = await withLenet();
    editor.setParam('c1', 'outChannels', 8);
    editor.undo();
    editor.select({ nodes: ['c3'], edges: [] });
    editor.clearSelection();
    expect(editor.canRedo).toBe(true);
    editor.redo();
    expect(editor.document.nodes[1]?.params?.['outChannels']).toBe(8);
  });

  it('refuses a connection that closes a cycle, with the reason on screen', async () => {
    const { editor } = await withLenet();
    const before = editor.document;
    expect(editor.connect({ source: 't3', target: 'c1' })).toMatch(/cycle/);
    expect(editor.document).toBe(before);
    expect(editor.session.getState().notice?.text).toMatch(/cycle c1 → t1 → s2 → c3 → t3 → c1/);
  });

  it('copy and paste into another document keep the edges inside the selection', async () => {
    const { editor, clipboard } = await withLenet();
    editor.select({ nodes: ['c3', 't3', 's4'], edges: [] });
    await editor.copy();
    expect(JSON.parse(clipboard.text)).toMatchObject({ format: 'netwright-clipboard' });
    await editor.newDesign();
    await editor.paste();
    expect(editor.document.nodes.map((node) => node.id)).toEqual(['c3', 't3', 's4']);
    expect(editor.document.edges).toEqual([
      { source: 'c3', target: 't3' },
      { source: 't3', target: 's4' },
    ]);
    expect(editor.selection.nodes).toEqual(['c3', 't3', 's4']);
  });

  it('duplicate renames the copies and leaves the clipboard alone', async () => {
    const { editor, clipboard } = await withLenet();
    editor.select({ nodes: ['f5', 't5'], edges: [] });
    expect(editor.duplicate()).toEqual(['f5_2', 't5_2']);
    expect(editor.document.edges).toContainEqual({ source: 'f5_2', target: 't5_2' });
    expect(clipboard.text).toBe('');
  });

  it('deletes the selection with its edges, and undo restores both', async () => {
    const { editor } = await withLenet();
    editor.select({ nodes: ['t1'], edges: [] });
    editor.deleteSelection();
    expect(editor.document.edges.some((edge) => edge.source === 't1' || edge.target === 't1')).toBe(false);
    expect(editor.selection.nodes).toEqual([]);
    editor.undo();
    expect(editor.document.edges).toHaveLength(13);
  });

  it('marks unsaved changes and saves through the in-app dialog', async () => {
    const { editor, host } = await withLenet();
    answerDialogs(editor, () => '/work/lenet.json');
    expect(editor.dirty).toBe(false);
    editor.setParam('c1', 'outChannels', 8);
    expect(editor.dirty).toBe(true);
    expect(await editor.save()).toBe(true);
    expect(editor.dirty).toBe(false);
    expect(editor.design.getState().path).toBe('/work/lenet.json');
    expect(host.files.get('/work/lenet.json')).toContain('"outChannels": 8');
    expect(editor.session.getState().recentFiles).toEqual(['/work/lenet.json']);
    editor.undo();
    expect(editor.dirty).toBe(true);
  });

  it('asks before replacing a design with unsaved changes, and Cancel keeps it', async () => {
    const { editor, host } = await withLenet();
    editor.setParam('c1', 'outChannels', 8);
    answerDialogs(editor, () => 'cancel');
    await editor.newDesign();
    expect(editor.document.name).toBe('LeNet-5');
    await editor.open();
    expect(host.calls.filter((call) => call.startsWith('openDesign'))).toEqual([]);
  });

  it('lets the host ask for the path when it has native dialogs', async () => {
    const { editor, host } = editorWith(true);
    await editor.open();
    await editor.exportOnnx();
    expect(host.calls).toEqual(['openDesign (dialog)']);
    editor.addLayer('Input');
    editor.setParam('input1', 'shape', [3, 8, 8]);
    editor.addLayer('Output');
    editor.connect({ source: 'input1', target: 'output1' });
    await editor.exportOnnx();
    expect(host.calls).toContain('exportOnnx new (dialog)');
  });

  it("shows an export's progress with a Cancel button; cancelling stops it with a notice", async () => {
    const made = editorWith(true);
    const { editor } = made;
    // Typed as the interface, so the stand-ins below take its signatures.
    const host: Host = made.host;
    await editor.openTemplate('lenet');
    let report: (progress: HostProgress) => void = () => undefined;
    host.onProgress = (listener) => {
      report = listener;
      return () => (report = () => undefined);
    };
    let fail: (error: Error) => void = () => undefined;
    const exportIds: (string | undefined)[] = [];
    host.exportOnnx = (_handle, _document, _path, options) => {
      exportIds.push(options?.taskId);
      return new Promise((_resolve, reject) => (fail = reject));
    };
    const cancelled: string[] = [];
    host.cancelRun = (taskId) => {
      cancelled.push(taskId);
      fail(new Error('the export was cancelled'));
      return Promise.resolve();
    };

    const exporting = editor.exportOnnx();
    await Promise.resolve();
    report({ task: 'Exporting lenet.onnx', fraction: 0.4 });
    expect(editor.session.getState().busy).toMatchObject({
      task: 'Exporting lenet.onnx',
      fraction: 0.4,
      cancel: { label: 'Cancel export' },
    });
    editor.cancelBusy();
    await exporting;
    expect(cancelled).toEqual(exportIds);
    expect(cancelled[0]).toMatch(/^export-/);
    expect(editor.session.getState().busy).toBeUndefined();
    expect(editor.session.getState().notice).toMatchObject({ tone: 'info', text: 'Export cancelled' });
  });

  it('reports a host failure as a notice instead of throwing', async () => {
    const { editor } = editorWith();
    answerDialogs(editor, () => '/work/missing.json');
    await editor.open();
    expect(editor.session.getState().notice?.tone).toBe('error');
    expect(editor.session.getState().notice?.text).toContain('does not exist');
    expect(editor.session.getState().busy).toBeUndefined();
  });

  it('recovers autosaved work as unsaved changes to its file, whose handle it keeps', async () => {
    const { editor, host } = editorWith(true);
    host.files.set('/work/lenet.json', serializeGraphDocument(lenetDocument()));
    const document = { ...lenetDocument(), name: 'Unsaved LeNet' };
    await editor.recover({ document, path: '/work/lenet.json' });
    expect(editor.document).toBe(document);
    expect(editor.dirty).toBe(true);
    expect(editor.canUndo).toBe(false);
    expect(editor.design.getState()).toMatchObject({ path: '/work/lenet.json', handle: 'h1' });
    expect(await editor.save()).toBe(true);
    expect(host.calls.at(-1)).toBe('saveDesign h1 /work/lenet.json');
    expect(host.files.get('/work/lenet.json')).toContain('"name": "Unsaved LeNet"');
    expect(editor.dirty).toBe(false);
  });

  it('recovers work whose file is gone, or that never had one, as a new design', async () => {
    const { editor } = editorWith(true);
    const gone = { ...lenetDocument(), name: 'Gone' };
    await editor.recover({ document: gone, path: '/work/gone.json' });
    expect(editor.design.getState()).toMatchObject({
      document: gone,
      path: '/work/gone.json',
      handle: NEW_DESIGN_HANDLE,
    });
    expect(editor.dirty).toBe(true);
    expect(editor.session.getState().notice?.tone).toBe('info');

    answerDialogs(editor, () => 'discard');
    const never = { ...lenetDocument(), name: 'Never saved' };
    await editor.recover({ document: never, path: null });
    expect(editor.design.getState()).toMatchObject({ document: never, path: undefined, handle: NEW_DESIGN_HANDLE });
    expect(editor.dirty).toBe(true);
  });

  it('asks before recovered work replaces unsaved changes', async () => {
    const { editor } = await withLenet();
    editor.setParam('c1', 'outChannels', 8);
    answerDialogs(editor, () => 'cancel');
    await editor.recover({ document: { ...lenetDocument(), name: 'Recovered' }, path: null });
    expect(editor.document.name).toBe('LeNet-5');
  });

  it('lays out a design that arrives without positions', async () => {
    const { editor } = editorWith();
    const document = lenetDocument();
    await editor.load({
      handle: 'h',
      path: undefined,
      hasWeights: false,
      document: { ...document, nodes: document.nodes.map(({ position: _p, ...node }) => node) },
    });
    const ys = editor.document.nodes.map((node) => node.position?.y ?? Number.NaN);
    expect(ys.every((y, i) => i === 0 || y > (ys[i - 1] ?? 0))).toBe(true);
  });
});
