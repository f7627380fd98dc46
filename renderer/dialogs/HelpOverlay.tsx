import { formatShortcut, type CommandGroup } from '../commands/command.ts';
import { IS_MAC } from '../commands/platform.ts';
import { COMMANDS } from '../commands/registry.ts';
import type { Editor } from '../editor/editor.ts';
import { Modal } from './Modal.tsx';

const GROUPS: readonly CommandGroup[] = ['File', 'Edit', 'Add', 'View', 'Run', 'Help'];

/** What the mouse does on the canvas; keys come from the command registry. */
const GESTURES: readonly [string, string][] = [
  ['Drag on empty canvas', 'Select with a box'],
  ['Middle or right drag, or Space + drag', 'Pan'],
  ['Wheel, or pinch', 'Zoom'],
  [`${IS_MAC ? '⌘' : 'Ctrl'} or Shift + click`, 'Add to the selection'],
  ['Drag from an output dot to an input dot', 'Connect two layers'],
  ['Drag a palette entry onto the canvas', 'Add a layer there'],
  ['Let go of a wire on empty canvas', 'Add a layer connected to it'],
  ['Double-click a node', 'Edit its parameters'],
  ['Escape while dragging', 'Put the nodes back'],
];

/** The keyboard shortcuts overlay (?), from the same command objects the menus use. */
export function HelpOverlay({ editor }: { editor: Editor }) {
  return (
    <Modal label="Keyboard shortcuts" className="help-overlay" onClose={() => editor.closeDialog()}>
      <header className="modal__header">
        <h2>Keyboard shortcuts</h2>
        <button
          type="button"
          className="icon-button"
          data-autofocus
          aria-label="Close"
          onClick={() => editor.closeDialog()}
        >
          ×
        </button>
      </header>
      <div className="help-overlay__columns">
        {GROUPS.map((group) => {
          const commands = COMMANDS.filter((command) => command.group === group && command.shortcuts);
          if (commands.length === 0) return null;
          return (
            <section key={group} aria-label={group}>
              <h3 className="section-title">{group}</h3>
              <dl>
                {commands.map((command) => (
                  <div key={command.id} className="help-overlay__row">
                    <dt>{command.label.replace(/…$/, '')}</dt>
                    <dd>
                      {command.shortcuts?.map((shortcut) => (
                        <kbd key={shortcut}>{formatShortcut(shortcut, IS_MAC)}</kbd>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
        <section aria-label="Mouse">
          <h3 className="section-title">Mouse</h3>
          <dl>
            {GESTURES.map(([gesture, effect]) => (
              <div key={gesture} className="help-overlay__row">
                <dt>{effect}</dt>
                <dd className="help-overlay__gesture">{gesture}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </Modal>
  );
}
