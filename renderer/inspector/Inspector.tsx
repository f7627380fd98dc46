import { useEffect, useId, useRef, useState } from 'react';
import {
  formatShape,
  isLayerType,
  LAYER_CATEGORIES,
  layerOf,
  resolveParams,
  type Diagnostic,
  type GraphNode,
  type NodeAnalysis,
  type ParamSchema,
  type ParamSpec,
  type ReceptiveField,
} from '../../engine/core/index.ts';
import { Icon } from '../chrome/Icon.tsx';
import type { DesignState, Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { formatBytes, formatCount, formatMacsInFull } from '../format.ts';
import { useStore } from '../state/store.ts';
import { formatParamValue, parseParamText, placeholderFor } from './param-text.ts';

const selectDocument = (state: DesignState) => state.document;
const selectAnalysis = (state: DesignState) => state.analysis;
const selectSelection = (state: SessionState) => state.selection;
const selectFocus = (state: SessionState) => state.inspectorFocus;

/** float32 activations: four bytes per element. */
const BYTES_PER_ELEMENT = 4;

function formatReceptiveField(field: ReceptiveField | undefined): string {
  if (!field) return '—';
  if (field === 'global') return 'the whole input';
  if (field.size.length === 0) return '—';
  return `${field.size.join('×')} (step ${field.jump.join('×')})`;
}

function ParamField({
  editor,
  nodeId,
  paramKey,
  spec,
  schema,
  value,
  problem,
}: {
  editor: Editor;
  nodeId: string;
  paramKey: string;
  spec: ParamSpec;
  schema: ParamSchema;
  value: unknown;
  problem: string | undefined;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const label = spec.label ?? paramKey;
  const describedBy = `${id}-help${problem ? ` ${id}-problem` : ''}`;
  if (spec.kind === 'bool') {
    const checked = value === undefined ? spec.default : value === true;
    return (
      <div className={problem ? 'field field--bool is-invalid' : 'field field--bool'}>
        <label className="field__check" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={checked}
            aria-describedby={describedBy}
            onChange={(event) => {
              editor.setParam(nodeId, paramKey, event.target.checked);
              editor.sealTyping();
            }}
          />
          <span>{label}</span>
        </label>
        <FieldNotes id={id} problem={problem} help={spec.help} />
      </div>
    );
  }
  const text = draft ?? formatParamValue(value);
  return (
    <div className={problem ? 'field is-invalid' : 'field'}>
      <div className="field__row">
        <label htmlFor={id}>{label}</label>
        {spec.label !== undefined && <span className="field__key">{paramKey}</span>}
      </div>
      <input
        id={id}
        className="field__input"
        type="text"
        spellCheck={false}
        autoComplete="off"
        value={text}
        placeholder={placeholderFor(spec, (key) => schema[key]?.label ?? key)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
        list={spec.kind === 'padding' ? `${id}-modes` : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          editor.setParam(nodeId, paramKey, parseParamText(spec, event.target.value));
        }}
        onBlur={() => {
          setDraft(undefined);
          editor.sealTyping();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === 'Escape') event.currentTarget.blur();
        }}
      />
      {spec.kind === 'padding' && (
        <datalist id={`${id}-modes`}>
          {spec.modes.map((mode) => (
            <option key={mode} value={mode} />
          ))}
        </datalist>
      )}
      <FieldNotes id={id} problem={problem} help={spec.help} />
    </div>
  );
}

/** A field's problem (when there is one) and its teaching help, which the input's aria-describedby names. */
function FieldNotes({ id, problem, help }: { id: string; problem: string | undefined; help: string }) {
  return (
    <>
      {problem && (
        <p className="field__problem" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
      <p className="field__help" id={`${id}-help`}>
        {help}
      </p>
    </>
  );
}

function Metric({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="metric">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function DiagnosticList({ diagnostics, node }: { diagnostics: readonly Diagnostic[]; node: GraphNode }) {
  if (diagnostics.length === 0) return null;
  const prefix = `${node.type} "${node.id}": `;
  return (
    <ul className="inspector__problems" aria-label="Problems">
      {diagnostics.map((diagnostic, index) => (
        <li key={index} className={`problem problem--${diagnostic.severity}`}>
          <Icon name={diagnostic.severity === 'error' ? 'error' : 'warning'} />
          <span>
            {diagnostic.message.startsWith(prefix) ? diagnostic.message.slice(prefix.length) : diagnostic.message}
          </span>
        </li>
      ))}
    </ul>
  );
}

function NodeInspector({
  editor,
  node,
  result,
  diagnostics,
}: {
  editor: Editor;
  node: GraphNode;
  result: NodeAnalysis | undefined;
  diagnostics: readonly Diagnostic[];
}) {
  const parameters = useRef<HTMLElement>(null);
  const focusWanted = useStore(editor.session, selectFocus) === node.id;
  useEffect(() => {
    if (!focusWanted) return;
    parameters.current?.querySelector<HTMLInputElement>('input')?.focus();
    editor.updateSession({ inspectorFocus: undefined });
  }, [editor, focusWanted]);
  if (!isLayerType(node.type)) {
    return (
      <div className="inspector__section">
        <h2 className="inspector__title">{node.type}</h2>
        <DiagnosticList diagnostics={diagnostics} node={node} />
      </div>
    );
  }
  const layer = layerOf(node.type);
  const resolved = resolveParams(layer.params, node.params);
  const problems = new Map(resolved.ok ? [] : resolved.problems.map((p) => [p.param, p.message]));
  const entries = Object.entries(layer.params);
  const output = result?.output;
  const inputs = result?.inputs ?? [];
  return (
    <>
      <div className="inspector__section inspector__header">
        <span className={`category-dot category-dot--${layer.category}`} aria-hidden="true" />
        <div>
          <h2 className="inspector__title">{node.type}</h2>
          <p className="inspector__subtitle">
            <span className="mono">{node.id}</span> · {LAYER_CATEGORIES[layer.category]}
          </p>
        </div>
      </div>
      <DiagnosticList diagnostics={diagnostics} node={node} />
      {entries.length > 0 && (
        <section className="inspector__section" aria-label="Parameters" ref={parameters}>
          <h3 className="section-title">Parameters</h3>
          {entries.map(([key, spec]) => (
            <ParamField
              key={key}
              editor={editor}
              nodeId={node.id}
              paramKey={key}
              spec={spec}
              schema={layer.params}
              value={node.params?.[key]}
              problem={problems.get(key)}
            />
          ))}
        </section>
      )}
      <section className="inspector__section" aria-label="Metrics">
        <h3 className="section-title">Output</h3>
        <dl className="metrics">
          {inputs.length > 0 && (
            <Metric
              label={inputs.length === 1 ? 'Input shape' : 'Input shapes'}
              value={inputs.map((signal) => (signal ? formatShape(signal.shape) : '?')).join(' · ')}
            />
          )}
          <Metric
            label="Output shape"
            value={output ? formatShape(output.shape) : '—'}
            testId="inspector-output-shape"
          />
          <Metric label="Parameters" value={formatCount(result?.trainableParams ?? 0)} testId="inspector-params" />
          {(result?.nonTrainableParams ?? 0) > 0 && (
            <Metric label="Non-trainable" value={formatCount(result?.nonTrainableParams ?? 0)} />
          )}
          <Metric label="MACs" value={formatCount(result?.macs ?? 0)} />
          <Metric label="Receptive field" value={formatReceptiveField(output?.receptiveField)} />
          <Metric
            label="Activation memory"
            value={
              output
                ? `${formatBytes((result?.activationElements ?? 0) * BYTES_PER_ELEMENT)} (${formatCount(result?.activationElements ?? 0)} floats)`
                : '—'
            }
          />
        </dl>
      </section>
      <section className="inspector__section" aria-label={`About ${node.type}`}>
        <h3 className="section-title">About {node.type}</h3>
        <p className="inspector__summary">{layer.summary}</p>
        <p className="inspector__help">{layer.help}</p>
      </section>
    </>
  );
}

function DesignInspector({ editor }: { editor: Editor }) {
  const document = useStore(editor.design, selectDocument);
  const analysis = useStore(editor.design, selectAnalysis);
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const id = useId();
  const { totals } = analysis;
  return (
    <>
      <section className="inspector__section" aria-label="Design">
        <h3 className="section-title">Design</h3>
        <div className="field">
          <label htmlFor={id}>Name</label>
          <input
            id={id}
            className="field__input"
            type="text"
            value={draft ?? document.name}
            onChange={(event) => {
              setDraft(event.target.value);
              editor.rename(event.target.value);
            }}
            onBlur={() => {
              setDraft(undefined);
              editor.sealTyping();
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === 'Escape') event.currentTarget.blur();
            }}
          />
        </div>
        {document.description && <p className="inspector__help">{document.description}</p>}
        <dl className="metrics">
          <Metric label="Nodes" value={formatCount(document.nodes.length)} />
          <Metric label="Trainable params" value={formatCount(totals.trainableParams)} />
          <Metric label="Non-trainable" value={formatCount(totals.nonTrainableParams)} />
          <Metric label="MACs" value={formatMacsInFull(totals.macs)} />
          <Metric label="Activations" value={formatBytes(totals.activationElements * BYTES_PER_ELEMENT)} />
          {[...analysis.outputs].map(([output, shape]) => (
            <Metric
              key={output}
              label={analysis.outputs.size === 1 ? 'Output shape' : `Output “${output}”`}
              value={formatShape(shape)}
            />
          ))}
        </dl>
      </section>
      <p className="inspector__hint">Select a node to edit its parameters. Shift+A adds a layer.</p>
    </>
  );
}

function MultiInspector({ editor, ids }: { editor: Editor; ids: readonly string[] }) {
  const analysis = useStore(editor.design, selectAnalysis);
  let params = 0;
  let macs = 0;
  for (const id of ids) {
    const result = analysis.nodes.get(id);
    params += (result?.trainableParams ?? 0) + (result?.nonTrainableParams ?? 0);
    macs += result?.macs ?? 0;
  }
  return (
    <section className="inspector__section" aria-label="Selection">
      <h2 className="inspector__title">{ids.length} nodes selected</h2>
      <dl className="metrics">
        <Metric label="Parameters" value={formatCount(params)} />
        <Metric label="MACs" value={formatMacsInFull(macs)} />
      </dl>
      <div className="inspector__actions">
        <button type="button" className="button" onClick={() => void editor.duplicate()}>
          Duplicate
        </button>
        <button type="button" className="button button--danger" onClick={() => editor.deleteSelection()}>
          Delete
        </button>
      </div>
    </section>
  );
}

/** The form for the selected node, generated from its parameter schema, with live validation. */
export function Inspector({ editor }: { editor: Editor }) {
  const document = useStore(editor.design, selectDocument);
  const analysis = useStore(editor.design, selectAnalysis);
  const selection = useStore(editor.session, selectSelection);
  if (selection.nodes.length > 1) return <MultiInspector editor={editor} ids={selection.nodes} />;
  const nodeId = selection.nodes[0];
  const node = nodeId === undefined ? undefined : document.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) return <DesignInspector editor={editor} />;
  return (
    <NodeInspector
      key={node.id}
      editor={editor}
      node={node}
      result={analysis.nodes.get(node.id)}
      // Parameter problems show under their fields; the list above the form keeps the rest.
      diagnostics={analysis.diagnostics.filter((d) => d.nodeId === node.id && d.code !== 'invalid-param')}
    />
  );
}
