import { Icon } from '../chrome/Icon.tsx';
import type { DesignState, Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { useStore } from '../state/store.ts';

const selectDiagnostics = (state: DesignState) => state.analysis.diagnostics;
const selectOpen = (state: SessionState) => state.diagnosticsOpen;

/** Every problem of the design; clicking one selects its node and brings it into view. */
export function DiagnosticsPanel({ editor }: { editor: Editor }) {
  const diagnostics = useStore(editor.design, selectDiagnostics);
  const open = useStore(editor.session, selectOpen);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return (
    <section className={open ? 'diagnostics is-open' : 'diagnostics'} aria-label="Diagnostics">
      <header className="diagnostics__header">
        <button
          type="button"
          className="diagnostics__toggle"
          aria-expanded={open}
          onClick={() => editor.updateSession({ diagnosticsOpen: !open })}
        >
          <Icon name={open ? 'chevronDown' : 'chevronRight'} />
          <span>Diagnostics</span>
        </button>
        <span className={errors > 0 ? 'badge badge--error' : 'badge'} title={`${errors} errors`}>
          <Icon name="error" /> {errors}
        </span>
        <span className={warnings > 0 ? 'badge badge--warning' : 'badge'} title={`${warnings} warnings`}>
          <Icon name="warning" /> {warnings}
        </span>
      </header>
      {open && (
        <ul className="diagnostics__list">
          {diagnostics.length === 0 && <li className="diagnostics__empty">No problems: every shape checks out.</li>}
          {diagnostics.map((diagnostic, index) => {
            const nodeId = diagnostic.nodeId;
            return (
              <li key={index}>
                <button
                  type="button"
                  className={`diagnostic diagnostic--${diagnostic.severity}`}
                  disabled={nodeId === undefined}
                  onClick={() => nodeId !== undefined && editor.focusNode(nodeId)}
                >
                  <Icon name={diagnostic.severity === 'error' ? 'error' : 'warning'} />
                  <span className="diagnostic__message">{diagnostic.message}</span>
                  <span className="diagnostic__code">{diagnostic.code}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
