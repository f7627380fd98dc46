import { useEffect, useMemo } from 'react';
import { Canvas } from '../canvas/Canvas.tsx';
import { NoticeToast } from '../chrome/NoticeToast.tsx';
import { Splitter } from '../chrome/Splitter.tsx';
import { StatusBar } from '../chrome/StatusBar.tsx';
import { Toolbar } from '../chrome/Toolbar.tsx';
import { commandForKey } from '../commands/keyboard.ts';
import { IS_MAC } from '../commands/platform.ts';
import { COMMANDS } from '../commands/registry.ts';
import { runCommand } from '../commands/run-command.ts';
import { DiagnosticsPanel } from '../diagnostics/DiagnosticsPanel.tsx';
import { Dialogs } from '../dialogs/Dialogs.tsx';
import { isDirty, type DesignState, type Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { Palette } from '../palette/Palette.tsx';
import { RightPanel } from '../panels/RightPanel.tsx';
import { useStore } from '../state/store.ts';

const selectTitle = (state: DesignState) =>
  `${isDirty(state) ? '• ' : ''}${state.document.name || 'Untitled'} — Netwright`;
const selectTheme = (state: SessionState) => state.theme;
const selectModal = (state: SessionState) => state.dialog !== undefined;
const selectPaletteWidth = (state: SessionState) => state.paletteWidth;
const selectDetailsWidth = (state: SessionState) => state.detailsWidth;

export const THEME_KEY = 'netwright.theme';

export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
    return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/** Keyboard shortcuts, clipboard events, the window title and the theme. */
function useWindowBindings(editor: Editor): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || editor.session.getState().dialog) return;
      if (event.key === 'Escape' && editor.cancelGesture()) {
        event.preventDefault();
        return;
      }
      const command = commandForKey(COMMANDS, event, IS_MAC, isTextField(event.target));
      // Copy, cut and paste arrive as clipboard events, which carry the system clipboard without a permission prompt.
      if (!command || command.viaClipboardEvent) return;
      event.preventDefault();
      runCommand(editor, command);
    };
    const onCopy = (event: ClipboardEvent): void => {
      if (isTextField(event.target) || editor.session.getState().dialog) return;
      const text = editor.copyText();
      if (text === undefined || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
      if (event.type === 'cut') editor.deleteSelection();
    };
    const onPaste = (event: ClipboardEvent): void => {
      if (isTextField(event.target) || editor.session.getState().dialog) return;
      const text = event.clipboardData?.getData('text/plain');
      if (text === undefined) return;
      event.preventDefault();
      editor.pasteText(text);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [editor]);

  const title = useStore(editor.design, selectTitle);
  useEffect(() => {
    document.title = title;
  }, [title]);

  const theme = useStore(editor.session, selectTheme);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Storage may be off (private windows); the theme then lasts for the session only.
    }
  }, [theme]);
}

export function App({ editor }: { editor: Editor }) {
  useWindowBindings(editor);
  const modal = useStore(editor.session, selectModal);
  const paletteWidth = useStore(editor.session, selectPaletteWidth);
  const detailsWidth = useStore(editor.session, selectDetailsWidth);
  const columns = useMemo(
    () => ({ gridTemplateColumns: `${paletteWidth}px minmax(0, 1fr) ${detailsWidth}px` }),
    [paletteWidth, detailsWidth],
  );
  return (
    <>
      <div className="app" inert={modal} aria-hidden={modal || undefined} style={columns}>
        <Toolbar editor={editor} />
        <Palette editor={editor} />
        <main className="workspace" aria-label="Design">
          <Canvas editor={editor} />
          <NoticeToast editor={editor} />
          <DiagnosticsPanel editor={editor} />
          <Splitter
            label="Resize layer palette"
            side="left"
            width={paletteWidth}
            min={180}
            max={420}
            onResize={(width) => editor.updateSession({ paletteWidth: width })}
          />
          <Splitter
            label="Resize details panel"
            side="right"
            width={detailsWidth}
            min={280}
            max={720}
            onResize={(width) => editor.updateSession({ detailsWidth: width })}
          />
        </main>
        <RightPanel editor={editor} />
        <StatusBar editor={editor} />
      </div>
      <Dialogs editor={editor} />
    </>
  );
}
