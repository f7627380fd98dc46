import { useEffect, useId, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { formatShape } from '../../engine/core/index.ts';
import {
  parseCsvSignal,
  SIGNAL_KINDS,
  SIGNAL_LABELS,
  type SignalKind,
} from '../../engine/core/signal/synthetic-signals.ts';
import { useStore } from '../state/store.ts';
import { pixelsFromFile } from './browser-images.ts';
import { rangeOf } from './colormap.ts';
import { PIXEL_RANGE_LABELS, PIXEL_RANGES, type PixelRange, type RgbaPixels } from './image-tensor.ts';
import { useDrawingWidth } from './panel-width.ts';
import { LinePlot, TensorImage } from './plots.tsx';
import type { RunController, RunPanelState } from './run-controller.ts';
import { buildInput, defaultSample, type InputChoice, type InputSpec } from './run-inputs.ts';
import { SAMPLES } from './samples.ts';

const selectPixelRange = (state: RunPanelState) => state.pixelRange;

type SourceTab = InputChoice['kind'];

const TAB_LABELS: Readonly<Record<SourceTab, string>> = {
  sample: 'Sample',
  image: 'Image file',
  random: 'Random',
  signal: 'Signal',
  csv: 'CSV file',
};

function tabsFor(spec: InputSpec): readonly SourceTab[] {
  switch (spec.kind) {
    case 'image':
      return ['sample', 'image', 'random'];
    case 'signal':
      return ['signal', 'csv', 'random'];
    case 'other':
      return ['random', 'csv'];
  }
}

/** The pixels behind an image choice: decoded once per sample, held by a file choice. */
function usePixels(controller: RunController, choice: InputChoice): RgbaPixels | undefined {
  const [decoded, setDecoded] = useState<{ id: string; pixels: RgbaPixels } | undefined>(undefined);
  const sampleId = choice.kind === 'sample' ? choice.sampleId : undefined;
  useEffect(() => {
    if (sampleId === undefined) return;
    let live = true;
    controller
      .samplePixelsOf(sampleId)
      .then((pixels) => live && setDecoded({ id: sampleId, pixels }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [controller, sampleId]);
  if (choice.kind === 'image') return choice.pixels;
  return decoded && decoded.id === sampleId ? decoded.pixels : undefined;
}

/** A thumbnail button for one bundled sample. */
function SampleButton({
  controller,
  sampleId,
  label,
  description,
  pressed,
}: {
  controller: RunController;
  sampleId: string;
  label: string;
  description: string;
  pressed: boolean;
}) {
  const pixels = usePixels(controller, { kind: 'sample', sampleId });
  const grey = useMemo(() => {
    if (!pixels) return undefined;
    const values = new Float32Array(pixels.width * pixels.height);
    for (let i = 0; i < values.length; i++)
      values[i] =
        0.299 * (pixels.data[i * 4] ?? 0) +
        0.587 * (pixels.data[i * 4 + 1] ?? 0) +
        0.114 * (pixels.data[i * 4 + 2] ?? 0);
    return values;
  }, [pixels]);
  return (
    <button
      type="button"
      className="sample-button"
      aria-pressed={pressed}
      title={description}
      aria-label={`Sample ${label}`}
      onClick={() => controller.choose({ kind: 'sample', sampleId })}
    >
      {grey && pixels ? (
        <TensorImage
          values={grey}
          offset={0}
          width={pixels.width}
          height={pixels.height}
          scale="grey"
          low={0}
          high={255}
          size={34}
          label={description}
        />
      ) : (
        <span className="sample-button__placeholder" />
      )}
      <span>{label}</span>
    </button>
  );
}

/** A drop target with a file button: images or CSV files. */
function DropZone({
  accept,
  prompt,
  onFile,
  children,
}: {
  accept: string;
  prompt: string;
  onFile: (file: File) => void;
  children?: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <div
      className={over ? 'drop-zone is-over' : 'drop-zone'}
      data-testid="run-drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {children}
      <span className="drop-zone__prompt">
        {prompt} or{' '}
        <button type="button" className="link-button" onClick={() => input.current?.click()}>
          choose a file
        </button>
      </span>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        aria-label={prompt}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
    </div>
  );
}

/** What the network will see, drawn before the run. */
function Preview({
  spec,
  choice,
  pixels,
  range,
}: {
  spec: InputSpec;
  choice: InputChoice;
  pixels: RgbaPixels | undefined;
  range: PixelRange;
}) {
  const built = useMemo(() => buildInput(choice, spec, range, pixels), [choice, spec, range, pixels]);
  const drawingWidth = useDrawingWidth();
  if ((choice.kind === 'sample' || choice.kind === 'image') && !pixels) return <div className="input-preview" />;
  if (!built.ok) return <p className="run-note is-problem">{built.message}</p>;
  if (built.input.kind !== 'tensor')
    return <p className="run-note">Uniform random values in [0, 1), drawn by the engine.</p>;
  const data = built.input.data;
  const [low, high] = rangeOf(data);
  const [channels = 1, height = 1, width = 1] = spec.shape;
  if (spec.kind === 'image')
    return (
      <div className="input-preview" data-testid="input-preview">
        {Array.from({ length: channels }, (_, c) => (
          <TensorImage
            key={c}
            values={data}
            offset={c * height * width}
            width={width}
            height={height}
            scale="grey"
            low={low}
            high={high}
            size={channels === 1 ? 72 : 56}
            label={`Input channel ${c}`}
          />
        ))}
        <span className="input-preview__caption mono">
          {formatShape(spec.shape)} · {low.toPrecision(3)} … {high.toPrecision(3)}
        </span>
      </div>
    );
  const length = spec.shape[1] ?? data.length;
  return (
    <div className="input-preview" data-testid="input-preview">
      {built.note && <p className="run-note">{built.note}</p>}
      <LinePlot
        series={[{ values: data, offset: 0, length: spec.kind === 'signal' ? length : data.length }]}
        low={low}
        high={high}
        width={drawingWidth}
        height={64}
        label="The input signal"
        x={['0', String((spec.kind === 'signal' ? length : data.length) - 1)]}
      />
    </div>
  );
}

export function InputSection({
  controller,
  spec,
  choice,
}: {
  controller: RunController;
  spec: InputSpec;
  choice: InputChoice;
}) {
  const id = useId();
  const range = useStore(controller.store, selectPixelRange);
  const pixels = usePixels(controller, choice);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  /** A file tab shows its drop zone before any file arrives; the choice changes once one does. */
  const [fileTab, setFileTab] = useState<SourceTab | undefined>(undefined);
  const tabs = tabsFor(spec);
  const activeTab: SourceTab = fileTab && tabs.includes(fileTab) ? fileTab : choice.kind;

  const chooseTab = (tab: SourceTab): void => {
    setProblem(undefined);
    setFileTab(tab === 'image' || tab === 'csv' ? tab : undefined);
    switch (tab) {
      case 'sample':
        controller.choose({ kind: 'sample', sampleId: defaultSample(spec) });
        return;
      case 'random':
        controller.choose({ kind: 'random', seed: 0 });
        return;
      case 'signal':
        controller.choose({ kind: 'signal', signal: 'chirp', seed: 0 });
        return;
      case 'image':
      case 'csv':
        return;
    }
  };

  const readImage = (file: File): void => {
    setProblem(undefined);
    pixelsFromFile(file)
      .then((decoded) => {
        controller.choose({ kind: 'image', name: file.name, pixels: decoded });
      })
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  const readCsv = (file: File): void => {
    setProblem(undefined);
    file
      .text()
      .then((text) => {
        const parsed = parseCsvSignal(text);
        if (!parsed.ok) {
          setProblem(`${file.name}: ${parsed.message}`);
          return;
        }
        controller.choose({ kind: 'csv', name: file.name, columns: parsed.columns });
      })
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };

  return (
    <section className="run-section" aria-labelledby={`${id}-title`}>
      <header className="run-section__header">
        <h3 className="section-title" id={`${id}-title`}>
          Input
        </h3>
        <span className="run-section__meta mono">
          {spec.nodeId} · {formatShape(spec.shape)}
        </span>
      </header>
      <div className="segmented" role="tablist" aria-label="Input source">
        {tabs.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={tab === activeTab}
            className={tab === activeTab ? 'segmented__item is-active' : 'segmented__item'}
            onClick={() => chooseTab(tab)}
          >
            {TAB_LABELS[tab]}
          </button>
        ))}
      </div>
      {activeTab === 'sample' && (
        <div className="sample-grid" role="group" aria-label="Samples">
          {SAMPLES.map((sample) => (
            <SampleButton
              key={sample.id}
              controller={controller}
              sampleId={sample.id}
              label={sample.label}
              description={sample.description}
              pressed={choice.kind === 'sample' && choice.sampleId === sample.id}
            />
          ))}
        </div>
      )}
      {activeTab === 'image' && (
        <DropZone
          accept="image/png,image/jpeg,image/webp,image/gif,image/bmp"
          prompt="Drop an image"
          onFile={readImage}
        >
          {choice.kind === 'image' && <span className="drop-zone__file mono">{choice.name}</span>}
        </DropZone>
      )}
      {activeTab === 'csv' && (
        <DropZone accept=".csv,.tsv,.txt,text/csv,text/plain" prompt="Drop a CSV file" onFile={readCsv}>
          {choice.kind === 'csv' && (
            <span className="drop-zone__file mono">
              {choice.name}: {choice.columns[0]?.length ?? 0} rows × {choice.columns.length} column
              {choice.columns.length === 1 ? '' : 's'}
            </span>
          )}
        </DropZone>
      )}
      {activeTab === 'random' && choice.kind === 'random' && (
        <div className="run-row">
          <label htmlFor={`${id}-seed`}>Seed</label>
          <input
            id={`${id}-seed`}
            className="field__input run-row__number"
            type="number"
            min={0}
            value={choice.seed}
            onChange={(event) => {
              const seed = Number(event.target.value);
              if (Number.isSafeInteger(seed) && seed >= 0) controller.choose({ kind: 'random', seed });
            }}
          />
          <button
            type="button"
            className="button"
            onClick={() => controller.choose({ kind: 'random', seed: Math.floor(Math.random() * 1_000_000) })}
          >
            New seed
          </button>
        </div>
      )}
      {activeTab === 'signal' && choice.kind === 'signal' && (
        <div className="run-row">
          <label htmlFor={`${id}-signal`}>Signal</label>
          <select
            id={`${id}-signal`}
            className="field__input"
            value={choice.signal}
            onChange={(event) => controller.choose({ ...choice, signal: event.target.value as SignalKind })}
          >
            {SIGNAL_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {SIGNAL_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
      )}
      {spec.kind === 'image' && choice.kind !== 'random' && (
        <div className="run-row">
          <label htmlFor={`${id}-range`}>Pixel values</label>
          <select
            id={`${id}-range`}
            className="field__input"
            value={range}
            onChange={(event) => controller.setPixelRange(event.target.value as PixelRange)}
          >
            {PIXEL_RANGES.map((value) => (
              <option key={value} value={value}>
                {PIXEL_RANGE_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
      )}
      {problem && (
        <p className="run-note is-problem" role="alert">
          {problem}
        </p>
      )}
      {activeTab === choice.kind && <Preview spec={spec} choice={choice} pixels={pixels} range={range} />}
    </section>
  );
}
