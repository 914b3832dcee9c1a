// A relationship: a line between the two entities' borders, around any
// entity it does not join, with crow's-foot marks, one at the "one" end (two
// bars when required), a crow's foot at each "many" end, and its name and
// cardinality at the middle.
import {
  BaseEdge,
  EdgeLabelRenderer,
  useStore,
  type Edge,
  type EdgeProps,
  type InternalNode,
  type ReactFlowState,
} from "@xyflow/react";
import { memo, useCallback, useRef } from "react";

import { NODE_WIDTH, type RelationshipData } from "./graph";
import { mayChange, midpoint, route, type Box, type Point, type Routed } from "./route";

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

/**
 * The line's corners, from the store: when one entity is dragged, only the
 * lines whose corners change render again, not every line whose obstacles
 * moved somewhere. A relationship of an entity to itself gives the two points
 * its loop leaves and re-enters the entity's right side.
 */
function useCorners(source: string, target: string): Point[] | null {
  // The last route, with the boxes it depended on: its two ends and the other
  // entities that could route it otherwise (`mayChange`). The store changes
  // several times for one edit (nodes replaced, then measured), and an edit or
  // a drag moves one entity or two among hundreds: routing is the costly part,
  // so while those boxes are where they were the line keeps its corners.
  const last = useRef<{ ends: Float64Array; near: Float64Array; routed: Routed } | null>(null);
  const select = useCallback(
    (state: ReactFlowState) => {
      const from = state.nodeLookup.get(source);
      const to = state.nodeLookup.get(target);
      if (!from || !to) return null;
      const a = boxOf(from);
      if (source === target) {
        const x = a.x + a.width;
        return [{ x, y: a.y + a.height * 0.3 }, { x, y: a.y + a.height * 0.7 }];
      }
      const b = boxOf(to);
      // Every other entity: what the line must go around.
      const others: Box[] = [];
      for (const [id, node] of state.nodeLookup) if (id !== source && id !== target) others.push(boxOf(node));
      const ends = flat([a, b]);
      const known = last.current;
      if (known && same(known.ends, ends) && same(known.near, flat(others.filter((o) => mayChange(known.routed, o))))) {
        return known.routed.corners;
      }
      const routed = route(a, b, others);
      last.current = { ends, near: flat(others.filter((o) => mayChange(routed, o))), routed };
      return routed.corners;
    },
    [source, target],
  );
  return useStore(select, samePoints);
}

/** Boxes as flat numbers (x, y, width, height each): kept per line, objects would cost several times the memory. */
function flat(boxes: readonly Box[]): Float64Array {
  return new Float64Array(boxes.flatMap((b) => [b.x, b.y, b.width, b.height]));
}

function same(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, n) => v === b[n]);
}

function samePoints(a: Point[] | null, b: Point[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((p, n) => {
    const q = b[n];
    return q !== undefined && p.x === q.x && p.y === q.y;
  });
}

function RelationshipEdgeView({ id, source, target, data, selected }: EdgeProps<RelationshipEdgeType>) {
  const corners = useCorners(source, target);
  if (!corners || !data) return null;
  let path: string;
  let label: Point;
  const [first, second] = corners;
  if (source === target && first && second) {
    // A loop off the right side.
    path = `M ${first.x} ${first.y} C ${first.x + 90} ${first.y - 30}, ${second.x + 90} ${second.y + 30}, ${second.x} ${second.y}`;
    label = { x: first.x + 70, y: (first.y + second.y) / 2 };
  } else {
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
