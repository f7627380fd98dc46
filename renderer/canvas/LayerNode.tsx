import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { formatCompact } from '../format.ts';
import type { LayerFlowNode } from './flow-binding.ts';
import { portFraction, SOURCE_HANDLE, targetHandleId } from './node-geometry.ts';

/** Handle offsets are few and fixed; one style object per (port, count) keeps renders allocation-free. */
const portStyles = new Map<string, CSSProperties>();
function portStyle(port: number, count: number): CSSProperties {
  const key = `${port}/${count}`;
  let style = portStyles.get(key);
  if (!style) {
    style = { left: `${portFraction(port, count) * 100}%` };
    portStyles.set(key, style);
  }
  return style;
}

function TargetHandles({ nodeId, count }: { nodeId: string; count: number }) {
  const handles = [];
  for (let port = 0; port < count; port++) {
    handles.push(
      <Handle
        key={port}
        type="target"
        position={Position.Top}
        id={targetHandleId(port)}
        className={count > 1 ? 'port port--numbered' : 'port'}
        style={count > 1 ? portStyle(port, count) : undefined}
        data-testid={`handle-${nodeId}-target-${port}`}
        data-port={count > 1 ? port : undefined}
        aria-label={count > 1 ? `Input ${port} of ${nodeId}` : `Input of ${nodeId}`}
      />,
    );
  }
  return handles;
}

/**
 * A node card: type and parameter count, then key parameters and id; red with the message on hover when
 * the node is at fault. Fixed size (see node-geometry.ts), styled from the stylesheet only.
 */
function LayerNodeView({ id, data }: NodeProps<LayerFlowNode>) {
  return (
    <div className={`layer-card layer-card--${data.category}`}>
      <TargetHandles nodeId={id} count={data.ports} />
      <div className="layer-card__head">
        <span className="layer-card__type">{data.type}</span>
        <span className={data.params ? 'layer-card__params' : 'layer-card__params is-zero'}>
          {data.params === undefined ? '?' : formatCompact(data.params)} params
        </span>
      </div>
      <div className="layer-card__body">
        <span className="layer-card__detail">{data.detail}</span>
        <span className="layer-card__id">{id}</span>
      </div>
      {/* Read out with the node; sighted users get the same text as a tooltip on hover (FaultTip). */}
      {data.message !== undefined && <span className="sr-only">{data.message}</span>}
      {data.hasOutput && (
        <Handle
          type="source"
          position={Position.Bottom}
          id={SOURCE_HANDLE}
          className="port port--out"
          data-testid={`handle-${id}-source`}
          aria-label={`Output of ${id}`}
        />
      )}
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
