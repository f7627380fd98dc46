/**
 * Node cards have one fixed size, the one auto-layout plans with, and their handles sit at known
 * places. Handing React Flow these numbers lets it draw edges to nodes it has not rendered or
 * measured yet (onlyRenderVisibleElements), and keeps layout and drawing in agreement.
 */
import type { NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import { CARD_SIZE } from '../editor/layout.ts';

export const NODE_WIDTH = CARD_SIZE.width;
export const NODE_HEIGHT = CARD_SIZE.height;
export const HANDLE_SIZE = 10;

export const SOURCE_HANDLE = 'out';

export function targetHandleId(port: number): string {
  return `in${port}`;
}

export function portOfHandle(handle: string | null | undefined): number {
  const match = handle ? /^in(\d+)$/.exec(handle) : null;
  return match ? Number(match[1]) : 0;
}

/** Where port `port` of `count` sits along the top edge, as a fraction of the width. */
export function portFraction(port: number, count: number): number {
  return (port + 1) / (count + 1);
}

export function nodeHandles(targetPorts: number, hasOutput: boolean): NodeHandle[] {
  const half = HANDLE_SIZE / 2;
  const handles: NodeHandle[] = [];
  for (let port = 0; port < targetPorts; port++) {
    handles.push({
      id: targetHandleId(port),
      type: 'target',
      position: Position.Top,
      x: portFraction(port, targetPorts) * NODE_WIDTH - half,
      y: -half,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    });
  }
  if (hasOutput) {
    handles.push({
      id: SOURCE_HANDLE,
      type: 'source',
      position: Position.Bottom,
      x: NODE_WIDTH / 2 - half,
      y: NODE_HEIGHT - half,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    });
  }
  return handles;
}
