import { useStore as useFlowStore, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { isLayerType, layerOf, type GraphDocument } from '../../engine/core/index.ts';
import type { DesignState, Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { useStore } from '../state/store.ts';
import { NODE_HEIGHT, NODE_WIDTH, portFraction } from './node-geometry.ts';
import { visiblePortCount } from '../document/changes.ts';

const selectDocument = (state: DesignState) => state.document;
const selectDiagnostics = (state: DesignState) => state.analysis.diagnostics;
const selectSelection = (state: SessionState) => state.selection;
const selectTheme = (state: SessionState) => state.theme;
const selectTransform = (state: ReactFlowState) => state.transform;
const selectWidth = (state: ReactFlowState) => state.width;
const selectHeight = (state: ReactFlowState) => state.height;

interface Palette {
  readonly categories: Readonly<Record<string, string>>;
  readonly card: string;
  readonly edge: string;
  readonly error: string;
  readonly accent: string;
}

function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const variable = (name: string): string => style.getPropertyValue(name).trim();
  const categories: Record<string, string> = {};
  for (const category of ['io', 'convolution', 'pooling', 'activation', 'dense', 'merge', 'normalization', 'unknown'])
    categories[category] = variable(`--cat-${category}`);
  return {
    categories,
    card: variable('--node-border'),
    edge: variable('--edge'),
    error: variable('--error'),
    accent: variable('--accent'),
  };
}

/** Draws the whole graph in one canvas pass: cards as coloured blocks, edges as curves. */
function drawOverview(
  context: CanvasRenderingContext2D,
  document: GraphDocument,
  faulty: ReadonlySet<string>,
  selected: ReadonlySet<string>,
  palette: Palette,
  view: {
    readonly x: number;
    readonly y: number;
    readonly zoom: number;
    readonly width: number;
    readonly height: number;
  },
): void {
  const ratio = window.devicePixelRatio || 1;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  context.setTransform(ratio * view.zoom, 0, 0, ratio * view.zoom, ratio * view.x, ratio * view.y);
  const left = -view.x / view.zoom - NODE_WIDTH;
  const top = -view.y / view.zoom - NODE_HEIGHT;
  const right = (view.width - view.x) / view.zoom + NODE_WIDTH;
  const bottom = (view.height - view.y) / view.zoom + NODE_HEIGHT;
  const positions = new Map(document.nodes.map((node) => [node.id, node.position ?? { x: 0, y: 0 }]));
  const ports = new Map<string, number[]>();
  for (const edge of document.edges) {
    const list = ports.get(edge.target);
    if (list) list.push(edge.targetPort ?? 0);
    else ports.set(edge.target, [edge.targetPort ?? 0]);
  }
  const types = new Map(document.nodes.map((node) => [node.id, node.type]));

  context.beginPath();
  for (const edge of document.edges) {
    const from = positions.get(edge.source);
    const to = positions.get(edge.target);
    if (!from || !to) continue;
    if (Math.max(from.y, to.y) < top || Math.min(from.y, to.y) > bottom) continue;
    const count = visiblePortCount(types.get(edge.target) ?? '', ports.get(edge.target) ?? []);
    const sx = from.x + NODE_WIDTH / 2;
    const sy = from.y + NODE_HEIGHT;
    const tx = to.x + portFraction(edge.targetPort ?? 0, Math.max(1, count)) * NODE_WIDTH;
    const ty = to.y;
    const bend = Math.max(Math.abs(ty - sy) / 2, 20);
    context.moveTo(sx, sy);
    context.bezierCurveTo(sx, sy + bend, tx, ty - bend, tx, ty);
  }
  context.strokeStyle = palette.edge;
  context.lineWidth = 1.5 / view.zoom;
  context.stroke();

  for (const node of document.nodes) {
    const { x, y } = node.position ?? { x: 0, y: 0 };
    if (x > right || x < left || y > bottom || y < top) continue;
    const category = isLayerType(node.type) ? layerOf(node.type).category : 'unknown';
    context.fillStyle = faulty.has(node.id) ? palette.error : (palette.categories[category] ?? palette.card);
    context.fillRect(x, y, NODE_WIDTH, NODE_HEIGHT);
    if (selected.has(node.id)) {
      context.strokeStyle = palette.accent;
      context.lineWidth = 3 / view.zoom;
      context.strokeRect(x, y, NODE_WIDTH, NODE_HEIGHT);
    }
  }
}

function Overview({ editor }: { editor: Editor }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [x, y, zoom] = useFlowStore(selectTransform);
  const width = useFlowStore(selectWidth);
  const height = useFlowStore(selectHeight);
  const document = useStore(editor.design, selectDocument);
  const diagnostics = useStore(editor.design, selectDiagnostics);
  const selection = useStore(editor.session, selectSelection);
  const theme = useStore(editor.session, selectTheme);
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const faulty = new Set(diagnostics.flatMap((d) => (d.severity === 'error' && d.nodeId ? [d.nodeId] : [])));
    const palette = readPalette(element);
    drawOverview(context, document, faulty, new Set(selection.nodes), palette, { x, y, zoom, width, height });
  }, [document, diagnostics, selection, theme, x, y, zoom, width, height]);

  return (
    <canvas
      ref={canvas}
      className="overview-layer"
      width={Math.round(width * ratio)}
      height={Math.round(height * ratio)}
      aria-hidden="true"
    />
  );
}

/** Below this zoom, cards would be specks: one canvas draws the graph instead of a thousand DOM elements. */
export const OVERVIEW_ZOOM = 0.3;

export const selectOverview = (state: ReactFlowState) => state.transform[2] < OVERVIEW_ZOOM;

/** The far-out view of a large graph, drawn in one pass; the DOM nodes and edges sit it out. */
export function OverviewLayer({ editor }: { editor: Editor }) {
  const overview = useFlowStore(selectOverview);
  return overview ? <Overview editor={editor} /> : null;
}
