/**
 * The Run panel's session: the chosen input and provider, the job in flight, the last run, the
 * activations and kernels captured from it, and the shift experiment. Session state only: never
 * undoable, never saved. One controller per editor; it reaches the engine through the Host.
 *
 * A run is two host calls. The first runs the design as it is, `repeat` times, for the outputs and
 * an honest latency; the second runs it once more with the layers' activations captured (extra
 * graph outputs change what onnxruntime can fuse, so they stay out of the timing).
 */
import {
  type GraphAnalysis,
  type GraphDocument,
  type InferenceInput,
  type ProviderInfo,
  type ProviderName,
  type RunResult,
  type TensorValue,
} from '../../engine/core/index.ts';
import { inputWindows, type InputWindow } from '../../engine/core/signal/input-windows.ts';
import { shiftSpatial, type Tensor } from '../../engine/core/signal/shift-experiment.ts';
import type { Editor } from '../editor/editor.ts';
import { createStore, type Store } from '../state/store.ts';
import { pixelsFromUrl } from './browser-images.ts';
import type { PixelRange, RgbaPixels } from './image-tensor.ts';
import { buildInput, choiceFits, defaultChoice, inputSpecOf, type InputChoice, type InputSpec } from './run-inputs.ts';
import { sampleById } from './samples.ts';
import { sampleOf, shiftReport, type ShiftRow } from './shift-report.ts';

/** Activations asked for in one capture, in values: the worker holds them all at once. */
const CAPTURE_BUDGET = 16_000_000;
const MAX_CAPTURED_NODES = 256;

export interface CompletedRun {
  /** The design as it ran: results belong to it, not to later edits. */
  readonly document: GraphDocument;
  readonly analysis: GraphAnalysis;
  readonly handle: string;
  readonly spec: InputSpec;
  readonly input: InferenceInput;
  /** What the input was, in words. */
  readonly inputLabel: string;
  readonly result: RunResult;
}

export interface Inside {
  readonly activations: Readonly<Record<string, TensorValue>>;
  readonly weights: Readonly<Record<string, TensorValue>>;
  /** Node ids asked for; those missing from `activations` did not fit one run's payload. */
  readonly requested: ReadonlySet<string>;
}

export interface ShiftExperiment {
  /** The input shift per spatial axis ([dy, dx] for images, [dx] for signals). */
  readonly shift: readonly number[];
  readonly input: Tensor;
  readonly shiftedInput: Tensor;
  readonly base: Readonly<Record<string, TensorValue>>;
  readonly moved: Readonly<Record<string, TensorValue>>;
  readonly windows: ReadonlyMap<string, InputWindow>;
  readonly rows: readonly ShiftRow[];
}

export interface Job {
  readonly runId: string;
  readonly label: string;
  /** The host's progress line, once it reports one. */
  readonly task: string | undefined;
  readonly fraction: number | undefined;
  readonly startedAt: number;
}

export interface RunPanelState {
  readonly providers: readonly ProviderInfo[] | undefined;
  readonly providersProblem: string | undefined;
  readonly provider: ProviderName;
  readonly repeat: number;
  /** Undefined until the panel knows the input's kind. */
  readonly choice: InputChoice | undefined;
  readonly pixelRange: PixelRange;
  readonly shift: { readonly dx: number; readonly dy: number };
  readonly job: Job | undefined;
  /** Why the last action failed, or that it was cancelled. */
  readonly problem: string | undefined;
  readonly run: CompletedRun | undefined;
  readonly inside: Inside | undefined;
  readonly experiment: ShiftExperiment | undefined;
}

const INITIAL: RunPanelState = {
  providers: undefined,
  providersProblem: undefined,
  provider: 'cpu',
  repeat: 20,
  choice: undefined,
  pixelRange: 'unit',
  shift: { dx: 1, dy: 1 },
  job: undefined,
  problem: undefined,
  run: undefined,
  inside: undefined,
  experiment: undefined,
};

class Cancelled extends Error {}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeChoice(choice: InputChoice): string {
  switch (choice.kind) {
    case 'sample':
      return sampleById(choice.sampleId)?.description ?? choice.sampleId;
    case 'image':
    case 'csv':
      return choice.name;
    case 'random':
      return `random values (seed ${choice.seed})`;
    case 'signal':
      return `${choice.signal} signal`;
  }
}

let runCount = 0;

export class RunController {
  readonly store: Store<RunPanelState> = createStore(INITIAL);
  private readonly samplePixels = new Map<string, Promise<RgbaPixels>>();

  constructor(private readonly editor: Editor) {}

  get state(): RunPanelState {
    return this.store.getState();
  }

  private update(patch: Partial<RunPanelState>): void {
    this.store.setState((state) => ({ ...state, ...patch }));
  }

  async loadProviders(): Promise<void> {
    if (this.state.providers) return;
    try {
      const providers = await this.editor.host.listProviders();
      this.update({ providers, providersProblem: undefined });
    } catch (error) {
      this.update({ providersProblem: describeError(error) });
    }
  }

  setProvider(provider: ProviderName): void {
    this.update({ provider });
  }

  setRepeat(repeat: number): void {
    if (Number.isSafeInteger(repeat) && repeat >= 1 && repeat <= 10_000) this.update({ repeat });
  }

  setPixelRange(pixelRange: PixelRange): void {
    this.update({ pixelRange });
  }

  setShift(shift: { readonly dx: number; readonly dy: number }): void {
    this.update({ shift });
  }

  choose(choice: InputChoice): void {
    this.update({ choice, problem: undefined });
  }

  /** The design's input and the choice in effect for it (the default when the chosen one does not fit). */
  inputFor(analysis: GraphAnalysis): { spec: InputSpec; choice: InputChoice } | undefined {
    const spec = inputSpecOf(analysis);
    if (!spec) return undefined;
    const chosen = this.state.choice;
    return { spec, choice: chosen && choiceFits(chosen, spec.kind) ? chosen : defaultChoice(spec) };
  }

  /** The pixels of a bundled sample, decoded once. */
  samplePixelsOf(sampleId: string): Promise<RgbaPixels> {
    let pixels = this.samplePixels.get(sampleId);
    if (!pixels) {
      const sample = sampleById(sampleId);
      if (!sample) return Promise.reject(new Error(`there is no sample "${sampleId}"`));
      pixels =
        sample.source.kind === 'url' ? pixelsFromUrl(sample.source.url) : Promise.resolve(sample.source.pixels());
      this.samplePixels.set(sampleId, pixels);
    }
    return pixels;
  }

  /** Runs the design on the chosen input, then captures what every layer computed. */
  async run(): Promise<void> {
    const { document, analysis, handle } = this.editor.design.getState();
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0 || document.nodes.length === 0) {
      this.update({
        problem:
          errors > 0
            ? `Fix the ${errors} error${errors === 1 ? '' : 's'} in the design before running it`
            : 'The design is empty',
      });
      return;
    }
    const current = this.inputFor(analysis);
    if (!current) {
      this.update({ problem: 'The design has no Input to feed' });
      return;
    }
    const { spec, choice } = current;
    let pixels: RgbaPixels | undefined;
    try {
      if (choice.kind === 'sample') pixels = await this.samplePixelsOf(choice.sampleId);
      if (choice.kind === 'image') pixels = choice.pixels;
    } catch (error) {
      this.update({ problem: `Could not read the image: ${describeError(error)}` });
      return;
    }
    const built = buildInput(choice, spec, this.state.pixelRange, pixels);
    if (!built.ok) {
      this.update({ problem: `The input does not fit: ${built.message}` });
      return;
    }
    try {
      const result = await this.job(
        `Running ${document.name || 'the design'} on ${this.state.provider.toUpperCase()}`,
        {
          handle,
          document,
          input: built.input,
          provider: this.state.provider,
          repeat: this.state.repeat,
        },
      );
      this.update({
        run: { document, analysis, handle, spec, input: built.input, inputLabel: describeChoice(choice), result },
        inside: undefined,
        experiment: undefined,
      });
    } catch (error) {
      this.fail(error);
      return;
    }
    await this.capture(this.captureList());
  }

  /** Node ids whose activations one capture asks for: the layers in order, within the worker's budget. */
  private captureList(): string[] {
    const run = this.state.run;
    if (!run) return [];
    const ids: string[] = [];
    let values = 0;
    for (const id of run.analysis.order) {
      const analyzed = run.analysis.nodes.get(id);
      if (!analyzed?.output) continue;
      values += analyzed.activationElements;
      if (values > CAPTURE_BUDGET || ids.length >= MAX_CAPTURED_NODES) break;
      ids.push(id);
    }
    return ids;
  }

  private convIds(run: CompletedRun, among?: readonly string[]): string[] {
    return run.document.nodes
      .filter((node) => node.type === 'Conv' && (among === undefined || among.includes(node.id)))
      .map((node) => node.id);
  }

  /** Captures activations (and Conv kernels) of `ids` on the last run's input, adding to what is held. */
  async capture(ids: readonly string[]): Promise<void> {
    const run = this.state.run;
    if (!run || ids.length === 0) return;
    try {
      const result = await this.job('Capturing activations', {
        handle: run.handle,
        document: run.document,
        input: run.input,
        provider: run.result.provider,
        repeat: 1,
        captureNodeIds: ids,
        weightNodeIds: this.convIds(run, ids),
      });
      if (this.state.run !== run) return;
      const held = this.state.inside;
      this.update({
        inside: {
          activations: { ...held?.activations, ...result.activations },
          weights: { ...held?.weights, ...result.weights },
          requested: new Set([...(held?.requested ?? []), ...ids]),
        },
      });
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Runs the last run's input and the same input shifted by (dx, dy) with every layer captured,
   * then measures how each layer's output moved.
   */
  async runShiftExperiment(): Promise<void> {
    const run = this.state.run;
    if (!run) return;
    const { dx, dy } = this.state.shift;
    const { input } = run.result;
    if (input.fullDims) {
      this.update({ problem: 'The input is too large to send back for the shift experiment' });
      return;
    }
    const fed = sampleOf(input);
    const spatial = fed.dims.slice(1);
    if (spatial.length === 0) {
      this.update({ problem: 'The shift experiment needs an input with spatial axes: a signal or an image' });
      return;
    }
    const shift =
      spatial.length === 1 ? [dx] : spatial.length === 2 ? [dy, dx] : [...spatial.slice(2).map(() => 0), dy, dx];
    const shiftedInput: Tensor = { dims: fed.dims, data: shiftSpatial(fed, shift) };
    const ids = this.captureList();
    const request = {
      handle: run.handle,
      document: run.document,
      provider: run.result.provider,
      repeat: 1,
      captureNodeIds: ids,
    };
    try {
      const base = await this.job('Shift experiment: the input', {
        ...request,
        input: { kind: 'tensor', data: Array.from(fed.data) },
      });
      const moved = await this.job('Shift experiment: the shifted input', {
        ...request,
        input: { kind: 'tensor', data: Array.from(shiftedInput.data) },
      });
      if (this.state.run !== run) return;
      const windows = inputWindows(run.analysis);
      this.update({
        experiment: {
          shift,
          input: fed,
          shiftedInput,
          base: base.activations,
          moved: moved.activations,
          windows,
          rows: shiftReport(run.analysis, windows, base.activations, moved.activations, spatial, shift),
        },
      });
    } catch (error) {
      this.fail(error);
    }
  }

  /** Stops the job in flight: the panel is free at once, whatever the engine still finishes. */
  cancel(): void {
    const job = this.state.job;
    if (!job) return;
    this.update({ job: undefined, problem: `Cancelled: ${job.label}` });
    void this.editor.host.cancelRun(job.runId).catch(() => undefined);
  }

  private fail(error: unknown): void {
    if (error instanceof Cancelled) return;
    this.update({ problem: describeError(error) });
  }

  /** One host call as the panel's job: progress shown, cancellable, its result dropped once cancelled. */
  private async job(
    label: string,
    request: Omit<Parameters<Editor['host']['runInference']>[0], 'runId'>,
  ): Promise<RunResult> {
    const runId = `run-${Date.now().toString(36)}-${++runCount}`;
    this.update({
      job: { runId, label, task: undefined, fraction: undefined, startedAt: performance.now() },
      problem: undefined,
    });
    const unsubscribe = this.editor.host.onProgress((progress) => {
      const job = this.state.job;
      if (job?.runId === runId) this.update({ job: { ...job, task: progress.task, fraction: progress.fraction } });
    });
    try {
      const result = await this.editor.host.runInference({ ...request, runId });
      if (this.state.job?.runId !== runId) throw new Cancelled(label);
      return result;
    } catch (error) {
      if (this.state.job?.runId !== runId) throw new Cancelled(label);
      throw error;
    } finally {
      unsubscribe();
      if (this.state.job?.runId === runId) this.update({ job: undefined });
    }
  }
}

const controllers = new WeakMap<Editor, RunController>();

/** The Run panel's controller of an editor, made on first use; it outlives the panel being hidden. */
export function runControllerFor(editor: Editor): RunController {
  let controller = controllers.get(editor);
  if (!controller) {
    controller = new RunController(editor);
    controllers.set(editor, controller);
  }
  return controller;
}
