import { describe, expect, it } from 'vitest';
import { emptyGraphDocument, type GraphDocument } from '../../engine/core/index.ts';
import { EMPTY_HISTORY, recordEntry, redoStep, sealHistory, undoStep, type History } from './history.ts';

const documents: GraphDocument[] = ['a', 'b', 'c', 'd'].map((name) => emptyGraphDocument(name));
const [a, b, c, d] = documents as [GraphDocument, GraphDocument, GraphDocument, GraphDocument];

describe('history', () => {
  it('undoes and redoes in order', () => {
    let history: History = recordEntry(EMPTY_HISTORY, { label: 'one', before: a, after: b });
    history = recordEntry(history, { label: 'two', before: b, after: c });
    const back = undoStep(history);
    expect(back?.document).toBe(b);
    const further = undoStep(back?.history ?? EMPTY_HISTORY);
    expect(further?.document).toBe(a);
    expect(undoStep(further?.history ?? EMPTY_HISTORY)).toBeUndefined();
    expect(redoStep(further?.history ?? EMPTY_HISTORY)?.document).toBe(b);
  });

  it('a new edit after undo clears the redo stack', () => {
    const history = recordEntry(EMPTY_HISTORY, { label: 'one', before: a, after: b });
    const undone = undoStep(history)?.history ?? EMPTY_HISTORY;
    expect(undone.future).toHaveLength(1);
    expect(recordEntry(undone, { label: 'other', before: a, after: d }).future).toHaveLength(0);
  });

  it('merges edits with the same key into one step, until sealed', () => {
    let history = recordEntry(EMPTY_HISTORY, { label: 'type', before: a, after: b, coalesceKey: 'f' });
    history = recordEntry(history, { label: 'type', before: b, after: c, coalesceKey: 'f' });
    expect(history.past).toHaveLength(1);
    expect(history.past[0]).toMatchObject({ before: a, after: c });
    history = recordEntry(sealHistory(history), { label: 'type', before: c, after: d, coalesceKey: 'f' });
    expect(history.past).toHaveLength(2);
  });

  it('does not merge edits with different keys', () => {
    let history = recordEntry(EMPTY_HISTORY, { label: 'x', before: a, after: b, coalesceKey: 'f' });
    history = recordEntry(history, { label: 'y', before: b, after: c, coalesceKey: 'g' });
    expect(history.past).toHaveLength(2);
  });

  it('typing a value back to where it began leaves no step', () => {
    let history = recordEntry(EMPTY_HISTORY, { label: 'x', before: a, after: b, coalesceKey: 'f' });
    history = recordEntry(history, { label: 'x', before: b, after: a, coalesceKey: 'f' });
    expect(history.past).toHaveLength(0);
  });

  it('an undone step never merges with the next edit', () => {
    let history = recordEntry(EMPTY_HISTORY, { label: 'x', before: a, after: b, coalesceKey: 'f' });
    history = redoStep(undoStep(history)?.history ?? EMPTY_HISTORY)?.history ?? EMPTY_HISTORY;
    history = recordEntry(history, { label: 'x', before: b, after: c, coalesceKey: 'f' });
    expect(history.past).toHaveLength(2);
  });

  it('ignores an entry that changes nothing', () => {
    expect(recordEntry(EMPTY_HISTORY, { label: 'x', before: a, after: a })).toBe(EMPTY_HISTORY);
  });
});
