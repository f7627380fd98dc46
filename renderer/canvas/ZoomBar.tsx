import { useStore as useFlowStore, type ReactFlowState } from '@xyflow/react';
import { Icon } from '../chrome/Icon.tsx';
import type { Editor } from '../editor/editor.ts';

const selectPercent = (state: ReactFlowState) => Math.round(state.transform[2] * 100);

/** Zoom out, the zoom level, zoom in and fit, floating over the canvas like Figma's. */
export function ZoomBar({ editor }: { editor: Editor }) {
  const percent = useFlowStore(selectPercent);
  return (
    <div className="zoom-bar" role="group" aria-label="Zoom">
      <button
        type="button"
        className="icon-button"
        aria-label="Zoom out"
        title="Zoom out"
        onClick={() => editor.canvas?.zoomOut()}
      >
        <Icon name="minus" />
      </button>
      <output className="zoom-bar__level" aria-label="Zoom level">
        {percent}%
      </output>
      <button
        type="button"
        className="icon-button"
        aria-label="Zoom in"
        title="Zoom in"
        onClick={() => editor.canvas?.zoomIn()}
      >
        <Icon name="plus" />
      </button>
    </div>
  );
}
