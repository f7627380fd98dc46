import { describe, expect, it, vi } from 'vitest';
import { LAYER_TYPES } from '../../engine/core/index.ts';
import { Editor } from '../editor/editor.ts';
import { runControllerFor } from '../run/run-controller.ts';
import { lenetDocument, MemoryClipboard, MemoryHost } from '../testing/memory-host.ts';
import { canRun, formatShortcut, matchesShortcut, type KeyPress } from './command.ts';
import { COMMANDS, commandById, MENUS } from './registry.ts';
import { commandForKey } from './keyboard.ts';
import { searchCommands } from './search.ts';

function press(key: string, code: string, modifiers: Partial<KeyPress> = {}): KeyPress {
  return { key, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...modifiers };
}

describe('command registry', () => {
  it('has unique ids, and every menu item names a command', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
    for (const menu of MENUS)
      for (const item of menu.items)
        if (item !== '-' && item !== 'recent') expect(() => commandById(item)).not.toThrow();
  });

  it('offers an Add command for every layer of the catalogue', () => {
    for (const type of LAYER_TYPES) expect(commandById(`add.${type}`).label).toBe(`Add ${type}`);
  });

  it('gives no two commands the same shortcut', () => {
    const shortcuts = COMMANDS.flatMap((c) => c.shortcuts ?? []);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });
});

describe('shortcuts', () => {
  it('matches Mod as Ctrl elsewhere and ⌘ on macOS', () => {
    expect(matchesShortcut('Mod+Z', press('z', 'KeyZ', { ctrlKey: true }), false)).toBe(true);
    expect(matchesShortcut('Mod+Z', press('z', 'KeyZ', { metaKey: true }), true)).toBe(true);
    expect(matchesShortcut('Mod+Z', press('z', 'KeyZ', { metaKey: true }), false)).toBe(false);
    expect(matchesShortcut('Mod+Z', press('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matchesShortcut('Mod+Shift+Z', press('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
  });

  it('matches digits by key position and symbols by character', () => {
    expect(matchesShortcut('Shift+1', press('!', 'Digit1', { shiftKey: true }), false)).toBe(true);
    expect(matchesShortcut('?', press('?', 'Slash', { shiftKey: true }), false)).toBe(true);
    expect(matchesShortcut('Mod+=', press('=', 'Equal', { ctrlKey: true }), false)).toBe(true);
    expect(matchesShortcut('Delete', press('Delete', 'Delete'), false)).toBe(true);
    expect(matchesShortcut('Delete', press('Delete', 'Delete', { ctrlKey: true }), false)).toBe(false);
  });

  it('formats for the platform', () => {
    expect(formatShortcut('Mod+Shift+S', true)).toBe('⌘⇧S');
    expect(formatShortcut('Mod+Shift+S', false)).toBe('Ctrl+Shift+S');
    expect(formatShortcut('Escape', false)).toBe('Esc');
  });
});

describe('searchCommands', () => {
  it('finds commands by the start of a word, layers included', () => {
    expect(searchCommands(COMMANDS, 'undo')[0]?.id).toBe('edit.undo');
    expect(searchCommands(COMMANDS, 'add conv')[0]?.id).toBe('add.Conv');
    expect(searchCommands(COMMANDS, 'export')[0]?.id).toBe('file.exportOnnx');
    expect(searchCommands(COMMANDS, 'residual').map((c) => c.id)).toContain('add.Add');
    expect(searchCommands(COMMANDS, 'qqq')).toEqual([]);
  });
});

describe('commandForKey', () => {
  const ctrl = { ctrlKey: true };
  it('runs shortcuts on the canvas', () => {
    expect(commandForKey(COMMANDS, press('z', 'KeyZ', ctrl), false, false)?.id).toBe('edit.undo');
    expect(commandForKey(COMMANDS, press('Delete', 'Delete'), false, false)?.id).toBe('edit.delete');
    expect(commandForKey(COMMANDS, press('A', 'KeyA', { shiftKey: true }), false, false)?.id).toBe('add.search');
  });

  it('leaves text editing keys to a focused field, but not Save or the palette', () => {
    expect(commandForKey(COMMANDS, press('z', 'KeyZ', ctrl), false, true)).toBeUndefined();
    expect(commandForKey(COMMANDS, press('Backspace', 'Backspace'), false, true)).toBeUndefined();
    expect(commandForKey(COMMANDS, press('A', 'KeyA', { shiftKey: true }), false, true)).toBeUndefined();
    expect(commandForKey(COMMANDS, press('s', 'KeyS', ctrl), false, true)?.id).toBe('file.save');
    expect(commandForKey(COMMANDS, press('k', 'KeyK', ctrl), false, true)?.id).toBe('help.commandPalette');
    expect(commandForKey(COMMANDS, press('Enter', 'Enter', ctrl), false, true)?.id).toBe('run.start');
  });
});

describe('run commands', () => {
  it("Run runs the design through the Run panel's controller, with its settings, and shows the panel", async () => {
    const editor = new Editor(new MemoryHost(false, { lenet: lenetDocument() }), new MemoryClipboard());
    const run = commandById('run.start');
    expect(canRun(run, editor)).toBe(false);
    await editor.openTemplate('lenet');
    const controller = runControllerFor(editor);
    controller.choose({ kind: 'random', seed: 7 });
    expect(canRun(run, editor)).toBe(true);
    await run.run(editor);
    expect(editor.session.getState().rightTab).toBe('run');
    // The memory host runs no models: the attempt shows in the panel.
    expect(controller.state.problem).toBe('MemoryHost does not run models');

    editor.updateSession({ rightTab: 'inspector' });
    await commandById('run.showPanel').run(editor);
    expect(editor.session.getState().rightTab).toBe('run');
  });

  it('Run waits while a run is in flight', async () => {
    const host = new MemoryHost(false, { lenet: lenetDocument() });
    const editor = new Editor(host, new MemoryClipboard());
    await editor.openTemplate('lenet');
    const controller = runControllerFor(editor);
    controller.choose({ kind: 'random', seed: 7 });
    vi.spyOn(host, 'runInference').mockReturnValue(new Promise(() => undefined) as never);
    void controller.run();
    await vi.waitFor(() => expect(controller.state.job).toBeDefined());
    expect(canRun(commandById('run.start'), editor)).toBe(false);
  });
});
