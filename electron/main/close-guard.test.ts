import { describe, expect, it } from 'vitest';
import { emptyGraphDocument } from '../../engine/core/document/graph-document.ts';
import { CloseGuard } from './close-guard.ts';
import { FakeDialogs } from './testing/fake-dialogs.ts';

function guarded() {
  const dialogs = new FakeDialogs();
  const events: string[] = [];
  const guard = new CloseGuard({
    dialogs,
    runCommand: (id) => events.push(`command ${id}`),
    closeWindow: () => events.push('closed'),
    discardAutosave: () => {
      events.push('autosave discarded');
      return Promise.resolve();
    },
    onCloseCancelled: () => events.push('cancelled'),
  });
  return { guard, dialogs, events };
}

const report = (dirty: boolean) => ({ dirty, path: null, document: emptyGraphDocument('LeNet-5') });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CloseGuard', () => {
  it('lets a clean window close without asking', () => {
    const { guard, dialogs } = guarded();
    expect(guard.allowClose()).toBe(true);
    guard.report(report(false));
    expect(guard.allowClose()).toBe(true);
    expect(dialogs.asked).toEqual([]);
  });

  it("asks first when there are unsaved changes, and closes on Don't Save", async () => {
    const { guard, dialogs, events } = guarded();
    guard.report(report(true));
    dialogs.unsavedChangesAnswer = 'discard';
    expect(guard.allowClose()).toBe(false);
    await settle();
    expect(dialogs.asked).toEqual(['save LeNet-5']);
    expect(events).toEqual(['autosave discarded', 'closed']);
    expect(guard.allowClose()).toBe(true);
  });

  it('stays open on Cancel', async () => {
    const { guard, dialogs, events } = guarded();
    guard.report(report(true));
    dialogs.unsavedChangesAnswer = 'cancel';
    expect(guard.allowClose()).toBe(false);
    await settle();
    expect(events).toEqual(['cancelled']);
    expect(guard.allowClose()).toBe(false);
  });

  it("on Save, runs the renderer's save and closes once the design is reported clean", async () => {
    const { guard, dialogs, events } = guarded();
    guard.report(report(true));
    dialogs.unsavedChangesAnswer = 'save';
    guard.allowClose();
    await settle();
    expect(events).toEqual(['command file.save']);
    guard.report(report(true));
    expect(events).toEqual(['command file.save']);
    guard.report(report(false));
    expect(events).toEqual(['command file.save', 'closed']);
  });

  it('stays open when that save is cancelled or fails', async () => {
    const { guard, dialogs, events } = guarded();
    guard.report(report(true));
    dialogs.unsavedChangesAnswer = 'save';
    guard.allowClose();
    await settle();
    guard.saveAbandoned();
    guard.report(report(false));
    expect(events).toEqual(['command file.save', 'cancelled']);
  });

  it('asks once however often the window is asked to close meanwhile', async () => {
    const { guard, dialogs } = guarded();
    guard.report(report(true));
    guard.allowClose();
    guard.allowClose();
    await settle();
    expect(dialogs.asked).toHaveLength(1);
  });

  it('does not wait on a renderer that is gone', () => {
    const { guard } = guarded();
    guard.report(report(true));
    guard.rendererGone();
    expect(guard.allowClose()).toBe(true);
  });

  it('ignores a save that was not for closing', () => {
    const { guard, events } = guarded();
    guard.saveAbandoned();
    expect(events).toEqual([]);
  });
});
