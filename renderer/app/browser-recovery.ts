/**
 * Crash recovery in a browser tab. The desktop app autosaves through its shell; a tab keeps its
 * unsaved design in the page's storage instead, so a crashed browser, a closed tab or a stopped
 * server loses nothing. The next start offers it back as unsaved changes (Editor.recover).
 */
import { parseGraphDocument } from '../../engine/core/index.ts';
import { isDirty, type Editor } from '../editor/editor.ts';

export const RECOVERY_KEY = 'netwright.unsaved-design';

/** How long an edit may go unsaved to storage: a drag or a run of keystrokes writes once it pauses. */
export const RECOVERY_DELAY_MS = 500;

/** The part of the Web Storage API used here (localStorage in the page). */
export interface RecoveryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface StoredDesign {
  readonly document: unknown;
  readonly path: string | null;
}

function readStored(
  storage: RecoveryStorage,
): { document: ReturnType<typeof parseGraphDocument>; path: string | null } | undefined {
  try {
    const text = storage.getItem(RECOVERY_KEY);
    if (text === null) return undefined;
    const stored = JSON.parse(text) as StoredDesign;
    return {
      document: parseGraphDocument(stored.document),
      path: typeof stored.path === 'string' ? stored.path : null,
    };
  } catch {
    // Unreadable storage or a damaged entry: nothing to recover.
    return undefined;
  }
}

/**
 * Offers back a design left unsaved by an earlier page, then keeps the current one in `storage`
 * while it has unsaved changes (and forgets it once saved or discarded). Returns the unsubscriber.
 */
export function connectBrowserRecovery(
  editor: Editor,
  storage: RecoveryStorage,
  delayMs = RECOVERY_DELAY_MS,
): () => void {
  const stored = readStored(storage);
  if (stored?.document.ok) void editor.recover({ document: stored.document.document, path: stored.path });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = (): void => {
    timer = undefined;
    const state = editor.design.getState();
    try {
      if (isDirty(state))
        storage.setItem(RECOVERY_KEY, JSON.stringify({ document: state.document, path: state.path ?? null }));
      else storage.removeItem(RECOVERY_KEY);
    } catch {
      // Storage full or refused: the tab still asks before closing with unsaved changes.
    }
  };
  const unsubscribe = editor.design.subscribe(() => {
    if (!isDirty(editor.design.getState())) {
      clearTimeout(timer);
      write();
    } else if (timer === undefined) {
      timer = setTimeout(write, delayMs);
    }
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
