import { formatShape } from '../../engine/core/index.ts';
import type { TensorValue } from '../../engine/core/index.ts';
import { rangeOf } from './colormap.ts';
import { LinePlot, TensorImage } from './plots.tsx';
import { classLabels, formatMs, formatValue, rankClasses } from './read-output.ts';
import { useDrawingWidth } from './panel-width.ts';
import type { CompletedRun } from './run-controller.ts';

/** The top classes as bars of probability, best first. */
function ClassBars({ values, labels }: { values: readonly number[]; labels: readonly string[] | undefined }) {
  const { ranked, fromScores } = rankClasses(values, labels);
  return (
    <>
      <ol className="class-bars" aria-label="Top classes">
        {ranked.map((entry, place) => (
          <li
            key={entry.index}
            className={place === 0 ? 'class-bars__row is-top' : 'class-bars__row'}
            data-testid="top-class"
          >
            <span className="class-bars__label" data-testid="top-class-label">
              {entry.label}
            </span>
            <span className="class-bars__track">
              <span className="class-bars__bar" style={{ width: `${Math.max(0.5, entry.probability * 100)}%` }} />
            </span>
            <span className="class-bars__value mono" title={`${fromScores ? 'score' : 'probability'} ${entry.value}`}>
              {(entry.probability * 100).toFixed(entry.probability >= 0.995 || entry.probability < 0.1 ? 1 : 0)}%
            </span>
          </li>
        ))}
      </ol>
      <p className="run-note">
        {fromScores ? 'Probabilities are the softmax of the model’s scores.' : 'The model returns probabilities.'}
        {labels ? '' : ' Classes are numbered: the design names none.'}
      </p>
    </>
  );
}

/** Any other output: an image per channel for maps, a line for vectors and signals. */
function ValuesView({ name, tensor }: { name: string; tensor: TensorValue }) {
  const dims = tensor.dims.slice(1);
  const [low, high] = rangeOf(tensor.data);
  const width = useDrawingWidth();
  if (dims.length === 3) {
    const [channels = 1, height = 1, width = 1] = dims;
    return (
      <div className="feature-grid">
        {Array.from({ length: Math.min(channels, 16) }, (_, c) => (
          <TensorImage
            key={c}
            values={tensor.data}
            offset={c * height * width}
            width={width}
            height={height}
            scale="grey"
            low={low}
            high={high}
            size={channels === 1 ? 160 : 72}
            label={`${name} channel ${c}`}
          />
        ))}
      </div>
    );
  }
  const length = dims.length === 2 ? (dims[1] ?? 0) : tensor.data.length;
  return (
    <LinePlot
      series={[{ values: tensor.data, offset: 0, length }]}
      low={low}
      high={high}
      width={width}
      height={72}
      label={`${name} values`}
      x={['0', String(length - 1)]}
    />
  );
}

export function OutputView({ run }: { run: CompletedRun }) {
  const { result } = run;
  const fellBack = result.provider !== result.requestedProvider;
  return (
    <section className="run-section" aria-label="Output" data-testid="run-output">
      <header className="run-section__header">
        <h3 className="section-title">Output</h3>
        <span className="run-section__meta">{run.inputLabel}</span>
      </header>
      <dl className="run-facts">
        <div>
          <dt>Provider</dt>
          <dd data-testid="ran-on">
            <span className={fellBack ? 'provider-badge is-fallback' : 'provider-badge'}>
              {result.provider.toUpperCase()}
            </span>
            {fellBack && <span className="muted"> instead of {result.requestedProvider.toUpperCase()}</span>}
          </dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd data-testid="latency">
            <strong>{formatMs(result.latency.medianMs)}</strong> median · {formatMs(result.latency.p95Ms)} p95
            <span className="muted">
              {' '}
              over {result.latency.runs} run{result.latency.runs === 1 ? '' : 's'}
            </span>
          </dd>
        </div>
      </dl>
      {result.fallbackReason && (
        <p className="run-note is-warning" data-testid="fallback-reason">
          {result.fallbackReason}
        </p>
      )}
      {Object.entries(result.outputs).map(([name, tensor]) => {
        const top = result.topK[name];
        const classes = tensor.dims.length === 2 ? (tensor.dims[1] ?? 0) : 0;
        return (
          <div key={name} className="run-output">
            <p className="run-output__name">
              <span className="mono">{name}</span>{' '}
              <span className="muted mono">{formatShape(tensor.dims.slice(1))}</span>
            </p>
            {top && classes >= 2 ? (
              <ClassBars values={tensor.data.slice(0, classes)} labels={classLabels(classes, run.spec.shape)} />
            ) : tensor.data.length === 1 ? (
              <p className="run-output__scalar mono">{formatValue(tensor.data[0] ?? Number.NaN)}</p>
            ) : (
              <ValuesView name={name} tensor={tensor} />
            )}
          </div>
        );
      })}
    </section>
  );
}
