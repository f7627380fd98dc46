import {
  Background,
  BackgroundVariant,
  getViewportForBounds,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  SelectionMode,
  useReactFlow,
  useStore as useFlowStore,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type Node,
  type NodeChange,
  type OnConnectEnd,
  type ReactFlowState,
} from '@xyflow/react';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type MouseEvent as ReactMouseEvent,
} from 'react';
import { isLayerType, type GraphEdge, type Severity } from '../../engine/core/index.ts';
import { connectionProblem, type Point } from '../document/changes.ts';
import { GRID, type DesignState, type Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { useStore } from '../state/store.ts';
import { EmptyState } from './EmptyState.tsx';
import { FlowBinding, type LayerFlowNode, type ShapeFlowEdge } from './flow-binding.ts';
import { LayerNode } from './LayerNode.tsx';
import { NODE_HEIGHT, NODE_WIDTH, portOfHandle } from './node-geometry.ts';
import { OverviewLayer, selectOverview } from './OverviewLayer.tsx';
import { ShapeEdge } from './ShapeEdge.tsx';
import { ZoomBar } from './ZoomBar.tsx';

/** The drag-and-drop type a palette entry carries: the layer type to add. */
export const LAYER_MIME = 'application/x-netwright-layer';

const nodeTypes = { layer: LayerNode };
const edgeTypes = { shape: ShapeEdge };
const SNAP_GRID: [number, number] = [GRID, GRID];
const PAN_BUTTONS = [1, 2];
const MIN_ZOOM = 0.02;
const MAX_ZOOM = 2.5;
/** Below this zoom a card's text is unreadable: it and the edge labels are left out of the paint. */
const DETAIL_ZOOM = 0.45;
/** A design that would need less zoom than this to fit opens at its top, at reading size. */
const READABLE_ZOOM = 0.5;
const OPEN_ZOOM = 0.85;

const selectDocument = (state: DesignState) => state.document;
const selectAnalysis = (state: DesignState) => state.analysis;
const selectSelection = (state: SessionState) => state.selection;
const selectSnap = (state: SessionState) => state.snapToGrid;
const selectMinimap = (state: SessionState) => state.minimap;
const selectTheme = (state: SessionState) => state.theme;
const selectZoomedOut = (state: ReactFlowState) => state.transform[2] < DETAIL_ZOOM;
const minimapClass = (node: Node): string => `minimap-node minimap-node--${String(node.data['category'])}`;

function toEdge(connection: Connection | ShapeFlowEdge): GraphEdge {
  const port = portOfHandle(connection.targetHandle);
  return port === 0
    ? { source: connection.source, target: connection.target }
    : { source: connection.source, target: connection.target, targetPort: port };
}

function CanvasView({ editor }: { editor: Editor }) {
  const flow = useReactFlow<LayerFlowNode, ShapeFlowEdge>();
  const container = useRef<HTMLDivElement>(null);
  const pointer = useRef<{ x: number; y: number } | undefined>(undefined);
  const [binding] = useState(() => new FlowBinding());
  const [fault, setFault] = useState<FaultTipState | undefined>(undefined);
  const document = useStore(editor.design, selectDocument);
  const analysis = useStore(editor.design, selectAnalysis);
  const selection = useStore(editor.session, selectSelection);
  const snapToGrid = useStore(editor.session, selectSnap);
  const minimap = useStore(editor.session, selectMinimap);
  const theme = useStore(editor.session, selectTheme);
  const zoomedOut = useFlowStore(selectZoomedOut);
  const overview = useFlowStore(selectOverview);

  const nodes = useMemo(
    () => binding.nodes(document, analysis, selection, overview),
    [binding, document, analysis, selection, overview],
  );
  const edges = useMemo(
    () => binding.edges(document, analysis, selection, overview),
    [binding, document, analysis, selection, overview],
  );

  useEffect(() => {
    const size = (): { width: number; height: number } => {
      const rect = container.current?.getBoundingClientRect();
      return { width: rect?.width ?? 0, height: rect?.height ?? 0 };
    };
    const toFlow = (x: number, y: number): Point => {
      const rect = container.current?.getBoundingClientRect();
      return flow.screenToFlowPosition({ x: (rect?.left ?? 0) + x, y: (rect?.top ?? 0) + y });
    };
    return editor.attachCanvas({
      viewCenter: () => {
        const { width, height } = size();
        return toFlow(width / 2, height / 2);
      },
      pointer: () => (pointer.current ? flow.screenToFlowPosition(pointer.current) : undefined),
      fitView: () => void flow.fitView({ padding: 0.08, duration: 200, minZoom: MIN_ZOOM, maxZoom: 1 }),
      revealDesign: () => {
        const placed = editor.document.nodes.flatMap((node) => (node.position ? [node.position] : []));
        const { width, height } = size();
        if (placed.length === 0 || width === 0) return;
        const xs = placed.map((p) => p.x);
        const ys = placed.map((p) => p.y);
        const bounds = {
          x: Math.min(...xs),
          y: Math.min(...ys),
          width: Math.max(...xs) - Math.min(...xs) + NODE_WIDTH,
          height: Math.max(...ys) - Math.min(...ys) + NODE_HEIGHT,
        };
        const fitted = getViewportForBounds(bounds, width, height, MIN_ZOOM, 1, 0.08);
        if (fitted.zoom >= READABLE_ZOOM) {
          void flow.setViewport(fitted);
          return;
        }
        const top = placed.reduce((best, p) => (p.y < best.y ? p : best));
        void flow.setViewport({
          x: width / 2 - (top.x + NODE_WIDTH / 2) * OPEN_ZOOM,
          y: 48 - bounds.y * OPEN_ZOOM,
          zoom: OPEN_ZOOM,
        });
      },
      focusNodes: (ids) =>
        void flow.fitView({
          nodes: ids.map((id) => ({ id })),
          duration: 250,
          padding: 0.6,
          maxZoom: 1.1,
          minZoom: MIN_ZOOM,
        }),
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
    });
  }, [editor, flow]);

  const onNodesChange = useCallback(
    (changes: NodeChange<LayerFlowNode>[]) => {
      const positions = new Map<string, Point>();
      let picked: Set<string> | undefined;
      for (const change of changes) {
        if (change.type === 'position' && change.position) positions.set(change.id, change.position);
        else if (change.type === 'select') {
          picked ??= new Set(editor.selection.nodes);
          if (change.selected) picked.add(change.id);
          else picked.delete(change.id);
        }
      }
      if (positions.size > 0) editor.moveNodes(positions);
      if (picked) editor.select({ nodes: [...picked], edges: editor.selection.edges });
    },
    [editor],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<ShapeFlowEdge>[]) => {
      let picked: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        picked ??= new Set(editor.selection.edges);
        if (change.selected) picked.add(change.id);
        else picked.delete(change.id);
      }
      if (picked) editor.select({ nodes: editor.selection.nodes, edges: [...picked] });
    },
    [editor],
  );

  const onConnect = useCallback((connection: Connection) => void editor.connect(toEdge(connection)), [editor]);
  /** A wire let go over empty canvas asks which layer to add there, already connected (as in Blender). */
  const onConnectEnd = useCallback<OnConnectEnd>(
    (event, connection) => {
      if (connection.isValid !== null || !connection.fromNode || !connection.fromHandle) return;
      const target = event.target;
      if (!(target instanceof Element) || !target.classList.contains('react-flow__pane')) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const side = connection.fromHandle.type;
      editor.openDialog({
        kind: 'quick-add',
        at: flow.screenToFlowPosition({ x: point.clientX, y: point.clientY }),
        wire: {
          nodeId: connection.fromNode.id,
          side,
          port: side === 'target' ? portOfHandle(connection.fromHandle.id) : 0,
        },
      });
    },
    [editor, flow],
  );
  const isValidConnection = useCallback<IsValidConnection<ShapeFlowEdge>>(
    (connection) => connectionProblem(editor.document, toEdge(connection)) === undefined,
    [editor],
  );
  const onDragStart = useCallback(() => {
    setFault(undefined);
    editor.beginGesture('Move');
  }, [editor]);
  const onNodeMouseEnter = useCallback((event: ReactMouseEvent, node: LayerFlowNode) => {
    const { message, fault: severity } = node.data;
    const box = container.current?.getBoundingClientRect();
    if (message === undefined || severity === undefined || !box) return;
    const card = event.currentTarget.getBoundingClientRect();
    setFault({ message, severity, x: card.left - box.left, y: card.bottom - box.top + 8 });
  }, []);
  const onNodeMouseLeave = useCallback(() => setFault(undefined), []);
  const onNodeDoubleClick = useCallback(
    (_event: ReactMouseEvent, node: LayerFlowNode) => editor.editNode(node.id),
    [editor],
  );
  const onMoveStart = useCallback(() => setFault(undefined), []);
  const onDragStop = useCallback(() => editor.endGesture(), [editor]);

  /** Far out, cards are drawn on the overview canvas: a click there picks the card under the pointer and zooms to it. */
  const onPaneClick = useCallback(
    (event: ReactMouseEvent) => {
      if (!overview) return;
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const hit = editor.document.nodes.find(
        ({ position: p }) => p && at.x >= p.x && at.x <= p.x + NODE_WIDTH && at.y >= p.y && at.y <= p.y + NODE_HEIGHT,
      );
      if (hit) editor.focusNode(hit.id);
    },
    [editor, flow, overview],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(LAYER_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(LAYER_MIME);
      if (!isLayerType(type)) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      editor.addLayer(type, { x: at.x - NODE_WIDTH / 2, y: at.y - NODE_HEIGHT / 2 });
    },
    [editor, flow],
  );

  return (
    <div
      ref={container}
      className={overview ? 'canvas is-zoomed-out is-overview' : zoomedOut ? 'canvas is-zoomed-out' : 'canvas'}
      onPointerMove={(event) => {
        pointer.current = { x: event.clientX, y: event.clientY };
      }}
      onPointerLeave={() => {
        pointer.current = undefined;
      }}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<LayerFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStart={onDragStart}
        onNodeDragStop={onDragStop}
        onSelectionDragStart={onDragStart}
        onSelectionDragStop={onDragStop}
        onPaneClick={onPaneClick}
        onNodeMouseEnter={onNodeMouseEnter}
        onNodeMouseLeave={onNodeMouseLeave}
        onNodeDoubleClick={onNodeDoubleClick}
        onMoveStart={onMoveStart}
        onlyRenderVisibleElements
        snapToGrid={snapToGrid}
        snapGrid={SNAP_GRID}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        selectionOnDrag
        selectionMode={SelectionMode.Partial}
        panOnDrag={PAN_BUTTONS}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        colorMode={theme}
        zoomOnDoubleClick={false}
        proOptions={PRO_OPTIONS}
        aria-label="Canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} className="canvas__grid" />
        <OverviewLayer editor={editor} />
        {minimap && !overview && (
          <MiniMap
            pannable
            zoomable
            nodeClassName={minimapClass}
            nodeBorderRadius={6}
            className="canvas__minimap"
            ariaLabel="Minimap"
          />
        )}
        <Panel position="bottom-left">
          <ZoomBar editor={editor} />
        </Panel>
      </ReactFlow>
      {fault && <FaultTip {...fault} />}
      {document.nodes.length === 0 && <EmptyState editor={editor} />}
    </div>
  );
}

interface FaultTipState {
  readonly message: string;
  readonly severity: Severity;
  readonly x: number;
  readonly y: number;
}

/** The message of the node at fault under the pointer, below its card. */
function FaultTip({ message, severity, x, y }: FaultTipState) {
  return (
    <div className={`fault-tip fault-tip--${severity}`} role="tooltip" style={{ left: x, top: y }}>
      {message}
    </div>
  );
}

const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift'];
/** React Flow is MIT-licensed; its attribution link is left out because following it would navigate the app's window away. */
const PRO_OPTIONS = { hideAttribution: true };

export function Canvas({ editor }: { editor: Editor }) {
  return (
    <ReactFlowProvider>
      <CanvasView editor={editor} />
    </ReactFlowProvider>
  );
}
