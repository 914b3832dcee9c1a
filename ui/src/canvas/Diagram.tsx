// The diagram editor: entities as nodes, relationships as edges. Dragging,
// connecting and deleting become edits of the backend's model; the nodes
// follow the model it sends back.
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeMouseHandler,
  type NodeChange,
  type NodeMouseHandler,
  type OnSelectionChangeParams,
} from "@xyflow/react";
import { useCallback, useImperativeHandle, useMemo, useState } from "react";

import type { Cardinality, Position } from "../generated/types";
import { useStudio } from "../state/studio";
import { isEntitySelected } from "../state/selection";
import { problemCounts } from "../panels/problems";
import { CardinalityChooser } from "./CardinalityChooser";
import { diagram, NODE_WIDTH, placeMissing, savedPositions } from "./graph";
import { EntityNode, type EntityNodeType } from "./EntityNode";
import { autoLayout } from "./layout";
import { CrowsFootMarkers, RelationshipEdge, type RelationshipEdgeType } from "./RelationshipEdge";

const nodeTypes = { entity: EntityNode };
const edgeTypes = { relationship: RelationshipEdge };

export interface DiagramCommands {
  autoLayout: () => Promise<void>;
  fitView: () => void;
  addEntity: () => Promise<void>;
  deleteSelection: () => Promise<void>;
}

export function Diagram(props: { commands: React.Ref<DiagramCommands>; onOpenEditor: () => void }) {
  return (
    <ReactFlowProvider>
      <DiagramCanvas {...props} />
    </ReactFlowProvider>
  );
}

function DiagramCanvas({ commands, onOpenEditor }: { commands: React.Ref<DiagramCommands>; onOpenEditor: () => void }) {
  const studio = useStudio();
  const { doc, selection, select, edit } = studio;
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
  // canvas measured are kept across the model's updates.
  const [nodes, setNodes] = useState<EntityNodeType[]>([]);
  const [shown, setShown] = useState<{ built: typeof built | null; selection: typeof selection }>({ built: null, selection });
  if (shown.built !== built || shown.selection !== selection) {
    setShown({ built, selection });
    setNodes((current) => {
      const measured = new Map(current.map((n) => [n.id, n.measured]));
      return built.nodes.map((n) => ({
        id: n.id,
        type: "entity",
        position: n.position,
        data: n.data,
        measured: measured.get(n.id),
        selected: isEntitySelected(selection, n.id),
      }));
    });
  }
  const edges: RelationshipEdgeType[] = useMemo(
    () =>
      built.edges.map((e) => ({
        ...e,
        type: "relationship",
        selected: selection.kind === "relationship" && selection.name === e.id,
      })),
    [built, selection],
  );

  const onNodesChange = useCallback((changes: NodeChange<EntityNodeType>[]) => {
    // Selection is ours (onSelectionChange); positions are the model's once a drag ends.
    setNodes((current) => applyNodeChanges(changes.filter((c) => c.type !== "select"), current));
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, _node: EntityNodeType, dragged: EntityNodeType[]) => {
      const moved: Record<string, Position> = {};
      for (const n of dragged) {
        moved[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
      }
      void edit({ op: "move_nodes", positions: moved });
    },
    [edit],
  );

  const onSelectionChange = useCallback(
    ({ nodes: picked, edges: pickedEdges }: OnSelectionChangeParams) => {
      if (picked.length > 0) {
        const names = picked.map((n) => n.id);
        if (!(selection.kind === "entities" && sameSet(selection.names, names))) {
          select({ kind: "entities", names });
        }
      } else if (pickedEdges.length > 0 && pickedEdges[0]) {
        const name = pickedEdges[0].id;
        if (!(selection.kind === "relationship" && selection.name === name)) {
          select({ kind: "relationship", name });
        }
      }
    },
    [select, selection],
  );

  const onPaneClick = useCallback(() => {
    select({ kind: "none" });
  }, [select]);

  const onNodeDoubleClick: NodeMouseHandler<EntityNodeType> = useCallback(
    (_, node) => {
      select({ kind: "entities", names: [node.id] });
      onOpenEditor();
    },
    [onOpenEditor, select],
  );

  const onEdgeClick: EdgeMouseHandler<RelationshipEdgeType> = useCallback(
    (_, e) => {
      select({ kind: "relationship", name: e.id });
    },
    [select],
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

  const viewportCenter = useCallback((): Position => {
    const box = document.querySelector(".react-flow")?.getBoundingClientRect();
    const point = flow.screenToFlowPosition({
      x: (box?.left ?? 0) + (box?.width ?? 800) / 2 - NODE_WIDTH / 2,
      y: (box?.top ?? 0) + (box?.height ?? 600) / 2 - 60,
    });
    return { x: Math.round(point.x), y: Math.round(point.y) };
  }, [flow]);

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
          window.setTimeout(() => void flow.fitView({ padding: 0.15, duration: 200 }), 50);
        }
      },
      fitView: () => void flow.fitView({ padding: 0.15, duration: 200 }),
      addEntity: async () => {
        await edit({ op: "add_entity", position: viewportCenter() });
      },
      deleteSelection: async () => {
        if (selection.kind === "entities") {
          await edit({ op: "delete", entities: selection.names, relationships: [] });
        } else if (selection.kind === "relationship") {
          await edit({ op: "delete", entities: [], relationships: [selection.name] });
        }
      },
    }),
    [edit, flow, model, selection, viewportCenter],
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
        onNodeDragStop={onNodeDragStop}
        onSelectionChange={onSelectionChange}
        onPaneClick={onPaneClick}
        onNodeDoubleClick={onNodeDoubleClick}
        onEdgeClick={onEdgeClick}
        onEdgeDoubleClick={onEdgeDoubleClick}
        onConnect={setConnecting}
        connectionMode={"loose" as never}
        deleteKeyCode={null}
        multiSelectionKeyCode={["Shift", "Control", "Meta"]}
        selectionKeyCode="Shift"
        zoomOnDoubleClick={false}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <MiniMap pannable zoomable className="minimap" nodeBorderRadius={6} style={{ width: 160, height: 100 }} />
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

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
