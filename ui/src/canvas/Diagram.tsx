// The diagram editor: entities as nodes, relationships as edges. Dragging,
// connecting and deleting become edits of the backend's model; the nodes
// follow the model it sends back.
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeMouseHandler,
  type EdgeChange,
  type FinalConnectionState,
  type OnConnectEnd,
  type NodeChange,
  type NodeMouseHandler,
  type NodeSelectionChange,
} from "@xyflow/react";
import { memo, useCallback, useImperativeHandle, useMemo, useState } from "react";

import type { Cardinality, Position } from "../generated/types";
import { useStudio } from "../state/studio";
import { isEntitySelected, nothing, type Selection } from "../state/selection";
import { problemCounts } from "../panels/problems";
import { CardinalityChooser } from "./CardinalityChooser";
import { diagram, freeSpot, NODE_WIDTH, placeMissing, savedPositions, unchanged } from "./graph";
import { EntityNode, type EntityNodeType } from "./EntityNode";
import { autoLayout } from "./layout";
import { CrowsFootMarkers, RelationshipEdge, type RelationshipEdgeType } from "./RelationshipEdge";

// Constant props: React Flow copies props into its store whenever they change
// identity, and a new array on every render keeps it updating for ever.
const nodeTypes = { entity: EntityNode };
const edgeTypes = { relationship: RelationshipEdge };
const MULTI_SELECT_KEYS = ["Shift", "Control", "Meta"];
// A small model is shown at its size, not blown up to fill the canvas.
const FIT = { padding: 0.15, maxZoom: 1 };
const FIT_ANIMATED = { ...FIT, duration: 200 };
const PRO = { hideAttribution: true };
const MINIMAP_SIZE = { width: 160, height: 100 };

export interface DiagramCommands {
  autoLayout: () => Promise<void>;
  fitView: () => void;
  addEntity: () => Promise<void>;
  deleteSelection: () => Promise<void>;
}

/** `onOpenEditor` opens the selection's editor, at one attribute when one was double-clicked. */
export const Diagram = memo(function Diagram(props: {
  commands: React.Ref<DiagramCommands>;
  onOpenEditor: (attribute?: string) => void;
}) {
  return (
    <ReactFlowProvider>
      <DiagramCanvas {...props} />
    </ReactFlowProvider>
  );
});

function DiagramCanvas({ commands, onOpenEditor }: { commands: React.Ref<DiagramCommands>; onOpenEditor: (attribute?: string) => void }) {
  const studio = useStudio();
  const { doc, selection, select, edit, say } = studio;
  const model = doc.model;
  const design = doc.analysis.design;
  const flow = useReactFlow();
  const [connecting, setConnecting] = useState<Connection | null>(null);

  const positions = useMemo(() => placeMissing(model, savedPositions(model)), [model]);
  const counts = useMemo(() => problemCounts(doc), [doc]);
  const built = useMemo(
    () => diagram(model, design, positions, (name) => counts.get(name) ?? 0),
    [model, design, positions, counts],
  );

  // Nodes are the model's, except while the user drags them; the sizes the
  // canvas measured are kept across the model's updates. A node or line that
  // an update leaves as it was stays the same object: React Flow and the
  // memoised views then skip it, and an edit changes one entity of hundreds.
  const [nodes, setNodes] = useState<EntityNodeType[]>([]);
  const [edges, setEdges] = useState<RelationshipEdgeType[]>([]);
  const [shown, setShown] = useState<{ built: typeof built | null; selection: typeof selection }>({ built: null, selection });
  if (shown.built !== built || shown.selection !== selection) {
    setShown({ built, selection });
    setEdges((current) => {
      const before = new Map(current.map((e) => [e.id, e]));
      return built.edges.map((e) => {
        const edge: RelationshipEdgeType = {
          ...e,
          type: "relationship",
          selected: selection.kind === "relationship" && selection.name === e.id,
        };
        return unchanged(before.get(e.id), edge);
      });
    });
    setNodes((current) => {
      const before = new Map(current.map((n) => [n.id, n]));
      return built.nodes.map((n) => {
        const old = before.get(n.id);
        const node: EntityNodeType = {
          id: n.id,
          type: "entity",
          position: n.position,
          data: n.data,
          measured: old?.measured,
          selected: isEntitySelected(selection, n.id),
        };
        return unchanged(old, node);
      });
    });
  }

  // Selection is the studio's (the inspector and other views follow it);
  // positions are the model's once a move ends; sizes are the canvas's.
  const onNodesChange = useCallback(
    (changes: NodeChange<EntityNodeType>[]) => {
      const picks = changes.filter((c) => c.type === "select");
      if (picks.length > 0) select((current) => withPicks(current, picks));
      setNodes((current) => applyNodeChanges(changes.filter((c) => c.type !== "select"), current));
      const moved = endedMoves(changes, positions);
      if (moved) void edit({ op: "move_nodes", positions: moved });
    },
    [select, edit, positions],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<RelationshipEdgeType>[]) => {
      const picked = changes.find((c) => c.type === "select" && c.selected);
      if (picked && picked.type === "select") select({ kind: "relationship", name: picked.id });
    },
    [select],
  );

  const onPaneClick = useCallback(() => {
    select({ kind: "none" });
  }, [select]);

  const onNodeDoubleClick: NodeMouseHandler<EntityNodeType> = useCallback(
    (event, node) => {
      select({ kind: "entities", names: [node.id] });
      const row = event.target instanceof Element ? event.target.closest<HTMLElement>("[data-attribute]") : null;
      onOpenEditor(row?.dataset.attribute);
    },
    [onOpenEditor, select],
  );

  const onEdgeDoubleClick: EdgeMouseHandler<RelationshipEdgeType> = useCallback(
    (_, e) => {
      select({ kind: "relationship", name: e.id });
      onOpenEditor();
    },
    [onOpenEditor, select],
  );

  const connect = useCallback(
    async (cardinality: Cardinality) => {
      const c = connecting;
      setConnecting(null);
      if (!c) return;
      await edit({ op: "add_relationship", from: c.source, to: c.target, cardinality });
    },
    [connecting, edit],
  );

  // A drag from an entity's edge that ends on another entity's body (not on
  // its small handle) connects them too; one that ends elsewhere says why not.
  const onConnectEnd: OnConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return;
      const target = entityAt(event);
      if (target && target !== state.fromNode.id) {
        setConnecting({ source: state.fromNode.id, target, sourceHandle: null, targetHandle: null });
      } else {
        say(`To connect ${state.fromNode.id}, drop the line on another entity.`);
      }
    },
    [say],
  );

  const viewportCenter = useCallback((): Position => {
    const box = document.querySelector(".react-flow")?.getBoundingClientRect();
    const point = flow.screenToFlowPosition({
      x: (box?.left ?? 0) + (box?.width ?? 800) / 2 - NODE_WIDTH / 2,
      y: (box?.top ?? 0) + (box?.height ?? 600) / 2 - 60,
    });
    return { x: Math.round(point.x), y: Math.round(point.y) };
  }, [flow]);

  // A new entity placed beside the others may land outside the visible canvas:
  // pan (at the same zoom) until it is in view.
  const bringIntoView = useCallback(
    (spot: Position) => {
      const box = document.querySelector(".react-flow")?.getBoundingClientRect();
      if (!box) return;
      const topLeft = flow.screenToFlowPosition({ x: box.left, y: box.top });
      const bottomRight = flow.screenToFlowPosition({ x: box.right, y: box.bottom });
      const inside =
        spot.x >= topLeft.x && spot.y >= topLeft.y && spot.x + NODE_WIDTH <= bottomRight.x && spot.y + 120 <= bottomRight.y;
      if (!inside) {
        void flow.setCenter(spot.x + NODE_WIDTH / 2, spot.y + 60, { zoom: flow.getZoom(), duration: 200 });
      }
    },
    [flow],
  );

  useImperativeHandle(
    commands,
    () => ({
      autoLayout: async () => {
        const sizes = new Map(
          flow.getNodes().map((n) => [n.id, { width: n.measured?.width ?? NODE_WIDTH, height: n.measured?.height ?? 120 }]),
        );
        const laid = await autoLayout(model, sizes);
        if (await edit({ op: "move_nodes", positions: laid })) {
          // Once the nodes have moved: the next frame at the soonest.
          window.setTimeout(() => void flow.fitView(FIT_ANIMATED), 50);
        }
      },
      fitView: () => void flow.fitView(FIT_ANIMATED),
      addEntity: async () => {
        const spot = freeSpot(viewportCenter(), positions);
        if (await edit({ op: "add_entity", position: spot })) {
          bringIntoView(spot);
        }
      },
      deleteSelection: async () => {
        if (selection.kind === "entities") {
          await edit({ op: "delete", entities: selection.names, relationships: [] });
        } else if (selection.kind === "relationship") {
          await edit({ op: "delete", entities: [], relationships: [selection.name] });
        }
      },
    }),
    [bringIntoView, edit, flow, model, positions, selection, viewportCenter],
  );

  return (
    <div className="diagram" data-testid="diagram">
      <CrowsFootMarkers />
      <ReactFlow<EntityNodeType, RelationshipEdgeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onPaneClick={onPaneClick}
        onNodeDoubleClick={onNodeDoubleClick}
        onEdgeDoubleClick={onEdgeDoubleClick}
        onConnect={setConnecting}
        onConnectEnd={onConnectEnd}
        connectionMode={ConnectionMode.Loose}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        zoomOnDoubleClick={false}
        fitView
        fitViewOptions={FIT}
        minZoom={0.2}
        maxZoom={2}
        proOptions={PRO}
      >
        <Background gap={24} />
        <MiniMap pannable zoomable className="minimap" nodeBorderRadius={6} style={MINIMAP_SIZE} />
        <Controls showInteractive={false} />
      </ReactFlow>
      {model.entities.length === 0 && (
        <div className="canvas-empty" data-testid="canvas-empty">
          <p>An empty model. Add the entities your application stores with <strong>+ Entity</strong>,</p>
          <p>connect them by dragging from one entity's edge to another, then list the access patterns.</p>
          <p>Or start from an example: File › New from Example.</p>
        </div>
      )}
      {connecting && (
        <CardinalityChooser
          from={connecting.source}
          to={connecting.target}
          onChoose={(c) => void connect(c)}
          onCancel={() => {
            setConnecting(null);
          }}
        />
      )}
    </div>
  );
}

/** The entity whose node is under the pointer where `event` happened. */
function entityAt(event: MouseEvent | TouchEvent): string | null {
  const point = "changedTouches" in event ? event.changedTouches[0] : event;
  if (!point) return null;
  const under = document.elementFromPoint(point.clientX, point.clientY);
  const node = under?.closest<HTMLElement>(".react-flow__node");
  return node?.dataset.id ?? null;
}

/**
 * The positions to save from the canvas's node changes: those a move ended at
 * (`dragging` false) where the model has the entity elsewhere, rounded. A drag
 * ends so, and so do the moves that never call a drag handler — the arrow keys
 * on selected entities, a drag of the selection's box — so all are saved alike.
 */
export function endedMoves(
  changes: NodeChange<EntityNodeType>[],
  saved: Map<string, Position>,
): Record<string, Position> | null {
  const moved: Record<string, Position> = {};
  for (const c of changes) {
    if (c.type !== "position" || c.dragging !== false || !c.position) continue;
    const at = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
    const before = saved.get(c.id);
    if (before?.x !== at.x || before.y !== at.y) moved[c.id] = at;
  }
  return Object.keys(moved).length > 0 ? moved : null;
}

/** The selection after the canvas picked or dropped entities (a click, a
    Shift-click, a box). Picking entities drops a selected relationship. */
export function withPicks(current: Selection, picks: NodeSelectionChange[]): Selection {
  const names = new Set(current.kind === "entities" ? current.names : []);
  for (const p of picks) {
    if (p.selected) names.add(p.id);
    else names.delete(p.id);
  }
  if (names.size > 0) return { kind: "entities", names: [...names] };
  return current.kind === "entities" ? nothing : current;
}
