import { Icon } from './Icon.tsx';
import type { DesignState, Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { formatCount, formatMacs } from '../format.ts';
import { useStore } from '../state/store.ts';

const selectAnalysis = (state: DesignState) => state.analysis;
const selectBusy = (state: SessionState) => state.busy;
const selectSelectedCount = (state: SessionState) => state.selection.nodes.length;

/** Totals and whether the graph is valid, always in view. */
export function StatusBar({ editor }: { editor: Editor }) {
  const analysis = useStore(editor.design, selectAnalysis);
  const busy = useStore(editor.session, selectBusy);
  const selected = useStore(editor.session, selectSelectedCount);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = analysis.diagnostics.length - errors;
  const { totals } = analysis;
  return (
    <footer className="status-bar" aria-label="Status">
      <button
        type="button"
        className={`status-bar__validity ${analysis.valid ? 'is-valid' : 'is-invalid'}`}
        data-testid="graph-validity"
        onClick={() => editor.updateSession({ diagnosticsOpen: true })}
      >
        <Icon name={analysis.valid ? 'check' : 'error'} />
        {analysis.valid ? 'Valid' : `${errors} error${errors === 1 ? '' : 's'}`}
        {warnings > 0 && (
          <span className="muted">
            {' '}
            · {warnings} warning{warnings === 1 ? '' : 's'}
          </span>
        )}
      </button>
      <span>{formatCount(analysis.order.length)} nodes</span>
      {selected > 0 && <span>{formatCount(selected)} selected</span>}
      <span>
        Params <strong data-testid="status-params">{formatCount(totals.trainableParams)}</strong>
      </span>
      <span>
        MACs <strong>{formatMacs(totals.macs)}</strong>
      </span>
      <span className="status-bar__spacer" />
      {busy && (
        <span className="status-bar__busy" role="status">
          <span className="spinner" aria-hidden="true" />
          {busy.task}
          {busy.fraction !== undefined && (
            <>
              <span
                className="status-bar__track"
                role="progressbar"
                aria-label={busy.task}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(busy.fraction * 100)}
              >
                <span className="status-bar__bar" style={{ width: `${busy.fraction * 100}%` }} />
              </span>
              {`${Math.round(busy.fraction * 100)}%`}
            </>
          )}
          {busy.cancel && (
            <button
              type="button"
              className="button status-bar__cancel"
              aria-label={busy.cancel.label}
              onClick={() => editor.cancelBusy()}
            >
              Cancel
            </button>
          )}
        </span>
      )}
    </footer>
  );
}
