import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ShapeFlowEdge } from './flow-binding.ts';

/** Edge labels use a monospaced font, so their width follows from the character count, unmeasured. */
const CHAR_WIDTH = 6.6;
const LABEL_HEIGHT = 16;

/** An edge with the tensor shape it carries drawn on it, in SVG: no portal, no measuring. */
function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const shape = props.data?.shape;
  const text = shape ?? '?';
  const width = Math.ceil(text.length * CHAR_WIDTH) + 10;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        interactionWidth={14}
        {...(props.markerEnd ? { markerEnd: props.markerEnd } : {})}
      />
      <g className={shape ? 'shape-label' : 'shape-label is-unknown'} transform={`translate(${labelX} ${labelY})`}>
        <rect x={-width / 2} y={-LABEL_HEIGHT / 2} width={width} height={LABEL_HEIGHT} rx={4} />
        <text x={0} y={0.5}>
          {text}
        </text>
      </g>
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);
