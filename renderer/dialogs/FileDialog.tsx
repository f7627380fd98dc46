import { useEffect, useId, useState } from 'react';
import type { FileEntry } from '../../engine/core/index.ts';
import { Icon } from '../chrome/Icon.tsx';
import type { Editor } from '../editor/editor.ts';
import type { FileDialogMode } from '../editor/session.ts';
import { childPath, parentPath, pathSegments, withExtension } from './paths.ts';
import { Modal } from './Modal.tsx';

const MODES: Readonly<
  Record<FileDialogMode, { title: string; action: string; kinds: readonly FileEntry['kind'][]; extension?: string }>
> = {
  open: { title: 'Open design', action: 'Open', kinds: ['graph', 'onnx'] },
  import: { title: 'Import ONNX model', action: 'Import', kinds: ['onnx'] },
  save: { title: 'Save design', action: 'Save', kinds: ['graph'], extension: '.json' },
  export: { title: 'Export ONNX', action: 'Export', kinds: ['onnx'], extension: '.onnx' },
};

/**
 * The in-app file browser, for hosts without native dialogs (the web host): it walks the folders the
 * host allows with listRoots and listFolder, and resolves to the chosen path.
 */
export function FileDialog({
  editor,
  mode,
  suggestedName,
  resolve,
}: {
  editor: Editor;
  mode: FileDialogMode;
  suggestedName: string;
  resolve: (path: string | undefined) => void;
}) {
  const settings = MODES[mode];
  const saving = settings.extension !== undefined;
  const id = useId();
  const [roots, setRoots] = useState<readonly string[]>([]);
  const [folder, setFolder] = useState<string | undefined>(undefined);
  const [entries, setEntries] = useState<readonly FileEntry[] | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [name, setName] = useState(suggestedName);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    editor.host.listRoots().then(
      (list) => {
        if (!live) return;
        setRoots(list);
        setFolder(list[0]);
        if (list.length === 0) setProblem('The host offers no folder to browse.');
      },
      (error: unknown) => live && setProblem(String(error instanceof Error ? error.message : error)),
    );
    return () => {
      live = false;
    };
  }, [editor]);

  useEffect(() => {
    if (folder === undefined) return;
    let live = true;
    editor.host.listFolder(folder).then(
      (list) => {
        if (!live) return;
        setEntries(
          [...list]
            .filter((entry) => entry.kind === 'folder' || settings.kinds.includes(entry.kind))
            .sort((a, b) => Number(b.kind === 'folder') - Number(a.kind === 'folder') || a.name.localeCompare(b.name)),
        );
        setProblem(undefined);
      },
      (error: unknown) => live && setProblem(String(error instanceof Error ? error.message : error)),
    );
    return () => {
      live = false;
    };
  }, [editor, folder, settings.kinds]);

  const root = roots.find(
    (candidate) => folder !== undefined && (folder === candidate || folder.startsWith(candidate)),
  );
  const open = (path: string): void => {
    setEntries(undefined);
    setSelected(undefined);
    setFolder(path);
  };
  const target = saving
    ? folder !== undefined && name.trim()
      ? childPath(folder, withExtension(name.trim(), settings.extension ?? ''))
      : undefined
    : selected;
  const exists = saving && target !== undefined && entries?.some((entry) => entry.path === target);
  const confirm = (): void => {
    if (target !== undefined) resolve(target);
  };

  return (
    <Modal label={settings.title} className="file-dialog" onClose={() => resolve(undefined)}>
      <header className="modal__header">
        <h2>{settings.title}</h2>
      </header>
      <nav className="file-dialog__bar" aria-label="Folder">
        {roots.length > 1 && (
          <select aria-label="Location" value={root ?? ''} onChange={(event) => open(event.target.value)}>
            {roots.map((candidate) => (
              <option key={candidate} value={candidate}>
                {candidate}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label="Up one folder"
          title="Up one folder"
          disabled={folder === undefined || folder === root}
          onClick={() => folder !== undefined && open(parentPath(folder))}
        >
          <Icon name="up" />
        </button>
        <ol className="file-dialog__crumbs">
          {folder !== undefined &&
            root !== undefined &&
            pathSegments(root, folder).map((segment) => (
              <li key={segment.path}>
                <button type="button" className="link-button" onClick={() => open(segment.path)}>
                  {segment.name}
                </button>
              </li>
            ))}
        </ol>
      </nav>
      <ul className="file-dialog__list" role="listbox" aria-label="Files">
        {entries === undefined && !problem && <li className="muted">Loading…</li>}
        {entries?.length === 0 && <li className="muted">Nothing here to {settings.action.toLowerCase()}.</li>}
        {entries?.map((entry) => (
          <li
            key={entry.path}
            role="option"
            aria-selected={entry.path === selected}
            className={entry.path === selected ? 'file-dialog__entry is-selected' : 'file-dialog__entry'}
            tabIndex={0}
            onClick={() => {
              if (entry.kind === 'folder') return open(entry.path);
              setSelected(entry.path);
              if (saving) setName(entry.name);
            }}
            onDoubleClick={() => entry.kind !== 'folder' && resolve(entry.path)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              if (entry.kind === 'folder') open(entry.path);
              else resolve(entry.path);
            }}
          >
            <Icon name={entry.kind === 'folder' ? 'folder' : entry.kind === 'graph' ? 'graph' : 'file'} />
            <span>{entry.name}</span>
          </li>
        ))}
      </ul>
      {problem && (
        <p className="file-dialog__problem" role="alert">
          {problem}
        </p>
      )}
      {saving && (
        <div className="field file-dialog__name">
          <label htmlFor={`${id}-name`}>File name</label>
          <input
            id={`${id}-name`}
            className="field__input"
            type="text"
            data-autofocus
            value={name}
            spellCheck={false}
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              // Closing hands focus back to the button that opened the dialog: the Enter must not press it too.
              event.preventDefault();
              confirm();
            }}
          />
        </div>
      )}
      <div className="modal__actions">
        <span className="modal__note muted">{exists ? 'This file exists and will be replaced.' : ''}</span>
        <button type="button" className="button" onClick={() => resolve(undefined)}>
          Cancel
        </button>
        <button type="button" className="button button--primary" disabled={target === undefined} onClick={confirm}>
          {exists ? 'Replace' : settings.action}
        </button>
      </div>
    </Modal>
  );
}
