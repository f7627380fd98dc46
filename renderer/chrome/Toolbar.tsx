import { commandById } from '../commands/registry.ts';
import { canRun, formatShortcut } from '../commands/command.ts';
import { IS_MAC } from '../commands/platform.ts';
import { runCommand } from '../commands/run-command.ts';
import type { DesignState, Editor } from '../editor/editor.ts';
import { isDirty } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { useStore } from '../state/store.ts';
import { Icon, type IconName } from './Icon.tsx';
import { MenuBar } from './MenuBar.tsx';

const selectName = (state: DesignState) => state.document.name;
const selectDirty = (state: DesignState) => isDirty(state);
const selectPath = (state: DesignState) => state.path;
// Toolbar buttons enable and disable with history, selection and validity.
const selectHistory = (state: DesignState) => state.history;
const selectValid = (state: DesignState) => state.analysis.valid && state.document.nodes.length > 0;
const selectSelection = (state: SessionState) => state.selection;
const selectTheme = (state: SessionState) => state.theme;

function ToolButton({
  editor,
  commandId,
  name,
  icon,
  text,
}: {
  editor: Editor;
  commandId: string;
  name: string;
  icon: IconName;
  text?: string;
}) {
  const command = commandById(commandId);
  const shortcut = command.shortcuts?.[0];
  return (
    <button
      type="button"
      className={text ? 'tool-button tool-button--text' : 'tool-button'}
      aria-label={name}
      title={shortcut ? `${name} (${formatShortcut(shortcut, IS_MAC)})` : name}
      disabled={!canRun(command, editor)}
      onClick={() => runCommand(editor, command)}
    >
      <Icon name={icon} />
      {text && <span>{text}</span>}
    </button>
  );
}

/** The app's header: menus, the everyday actions as buttons, and the design's name with its unsaved mark. */
export function Toolbar({ editor }: { editor: Editor }) {
  const name = useStore(editor.design, selectName);
  const dirty = useStore(editor.design, selectDirty);
  const path = useStore(editor.design, selectPath);
  useStore(editor.design, selectHistory);
  useStore(editor.design, selectValid);
  useStore(editor.session, selectSelection);
  const theme = useStore(editor.session, selectTheme);
  return (
    <header className="toolbar">
      <div className="toolbar__brand" aria-hidden="true">
        <svg viewBox="0 0 20 20" width="18" height="18">
          <circle cx="4" cy="4" r="2.5" />
          <circle cx="16" cy="4" r="2.5" />
          <circle cx="10" cy="16" r="2.5" />
          <path d="M4 4L10 16M16 4L10 16" />
        </svg>
      </div>
      <MenuBar editor={editor} />
      <div className="toolbar__group" role="group" aria-label="File">
        <ToolButton editor={editor} commandId="file.new" name="New" icon="new" />
        <ToolButton editor={editor} commandId="file.open" name="Open" icon="open" />
        <ToolButton editor={editor} commandId="file.save" name="Save" icon="save" />
        <ToolButton editor={editor} commandId="file.saveAs" name="Save as" icon="saveAs" />
      </div>
      <div className="toolbar__group" role="group" aria-label="Models">
        <ToolButton editor={editor} commandId="file.templates" name="Templates" icon="templates" text="Templates" />
        <ToolButton editor={editor} commandId="file.importOnnx" name="Import ONNX" icon="import" text="Import" />
        <ToolButton editor={editor} commandId="file.exportOnnx" name="Export ONNX" icon="export" text="Export" />
      </div>
      <div className="toolbar__group" role="group" aria-label="History">
        <ToolButton editor={editor} commandId="edit.undo" name="Undo" icon="undo" />
        <ToolButton editor={editor} commandId="edit.redo" name="Redo" icon="redo" />
      </div>
      <div className="toolbar__group" role="group" aria-label="Arrange">
        <ToolButton editor={editor} commandId="view.autoLayout" name="Auto layout" icon="layout" />
        <ToolButton editor={editor} commandId="view.fit" name="Fit view" icon="fit" />
      </div>
      <div className="toolbar__title" title={path ?? 'Not saved yet'}>
        <span className="toolbar__name" data-testid="document-title">
          {name || 'Untitled'}
        </span>
        {dirty && (
          <span className="toolbar__dirty" role="img" aria-label="Unsaved changes" title="Unsaved changes">
            •
          </span>
        )}
      </div>
      <div className="toolbar__group toolbar__group--end" role="group" aria-label="Help">
        <ToolButton editor={editor} commandId="help.commandPalette" name="Command palette" icon="command" />
        <ToolButton editor={editor} commandId="help.shortcuts" name="Keyboard shortcuts" icon="help" />
        <ToolButton
          editor={editor}
          commandId="view.theme"
          name={theme === 'dark' ? 'Light theme' : 'Dark theme'}
          icon={theme === 'dark' ? 'sun' : 'moon'}
        />
      </div>
    </header>
  );
}
