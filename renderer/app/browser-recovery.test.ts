import { describe, expect, it } from 'vitest';
import { lenetDocument, MemoryClipboard, MemoryHost } from '../testing/memory-host.ts';
import { Editor } from '../editor/editor.ts';
import { connectBrowserRecovery, RECOVERY_KEY, type RecoveryStorage } from './browser-recovery.ts';

class MemoryStorage implements RecoveryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const settle = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

function newEditor(): Editor {
  return new Editor(new MemoryHost(false, { lenet: lenetDocument() }), new MemoryClipboard());
}

describe('browser crash recovery', () => {
  it('keeps unsaved work in storage once edits pause, and forgets it when the design is saved', async () => {
    const storage = new MemoryStorage();
    const editor = newEditor();
    await editor.openTemplate('lenet');
    connectBrowserRecovery(editor, storage, 1);
    editor.setParam('f7', 'outFeatures', 12);
    expect(storage.items.has(RECOVERY_KEY)).toBe(false);
    await settle();
    const stored = JSON.parse(storage.items.get(RECOVERY_KEY) ?? '{}') as {
      document: { nodes: { id: string; params?: object }[] };
    };
    expect(stored.document.nodes.find((node) => node.id === 'f7')?.params).toEqual({ outFeatures: 12 });
    editor.undo();
    await settle();
    expect(storage.items.has(RECOVERY_KEY)).toBe(false);
  });

  it('offers the stored design back at the next start, as unsaved changes', async () => {
    const storage = new MemoryStorage();
    const document = { ...lenetDocument(), name: 'Interrupted' };
    storage.setItem(RECOVERY_KEY, JSON.stringify({ document, path: null }));
    const editor = newEditor();
    connectBrowserRecovery(editor, storage, 1);
    await settle();
    expect(editor.design.getState().document.name).toBe('Interrupted');
    expect(editor.dirty).toBe(true);
  });

  it('ignores a damaged entry', async () => {
    const storage = new MemoryStorage();
    storage.setItem(RECOVERY_KEY, '{"document": {"format": "something else"}');
    const editor = newEditor();
    connectBrowserRecovery(editor, storage, 1);
    await settle();
    expect(editor.dirty).toBe(false);
  });
});
