import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DesktopShell, Host } from '../../engine/core/index.ts';
import { Editor, type ClipboardPort } from '../editor/editor.ts';
import type { Theme } from '../editor/session.ts';
import { App, isTextField, THEME_KEY } from './App.tsx';
import { connectBrowserRecovery } from './browser-recovery.ts';
import { connectDesktopShell, type TextFieldPort } from './desktop-shell.ts';
import { installTestHook } from './test-hook.ts';
import '@xyflow/react/dist/base.css';
import '../styles/app.css';

/** The system clipboard where the page may use it; the editor keeps its own copy for when it may not. */
const systemClipboard: ClipboardPort = {
  writeText: (text) => navigator.clipboard.writeText(text),
  readText: () => navigator.clipboard.readText(),
};

const pageTextFields: TextFieldPort = {
  textFieldFocused: () => isTextField(document.activeElement),
  editText: (edit) => void document.execCommand(edit),
};

/** The page's localStorage, or undefined where the browser refuses it (private modes, policies). */
function pageStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function preferredTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'dark' || saved === 'light') return saved;
  } catch {
    // No storage: fall back to the system preference.
  }
  return window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

/**
 * Mounts the designer on `root`, talking to the outside only through `host`, and through `shell`
 * when it runs in the desktop app. Returns the editor.
 */
export function renderApp(root: HTMLElement, host: Host, shell: DesktopShell | undefined): Editor {
  const editor = new Editor(host, systemClipboard, preferredTheme());
  installTestHook(editor);
  if (shell) {
    connectDesktopShell(shell, editor, pageTextFields);
  } else {
    // A browser tab asks before closing with unsaved changes. Not the desktop app: its shell asks
    // natively, and would take a beforeunload veto as a silent refusal to close the window.
    window.addEventListener('beforeunload', (event) => {
      if (editor.dirty) event.preventDefault();
    });
    const storage = pageStorage();
    if (storage) connectBrowserRecovery(editor, storage);
  }
  createRoot(root).render(
    <StrictMode>
      <App editor={editor} />
    </StrictMode>,
  );
  void editor.refreshRecentFiles();
  void editor.loadTemplates();
  return editor;
}
