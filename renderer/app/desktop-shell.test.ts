import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  serializeGraphDocument,
  type DesignReport,
  type DesktopShell,
  type RecoveredDesign,
} from '../../engine/core/index.ts';
import { Editor } from '../editor/editor.ts';
import { lenetDocument, MemoryClipboard, MemoryHost } from '../testing/memory-host.ts';
import { connectDesktopShell, REPORT_DELAY_MS, type TextEdit } from './desktop-shell.ts';

/** The shell as the preload exposes it, played by the test: it sends what the main process would. */
class FakeShell implements DesktopShell {
  readonly reports: DesignReport[] = [];
  private readonly listeners = {
    command: new Set<(id: string) => void>(),
    openPath: new Set<(path: string) => void>(),
    recover: new Set<(design: RecoveredDesign) => void>(),
  };

  onCommand(listener: (id: string) => void): () => void {
    return this.add(this.listeners.command, listener);
  }
  onOpenPath(listener: (path: string) => void): () => void {
    return this.add(this.listeners.openPath, listener);
  }
  onRecover(listener: (design: RecoveredDesign) => void): () => void {
    return this.add(this.listeners.recover, listener);
  }
  reportDesign(report: DesignReport): void {
    this.reports.push(report);
  }

  chooseMenuItem(id: string): void {
    for (const listener of this.listeners.command) listener(id);
  }
  openPath(path: string): void {
    for (const listener of this.listeners.openPath) listener(path);
  }
  recover(design: RecoveredDesign): void {
    for (const listener of this.listeners.recover) listener(design);
  }
  get listenerCount(): number {
    return this.listeners.command.size + this.listeners.openPath.size + this.listeners.recover.size;
  }

  private add<T>(set: Set<T>, listener: T): () => void {
    set.add(listener);
    return () => set.delete(listener);
  }
}

async function connected(options: { textFieldFocused?: boolean } = {}) {
  const host = new MemoryHost(true, { lenet: lenetDocument() });
  const editor = new Editor(host, new MemoryClipboard());
  await editor.openTemplate('lenet');
  const shell = new FakeShell();
  const edits: TextEdit[] = [];
  const page = { focused: options.textFieldFocused ?? false };
  const disconnect = connectDesktopShell(shell, editor, {
    textFieldFocused: () => page.focused,
    editText: (edit) => edits.push(edit),
  });
  return { host, editor, shell, edits, page, disconnect };
}

describe('connectDesktopShell: menu commands', () => {
  it('runs the command a menu item names, the same object as its shortcut', async () => {
    const { editor, shell } = await connected();
    shell.chooseMenuItem('edit.selectAll');
    expect(editor.selection.nodes).toHaveLength(lenetDocument().nodes.length);
    shell.chooseMenuItem('view.summary');
    expect(editor.session.getState().rightTab).toBe('summary');
    shell.chooseMenuItem('edit.delete');
    expect(editor.document.nodes).toEqual([]);
  });

  it('leaves Edit commands to a focused text field, as the keyboard does, but runs the others', async () => {
    const { editor, shell, edits } = await connected({ textFieldFocused: true });
    editor.setParam('f7', 'outFeatures', 12);
    const document = editor.document;
    shell.chooseMenuItem('edit.undo');
    shell.chooseMenuItem('edit.selectAll');
    shell.chooseMenuItem('edit.duplicate');
    expect(edits).toEqual(['undo', 'selectAll']);
    expect(editor.document).toBe(document);
    expect(editor.selection.nodes).toEqual([]);
    shell.chooseMenuItem('view.summary');
    expect(editor.session.getState().rightTab).toBe('summary');
  });

  it('waits while a question is open, but closes an overlay to run the command', async () => {
    const { editor, shell } = await connected();
    editor.openDialog({ kind: 'help' });
    shell.chooseMenuItem('view.summary');
    expect(editor.session.getState().dialog).toBeUndefined();
    expect(editor.session.getState().rightTab).toBe('summary');

    const resolve = vi.fn();
    editor.openDialog({ kind: 'confirm', title: 'Save changes?', message: '', resolve });
    shell.chooseMenuItem('view.inspector');
    expect(editor.session.getState().rightTab).toBe('summary');
    expect(editor.session.getState().dialog?.kind).toBe('confirm');
    expect(resolve).not.toHaveBeenCalled();
  });

  it('ignores an id the registry does not have', async () => {
    const { editor, shell } = await connected();
    const before = editor.session.getState();
    shell.chooseMenuItem('file.noSuchCommand');
    expect(editor.session.getState()).toBe(before);
  });
});

describe('connectDesktopShell: files and recovered work', () => {
  it('opens a file the shell hands over through the host', async () => {
    const { host, editor, shell } = await connected();
    const edited = { ...lenetDocument(), name: 'From the file manager' };
    host.files.set('/work/dropped.json', serializeGraphDocument(edited));
    shell.openPath('/work/dropped.json');
    await vi.waitFor(() => expect(editor.design.getState().path).toBe('/work/dropped.json'));
    expect(host.calls).toContain('openDesign /work/dropped.json');
    expect(editor.document.name).toBe('From the file manager');
    expect(editor.dirty).toBe(false);
  });

  it('loads recovered work as unsaved changes', async () => {
    const { editor, shell } = await connected();
    const document = { ...lenetDocument(), name: 'Before the crash' };
    shell.recover({ document, path: null, savedAt: '2025-01-02T03:04:05.000Z' });
    await vi.waitFor(() => expect(editor.document).toBe(document));
    expect(editor.dirty).toBe(true);
    expect(editor.design.getState().path).toBeUndefined();
  });
});

describe('connectDesktopShell: reports', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports a change of dirty or path at once, and further edits once they pause', async () => {
    const { editor, shell } = await connected();
    expect(shell.reports).toEqual([]);

    editor.setParam('f7', 'outFeatures', 12);
    expect(shell.reports).toEqual([{ dirty: true, path: null, document: editor.document }]);

    editor.setParam('f7', 'outFeatures', 120);
    vi.advanceTimersByTime(REPORT_DELAY_MS - 1);
    editor.setParam('f7', 'outFeatures', 1200);
    vi.advanceTimersByTime(REPORT_DELAY_MS - 1);
    editor.sealTyping();
    expect(shell.reports).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(shell.reports).toHaveLength(2);
    expect(shell.reports[1]).toEqual({ dirty: true, path: null, document: editor.document });
  });

  it('reports a save at once, with its path, and a pending edit does not follow it', async () => {
    const { host, editor, shell } = await connected();
    host.files.set('/work/lenet.json', serializeGraphDocument(lenetDocument()));
    await editor.openRecent('/work/lenet.json');
    expect(shell.reports.at(-1)).toEqual({ dirty: false, path: '/work/lenet.json', document: editor.document });

    editor.setParam('f7', 'outFeatures', 12);
    editor.setParam('f7', 'outFeatures', 13);
    expect(await editor.save()).toBe(true);
    expect(shell.reports.at(-1)).toEqual({ dirty: false, path: '/work/lenet.json', document: editor.document });
    const count = shell.reports.length;
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(shell.reports).toHaveLength(count);
  });

  it('stops listening and reporting once disconnected', async () => {
    const { editor, shell, disconnect } = await connected();
    editor.setParam('f7', 'outFeatures', 12);
    editor.setParam('f7', 'outFeatures', 13);
    disconnect();
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    editor.setParam('f7', 'outFeatures', 14);
    expect(shell.reports).toHaveLength(1);
    expect(shell.listenerCount).toBe(0);
  });
});
