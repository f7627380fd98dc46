/**
 * Undo history as pairs of immutable documents. One gesture makes one entry: a drag records once
 * when it ends, and edits that share a coalescing key (keystrokes in one inspector field) merge into
 * the entry before them.
 */
import type { GraphDocument } from '../../engine/core/index.ts';

export interface HistoryEntry {
  readonly label: string;
  readonly before: GraphDocument;
  readonly after: GraphDocument;
  /** Consecutive entries with the same key merge into one. */
  readonly coalesceKey?: string;
}

export interface History {
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };

/** How many steps undo can go back; older entries are dropped. */
export const HISTORY_LIMIT = 500;

export function recordEntry(history: History, entry: HistoryEntry): History {
  if (entry.before === entry.after) return history;
  const last = history.past[history.past.length - 1];
  if (last && entry.coalesceKey !== undefined && last.coalesceKey === entry.coalesceKey) {
    const merged = { ...last, after: entry.after };
    // Typing a value back to where it started leaves no step behind.
    const past = merged.before === merged.after ? history.past.slice(0, -1) : [...history.past.slice(0, -1), merged];
    return { past, future: [] };
  }
  const past = [...history.past, entry];
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, future: [] };
}

export interface Step {
  readonly history: History;
  readonly document: GraphDocument;
  readonly entry: HistoryEntry;
}

export function undoStep(history: History): Step | undefined {
  const entry = history.past[history.past.length - 1];
  if (!entry) return undefined;
  // An undone entry never merges with the next edit.
  const { coalesceKey: _key, ...sealed } = entry;
  return {
    history: { past: history.past.slice(0, -1), future: [sealed, ...history.future] },
    document: entry.before,
    entry,
  };
}

export function redoStep(history: History): Step | undefined {
  const [entry, ...future] = history.future;
  if (!entry) return undefined;
  return { history: { past: [...history.past, entry], future }, document: entry.after, entry };
}

/** Closes the last entry so the next edit with the same key starts a new step (a field lost focus). */
export function sealHistory(history: History): History {
  const last = history.past[history.past.length - 1];
  if (!last || last.coalesceKey === undefined) return history;
  const { coalesceKey: _key, ...sealed } = last;
  return { ...history, past: [...history.past.slice(0, -1), sealed] };
}
