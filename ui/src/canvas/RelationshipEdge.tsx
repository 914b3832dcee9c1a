// A relationship: a line between the two entities' borders, around any
// entity it does not join, with crow's-foot marks, one at the "one" end (two
// bars when required), a crow's foot at each "many" end, and its name and
// cardinality at the middle.
import {
  BaseEdge,
  EdgeLabelRenderer,
  useInternalNode,
  useStore,
  type Edge,
  type EdgeProps,
  type InternalNode,
  type ReactFlowState,
} from "@xyflow/react";
import { memo, useCallback } from "react";

import { NODE_WIDTH, type RelationshipData } from "./graph";
import { midpoint, route, type Box } from "./route";

export type RelationshipEdgeType = Edge<RelationshipData, "relationship">;

const CARDINALITY = { one_to_one: "1 : 1", one_to_many: "1 : N", many_to_many: "N : M" } as const;

function boxOf(node: InternalNode): Box {
  return {
    x: node.internals.positionAbsolute.x,
    y: node.internals.positionAbsolute.y,
    width: node.measured.width ?? NODE_WIDTH,
    height: node.measured.height ?? 120,
  };
}

/** Every entity but the line's own two: what the line must go around. */
function useObstacles(source: string, target: string): Box[] {
  const select = useCallback(
    (state: ReactFlowState) => {
      const boxes: Box[] = [];
      for (const [id, node] of state.nodeLookup) if (id !== source && id !== target) boxes.push(boxOf(node));
      return boxes;
    },
    [source, target],
  );
  return useStore(select, sameBoxes);
}

function sameBoxes(a: Box[], b: Box[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, n) => {
      const q = b[n];
      return q !== undefined && p.x === q.x && p.y === q.y && p.width === q.width && p.height === q.height;
    })
  );
}

function RelationshipEdgeView({ id, source, target, data, selected }: EdgeProps<RelationshipEdgeType>) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  const obstacles = useObstacles(source, target);
  if (!from || !to || !data) return null;
  const a = boxOf(from);
  const b = boxOf(to);
  let path: string;
  let label: { x: number; y: number };
  if (source === target) {
    // A relationship of an entity to itself: a loop off the right side.
    const x = a.x + a.width;
    const y1 = a.y + a.height * 0.3;
    const y2 = a.y + a.height * 0.7;
    path = `M ${x} ${y1} C ${x + 90} ${y1 - 30}, ${x + 90} ${y2 + 30}, ${x} ${y2}`;
    label = { x: x + 70, y: (y1 + y2) / 2 };
  } else {
    const corners = route(a, b, obstacles);
    path = corners.map((p, n) => `${n === 0 ? "M" : "L"} ${p.x} ${p.y}`).join(" ");
    label = midpoint(corners);
  }
  const fromEnd = data.cardinality === "many_to_many" ? "many" : data.required ? "one-required" : "one";
  const toEnd = data.cardinality === "one_to_one" ? "one" : "many";
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`relationship-edge${selected ? " selected" : ""}`}
        markerStart={`url(#cf-${fromEnd})`}
        markerEnd={`url(#cf-${toEnd})`}
        interactionWidth={18}
      />
      <EdgeLabelRenderer>
        <div
          className={`edge-label nodrag nopan${selected ? " selected" : ""}`}
          style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}
          data-testid={`relationship-${data.name}`}
        >
          <span className="edge-name">{data.name}</span>
          <span className="edge-cardinality">{CARDINALITY[data.cardinality]}</span>
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const RelationshipEdge = memo(RelationshipEdgeView);

/** The crow's-foot marks, drawn for a line that ends at an entity's border. */
export function CrowsFootMarkers() {
  const common = { markerUnits: "userSpaceOnUse", markerWidth: 24, markerHeight: 24, viewBox: "-2 -12 24 24", orient: "auto-start-reverse" } as const;
  return (
    <svg className="crows-foot-defs" aria-hidden="true">
      <defs>
        <marker id="cf-many" refX={20} refY={0} {...common}>
          <path d="M 6 0 L 20 -9 M 6 0 L 20 0 M 6 0 L 20 9 M 4 -7 L 4 7" />
        </marker>
        <marker id="cf-one" refX={20} refY={0} {...common}>
          <path d="M 12 -8 L 12 8" />
        </marker>
        <marker id="cf-one-required" refX={20} refY={0} {...common}>
          <path d="M 8 -8 L 8 8 M 14 -8 L 14 8" />
        </marker>
      </defs>
    </svg>
  );
}
