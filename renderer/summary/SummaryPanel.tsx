import { memo } from 'react';
import type { DesignState, Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { formatCount, formatMacs, formatMacsInFull, formatShape } from '../format.ts';
import { useStore } from '../state/store.ts';

const selectAnalysis = (state: DesignState) => state.analysis;
const selectSelection = (state: SessionState) => state.selection;

interface RowProps {
  editor: Editor;
  id: string;
  type: string;
  shape: string;
  params: number;
  macs: number;
  selected: boolean;
  fault: boolean;
}

/** One layer; primitive props, so a drag elsewhere re-renders no row. */
const SummaryRow = memo(function SummaryRow({ editor, id, type, shape, params, macs, selected, fault }: RowProps) {
  const classes = ['summary__row', selected && 'is-selected', fault && 'is-fault'].filter(Boolean).join(' ');
  return (
    <tr className={classes} onClick={() => editor.focusNode(id)} aria-selected={selected}>
      <td>
        <button
          type="button"
          className="summary__layer"
          title={`${id} (${type})`}
          onClick={(event) => {
            event.stopPropagation();
            editor.focusNode(id);
          }}
        >
          <span className="mono">{id}</span> <span className="summary__type">({type})</span>
        </button>
      </td>
      <td className="mono">{shape}</td>
      <td className="num">{formatCount(params)}</td>
      <td className="num" title={`${formatCount(macs)} MACs`}>
        {formatMacs(macs)}
      </td>
    </tr>
  );
});

/** A Keras-like layer table; clicking a row selects its node and brings it into view. */
export function SummaryPanel({ editor }: { editor: Editor }) {
  const analysis = useStore(editor.design, selectAnalysis);
  const selection = useStore(editor.session, selectSelection);
  const selected = new Set(selection.nodes);
  const faulty = new Set(analysis.diagnostics.flatMap((d) => (d.severity === 'error' && d.nodeId ? [d.nodeId] : [])));
  const { totals } = analysis;
  return (
    <div className="summary">
      <table className="summary__table">
        <colgroup>
          <col className="summary__col-layer" />
          <col className="summary__col-shape" />
          <col className="summary__col-params" />
          <col className="summary__col-macs" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Layer (type)</th>
            <th scope="col">Output shape</th>
            <th scope="col" className="num">
              Param #
            </th>
            <th scope="col" className="num">
              MACs
            </th>
          </tr>
        </thead>
        <tbody>
          {analysis.order.map((id) => {
            const result = analysis.nodes.get(id);
            if (!result) return null;
            return (
              <SummaryRow
                key={id}
                editor={editor}
                id={id}
                type={result.node.type}
                shape={result.output ? formatShape(result.output.shape) : '—'}
                params={result.trainableParams + result.nonTrainableParams}
                macs={result.macs}
                selected={selected.has(id)}
                fault={faulty.has(id)}
              />
            );
          })}
        </tbody>
      </table>
      <dl className="summary__totals" aria-label="Totals">
        <div>
          <dt>Total params</dt>
          <dd data-testid="total-params">{formatCount(totals.trainableParams + totals.nonTrainableParams)}</dd>
        </div>
        <div>
          <dt>Trainable params</dt>
          <dd data-testid="trainable-params">{formatCount(totals.trainableParams)}</dd>
        </div>
        <div>
          <dt>Non-trainable params</dt>
          <dd>{formatCount(totals.nonTrainableParams)}</dd>
        </div>
        <div>
          <dt>MACs (batch of one)</dt>
          <dd data-testid="total-macs">{formatMacsInFull(totals.macs)}</dd>
        </div>
      </dl>
    </div>
  );
}
