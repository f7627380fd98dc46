/**
 * Every command of the designer, in one list. Menus (here and native), shortcuts, the command
 * palette and the help overlay are all built from it.
 */
import { LAYER_TYPES, layerOf } from '../../engine/core/index.ts';
import type { Editor } from '../editor/editor.ts';
import { runControllerFor } from '../run/run-controller.ts';
import type { Command } from './command.ts';

const hasNodes = (editor: Editor): boolean => editor.document.nodes.length > 0;
const hasSelection = (editor: Editor): boolean =>
  editor.selection.nodes.length > 0 || editor.selection.edges.length > 0;

function toggle(editor: Editor, key: 'snapToGrid' | 'minimap' | 'diagnosticsOpen'): void {
  editor.updateSession({ [key]: !editor.session.getState()[key] });
}

const BASE_COMMANDS: readonly Command[] = [
  { id: 'file.new', label: 'New', group: 'File', shortcuts: ['Mod+Alt+N'], run: (e) => e.newDesign() },
  { id: 'file.open', label: 'Open…', group: 'File', shortcuts: ['Mod+O'], run: (e) => e.open() },
  { id: 'file.save', label: 'Save', group: 'File', shortcuts: ['Mod+S'], run: (e) => e.save().then(() => undefined) },
  {
    id: 'file.saveAs',
    label: 'Save as…',
    group: 'File',
    shortcuts: ['Mod+Shift+S'],
    run: (e) => e.saveAs().then(() => undefined),
  },
  {
    id: 'file.templates',
    label: 'Templates…',
    group: 'File',
    keywords: 'gallery lenet alexnet vgg resnet example',
    run: (e) => e.openDialog({ kind: 'templates' }),
  },
  { id: 'file.importOnnx', label: 'Import ONNX…', group: 'File', shortcuts: ['Mod+I'], run: (e) => e.importOnnx() },
  {
    id: 'file.exportOnnx',
    label: 'Export ONNX…',
    group: 'File',
    shortcuts: ['Mod+E'],
    canRun: (e) => hasNodes(e) && e.analysis.valid,
    run: (e) => e.exportOnnx(),
  },

  {
    id: 'edit.undo',
    label: 'Undo',
    group: 'Edit',
    shortcuts: ['Mod+Z'],
    canRun: (e) => e.canUndo,
    run: (e) => e.undo(),
  },
  {
    id: 'edit.redo',
    label: 'Redo',
    group: 'Edit',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    canRun: (e) => e.canRedo,
    run: (e) => e.redo(),
  },
  {
    id: 'edit.cut',
    label: 'Cut',
    group: 'Edit',
    shortcuts: ['Mod+X'],
    viaClipboardEvent: true,
    canRun: (e) => e.hasSelection,
    run: (e) => e.cut(),
  },
  {
    id: 'edit.copy',
    label: 'Copy',
    group: 'Edit',
    shortcuts: ['Mod+C'],
    viaClipboardEvent: true,
    canRun: (e) => e.hasSelection,
    run: (e) => e.copy(),
  },
  {
    id: 'edit.paste',
    label: 'Paste',
    group: 'Edit',
    shortcuts: ['Mod+V'],
    viaClipboardEvent: true,
    run: (e) => e.paste(),
  },
  {
    id: 'edit.duplicate',
    label: 'Duplicate',
    group: 'Edit',
    shortcuts: ['Mod+D'],
    canRun: (e) => e.hasSelection,
    run: (e) => void e.duplicate(),
  },
  {
    id: 'edit.delete',
    label: 'Delete',
    group: 'Edit',
    shortcuts: ['Delete', 'Backspace'],
    canRun: hasSelection,
    run: (e) => e.deleteSelection(),
  },
  {
    id: 'edit.selectAll',
    label: 'Select all',
    group: 'Edit',
    shortcuts: ['Mod+A'],
    canRun: hasNodes,
    run: (e) => e.selectAll(),
  },
  {
    id: 'edit.deselect',
    label: 'Deselect',
    group: 'Edit',
    shortcuts: ['Escape'],
    canRun: hasSelection,
    run: (e) => e.clearSelection(),
  },

  {
    id: 'add.search',
    label: 'Add layer…',
    group: 'Add',
    shortcuts: ['Shift+A'],
    keywords: 'palette insert node',
    run: (e) => e.updateSession({ paletteFocusRequest: e.session.getState().paletteFocusRequest + 1 }),
  },

  {
    id: 'view.autoLayout',
    label: 'Auto layout',
    group: 'View',
    shortcuts: ['Mod+Shift+L'],
    keywords: 'arrange tidy elk',
    canRun: hasNodes,
    run: (e) => e.autoLayout(),
  },
  { id: 'view.fit', label: 'Fit view', group: 'View', shortcuts: ['Shift+1'], run: (e) => e.canvas?.fitView() },
  {
    id: 'view.focusSelection',
    label: 'Zoom to selection',
    group: 'View',
    shortcuts: ['Shift+2'],
    canRun: (e) => e.selection.nodes.length > 0,
    run: (e) => e.canvas?.focusNodes(e.selection.nodes),
  },
  { id: 'view.zoomIn', label: 'Zoom in', group: 'View', shortcuts: ['Mod+='], run: (e) => e.canvas?.zoomIn() },
  { id: 'view.zoomOut', label: 'Zoom out', group: 'View', shortcuts: ['Mod+-'], run: (e) => e.canvas?.zoomOut() },
  { id: 'view.snap', label: 'Toggle snap to grid', group: 'View', run: (e) => toggle(e, 'snapToGrid') },
  { id: 'view.minimap', label: 'Toggle minimap', group: 'View', run: (e) => toggle(e, 'minimap') },
  {
    id: 'view.diagnostics',
    label: 'Toggle diagnostics panel',
    group: 'View',
    shortcuts: ['Mod+J'],
    run: (e) => toggle(e, 'diagnosticsOpen'),
  },
  {
    id: 'view.inspector',
    label: 'Show inspector',
    group: 'View',
    shortcuts: ['Alt+1'],
    run: (e) => e.updateSession({ rightTab: 'inspector' }),
  },
  {
    id: 'view.summary',
    label: 'Show summary',
    group: 'View',
    shortcuts: ['Alt+2'],
    run: (e) => e.updateSession({ rightTab: 'summary' }),
  },
  {
    id: 'view.theme',
    label: 'Toggle dark and light theme',
    group: 'View',
    keywords: 'colour color appearance',
    run: (e) => e.updateSession({ theme: e.session.getState().theme === 'dark' ? 'light' : 'dark' }),
  },

  {
    id: 'run.start',
    label: 'Run',
    group: 'Run',
    // Not Mod+R: in a browser that reloads the page.
    shortcuts: ['Mod+Enter'],
    keywords: 'inference onnxruntime execute predict',
    // As the Run panel's own button: one job at a time, and the design needs an Input to feed.
    canRun: (e) =>
      runControllerFor(e).state.job === undefined && runControllerFor(e).inputFor(e.analysis) !== undefined,
    run: (e) => {
      e.updateSession({ rightTab: 'run' });
      return runControllerFor(e).run();
    },
  },
  {
    id: 'run.showPanel',
    label: 'Show Run panel',
    group: 'Run',
    shortcuts: ['Alt+3'],
    keywords: 'inference input provider',
    run: (e) => e.updateSession({ rightTab: 'run' }),
  },

  {
    id: 'help.commandPalette',
    label: 'Command palette…',
    group: 'Help',
    shortcuts: ['Mod+K', 'Mod+Shift+P'],
    run: (e) => e.openDialog({ kind: 'command-palette' }),
  },
  {
    id: 'help.shortcuts',
    label: 'Keyboard shortcuts',
    group: 'Help',
    shortcuts: ['?'],
    run: (e) => e.openDialog({ kind: 'help' }),
  },
];

/** One "Add <Type>" command per layer of the catalogue, so the palette finds layers by name too. */
const ADD_LAYER_COMMANDS: readonly Command[] = LAYER_TYPES.map((type) => ({
  id: `add.${type}`,
  label: `Add ${type}`,
  group: 'Add',
  keywords: `${layerOf(type).category} ${layerOf(type).summary}`,
  run: (e) => void e.addLayer(type),
}));

export const COMMANDS: readonly Command[] = [...BASE_COMMANDS, ...ADD_LAYER_COMMANDS];

const BY_ID = new Map(COMMANDS.map((command) => [command.id, command]));

export function commandById(id: string): Command {
  const command = BY_ID.get(id);
  if (!command) throw new Error(`no command "${id}"`);
  return command;
}

/** The menus, by command id; "-" separates, "recent" is the list of recent files. */
export const MENUS: readonly { readonly label: string; readonly items: readonly string[] }[] = [
  {
    label: 'File',
    items: [
      'file.new',
      'file.open',
      'recent',
      'file.templates',
      '-',
      'file.save',
      'file.saveAs',
      '-',
      'file.importOnnx',
      'file.exportOnnx',
    ],
  },
  {
    label: 'Edit',
    items: [
      'edit.undo',
      'edit.redo',
      '-',
      'edit.cut',
      'edit.copy',
      'edit.paste',
      'edit.duplicate',
      'edit.delete',
      '-',
      'edit.selectAll',
      'edit.deselect',
    ],
  },
  {
    label: 'View',
    items: [
      'view.autoLayout',
      '-',
      'view.fit',
      'view.focusSelection',
      'view.zoomIn',
      'view.zoomOut',
      '-',
      'view.inspector',
      'view.summary',
      'view.diagnostics',
      'view.minimap',
      'view.snap',
      'view.theme',
    ],
  },
  { label: 'Run', items: ['run.start', 'run.showPanel'] },
  { label: 'Help', items: ['help.commandPalette', 'help.shortcuts'] },
];
