import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { canRun, formatShortcut } from '../commands/command.ts';
import { IS_MAC } from '../commands/platform.ts';
import { commandById, MENUS } from '../commands/registry.ts';
import { runCommand } from '../commands/run-command.ts';
import type { Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { useStore } from '../state/store.ts';

const selectRecent = (state: SessionState) => state.recentFiles;

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

interface Item {
  readonly key: string;
  readonly label: string;
  readonly shortcut: string | undefined;
  readonly disabled: boolean;
  readonly title?: string;
  readonly run: () => void;
}

type Entry = Item | 'separator' | { readonly heading: string };

function menuEntries(editor: Editor, items: readonly string[], recent: readonly string[]): Entry[] {
  return items.flatMap((id): Entry[] => {
    if (id === '-') return ['separator'];
    if (id === 'recent') {
      if (recent.length === 0) return [];
      return [
        { heading: 'Open recent' },
        ...recent.slice(0, 8).map((path) => ({
          key: `recent:${path}`,
          label: fileName(path),
          title: path,
          shortcut: undefined,
          disabled: false,
          run: () => void editor.openRecent(path),
        })),
      ];
    }
    const command = commandById(id);
    const shortcut = command.shortcuts?.[0];
    return [
      {
        key: id,
        label: command.label,
        shortcut: shortcut === undefined ? undefined : formatShortcut(shortcut, IS_MAC),
        disabled: !canRun(command, editor),
        run: () => void runCommand(editor, command),
      },
    ];
  });
}

/** File, Edit, View, Run and Help menus built from the command registry, as the native menus are. */
export function MenuBar({ editor }: { editor: Editor }) {
  const [open, setOpen] = useState<number | undefined>(undefined);
  const recent = useStore(editor.session, selectRecent);
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open === undefined) return;
    const close = (event: PointerEvent): void => {
      if (!bar.current?.contains(event.target as Node)) setOpen(undefined);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);

  useEffect(() => {
    if (open === undefined) return;
    bar.current?.querySelector<HTMLElement>('[role="menu"] [role="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [open]);

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const items = [...(bar.current?.querySelectorAll<HTMLElement>('[role="menu"] [role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      setOpen((current) => ((current ?? 0) + (event.key === 'ArrowRight' ? 1 : MENUS.length - 1)) % MENUS.length);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      const trigger = bar.current?.querySelectorAll<HTMLElement>('.menu-bar__trigger')[open ?? 0];
      setOpen(undefined);
      trigger?.focus();
    }
  };

  return (
    <div className="menu-bar" role="menubar" aria-label="Main menu" ref={bar} onKeyDown={onMenuKeyDown}>
      {MENUS.map((menu, index) => (
        <div key={menu.label} className="menu-bar__item">
          <button
            type="button"
            role="menuitem"
            className={open === index ? 'menu-bar__trigger is-open' : 'menu-bar__trigger'}
            aria-haspopup="menu"
            aria-expanded={open === index}
            onClick={() => setOpen(open === index ? undefined : index)}
            onPointerEnter={() => open !== undefined && setOpen(index)}
          >
            {menu.label}
          </button>
          {open === index && (
            <div className="menu" role="menu" aria-label={menu.label}>
              {menuEntries(editor, menu.items, recent).map((entry, position) =>
                entry === 'separator' ? (
                  <div key={`-${position}`} className="menu__separator" role="separator" />
                ) : 'heading' in entry ? (
                  <div key={entry.heading} className="menu__heading" role="presentation">
                    {entry.heading}
                  </div>
                ) : (
                  <button
                    key={entry.key}
                    type="button"
                    role="menuitem"
                    className="menu__item"
                    aria-disabled={entry.disabled || undefined}
                    title={entry.title}
                    tabIndex={-1}
                    onClick={() => {
                      if (entry.disabled) return;
                      setOpen(undefined);
                      entry.run();
                    }}
                  >
                    <span>{entry.label}</span>
                    {entry.shortcut && <kbd>{entry.shortcut}</kbd>}
                  </button>
                ),
              )}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
