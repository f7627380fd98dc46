import { useId, useMemo, useState } from 'react';
import { canRun, formatShortcut } from '../commands/command.ts';
import { IS_MAC } from '../commands/platform.ts';
import { COMMANDS } from '../commands/registry.ts';
import { runCommand } from '../commands/run-command.ts';
import { searchCommands } from '../commands/search.ts';
import type { Editor } from '../editor/editor.ts';
import { Modal } from './Modal.tsx';
import { listboxKeys } from './listbox-keys.ts';

const LIMIT = 60;

/** Every command by name (Ctrl/⌘+K), layers included: "add conv" adds a Conv. */
export function CommandPalette({ editor }: { editor: Editor }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const results = useMemo(() => searchCommands(COMMANDS, query).slice(0, LIMIT), [query]);
  const current = Math.min(active, Math.max(0, results.length - 1));
  const run = (index: number): void => {
    const command = results[index];
    if (!command || !canRun(command, editor)) return;
    editor.closeDialog();
    runCommand(editor, command);
  };
  return (
    <Modal label="Command palette" className="command-palette" onClose={() => editor.closeDialog()}>
      <input
        data-autofocus
        className="command-palette__input"
        type="text"
        role="combobox"
        aria-label="Command"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={results.length > 0 ? `${id}-${current}` : undefined}
        placeholder="Type a command or a layer…"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={listboxKeys(results.length, current, setActive, run)}
      />
      <ul className="command-palette__list" role="listbox" id={`${id}-list`} aria-label="Commands">
        {results.length === 0 && <li className="command-palette__empty">No command matches “{query}”</li>}
        {results.map((command, index) => {
          const enabled = canRun(command, editor);
          const shortcut = command.shortcuts?.[0];
          return (
            <li
              key={command.id}
              id={`${id}-${index}`}
              role="option"
              aria-selected={index === current}
              aria-disabled={!enabled || undefined}
              className={index === current ? 'command-palette__item is-active' : 'command-palette__item'}
              onPointerMove={() => index !== current && setActive(index)}
              onClick={() => run(index)}
            >
              <span className="command-palette__group">{command.group}</span>
              <span className="command-palette__label">{command.label}</span>
              {shortcut && <kbd>{formatShortcut(shortcut, IS_MAC)}</kbd>}
            </li>
          );
        })}
      </ul>
    </Modal>
  );
}
