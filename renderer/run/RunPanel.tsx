/**
 * The Run tab: choose an input and a provider, run the design through onnxruntime, read its output
 * and latency, then look inside: the selected node's activations, a Conv's kernels and their
 * frequency response, and the shift experiment.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ProviderInfo, ProviderName } from '../../engine/core/index.ts';
import type { DesignState, Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { useStore } from '../state/store.ts';
import { InputSection } from './InputSection.tsx';
import { InsideNode } from './InsideView.tsx';
import { OutputView } from './OutputView.tsx';
import { classLabels } from './read-output.ts';
import { DrawingWidth, useMeasuredWidth } from './panel-width.ts';
import { runControllerFor, type Job, type RunController, type RunPanelState } from './run-controller.ts';
import { ShiftView } from './ShiftView.tsx';
import './run.css';

const selectAnalysis = (state: DesignState) => state.analysis;
const selectDocument = (state: DesignState) => state.document;
const selectFocus = (state: SessionState) => state.selection.nodes[0];
const selectState = (state: RunPanelState) => state;

const PROVIDER_NAMES: Readonly<Record<ProviderName, string>> = {
  cpu: 'CPU',
  cuda: 'CUDA',
  webgpu: 'WebGPU',
  dml: 'DirectML',
  coreml: 'CoreML',
};

function ProviderList({
  controller,
  providers,
  chosen,
  problem,
}: {
  controller: RunController;
  providers: readonly ProviderInfo[] | undefined;
  chosen: ProviderName;
  problem: string | undefined;
}) {
  const id = useId();
  if (problem) return <p className="run-note is-problem">Could not list the providers: {problem}</p>;
  if (!providers) return <p className="run-note">Asking onnxruntime which providers it has…</p>;
  return (
    <fieldset className="provider-list">
      <legend className="visually-hidden">Execution provider</legend>
      {providers.map((provider) => (
        <label
          key={provider.name}
          className={provider.available ? 'provider-list__item' : 'provider-list__item is-unavailable'}
          data-testid={`provider-${provider.name}`}
          title={provider.reason}
        >
          <input
            type="radio"
            name={`${id}-provider`}
            value={provider.name}
            checked={chosen === provider.name}
            disabled={!provider.available}
            aria-describedby={provider.reason ? `${id}-${provider.name}-reason` : undefined}
            onChange={() => controller.setProvider(provider.name)}
          />
          <span className="provider-list__name">{PROVIDER_NAMES[provider.name]}</span>
          <span className="provider-list__reason" id={`${id}-${provider.name}-reason`}>
            {provider.reason ?? 'ships with onnxruntime'}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Seconds since the job started, ticking while it runs. */
function Elapsed({ job }: { job: Job }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, []);
  return <span className="mono">{Math.max(0, (now - job.startedAt) / 1000).toFixed(1)} s</span>;
}

function JobProgress({ controller, job }: { controller: RunController; job: Job }) {
  return (
    <div className="run-job" role="status" data-testid="run-progress">
      <div className="run-job__text">
        <span className="spinner" aria-hidden="true" />
        <span title={job.task}>{job.label}</span>
        <Elapsed job={job} />
      </div>
      <div className="run-job__track">
        <span
          className={job.fraction === undefined ? 'run-job__bar is-indeterminate' : 'run-job__bar'}
          style={job.fraction === undefined ? undefined : { width: `${job.fraction * 100}%` }}
        />
      </div>
      <button type="button" className="button" onClick={() => controller.cancel()}>
        Cancel
      </button>
    </div>
  );
}

export function RunPanel({ editor }: { editor: Editor }) {
  const controller = runControllerFor(editor);
  const state = useStore(controller.store, selectState);
  const analysis = useStore(editor.design, selectAnalysis);
  const document = useStore(editor.design, selectDocument);
  const focusId = useStore(editor.session, selectFocus);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const output = useRef<HTMLDivElement>(null);
  // The sections' horizontal padding (14 px each side).
  const width = useMeasuredWidth(root, 28);
  useEffect(() => {
    void controller.loadProviders();
  }, [controller]);

  const current = controller.inputFor(analysis);
  const { run, job, inside, experiment } = state;
  const stale = run !== undefined && run.document !== document;
  const focusNode = focusId === undefined ? undefined : run?.analysis.nodes.get(focusId)?.node;
  // A fresh result scrolls into view: the user clicked Run to read it.
  useEffect(() => {
    if (run) output.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [run]);
  return (
    <DrawingWidth.Provider value={width}>
      <div className="run-panel" data-testid="run-panel" ref={root}>
        {current ? (
          <InputSection controller={controller} spec={current.spec} choice={current.choice} />
        ) : (
          <p className="inspector__hint">Add an Input node to run the design.</p>
        )}

        <section className="run-section" aria-labelledby={`${id}-provider`}>
          <header className="run-section__header">
            <h3 className="section-title" id={`${id}-provider`}>
              Provider
            </h3>
          </header>
          <ProviderList
            controller={controller}
            providers={state.providers}
            chosen={state.provider}
            problem={state.providersProblem}
          />
          <div className="run-row">
            <label htmlFor={`${id}-repeat`}>Timed runs</label>
            <input
              id={`${id}-repeat`}
              className="field__input run-row__number"
              type="number"
              min={1}
              max={10_000}
              value={state.repeat}
              onChange={(event) => controller.setRepeat(Number(event.target.value))}
            />
            <span className="run-row__spacer" />
            <button
              type="button"
              className="button button--primary"
              disabled={job !== undefined || !current}
              onClick={() => void controller.run()}
            >
              Run
            </button>
          </div>
          {job && <JobProgress controller={controller} job={job} />}
          {state.problem && (
            <p className="run-note is-problem" role="alert" data-testid="run-problem">
              {state.problem}
            </p>
          )}
        </section>

        {run && (
          <>
            {stale && (
              <p className="run-note is-warning run-stale">
                The design changed after this run; its results belong to the design as it ran. Run again to update them.
              </p>
            )}
            <div ref={output}>
              <OutputView run={run} />
            </div>
            <section className="run-section" aria-label="Inside the network" data-testid="run-inside">
              <header className="run-section__header">
                <h3 className="section-title">Inside</h3>
                {focusNode && (
                  <span className="run-section__meta">
                    <span className="mono">{focusNode.id}</span> ({focusNode.type})
                  </span>
                )}
              </header>
              {focusNode ? (
                <InsideNode
                  controller={controller}
                  nodeId={focusNode.id}
                  type={focusNode.type}
                  activation={inside?.activations[focusNode.id]}
                  kernel={inside?.weights[focusNode.id]}
                  captured={inside?.requested.has(focusNode.id) ?? false}
                  busy={job !== undefined}
                />
              ) : (
                <p className="run-note">Click a node on the canvas to see what it computed on this input.</p>
              )}
            </section>
            <ShiftView
              controller={controller}
              experiment={experiment}
              focusId={focusId}
              oneAxis={run.spec.shape.length === 2}
              labels={(classes) => classLabels(classes, run.spec.shape)}
              disabled={job !== undefined}
            />
          </>
        )}
      </div>
    </DrawingWidth.Provider>
  );
}
