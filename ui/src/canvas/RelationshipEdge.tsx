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
import { midpoint, route, type Box, type Point } from "./route";

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
  // The corners last routed, with the entity boxes they were routed among.
  // The store changes several times for one edit (nodes replaced, then
  // measured) and the selector runs on each change; routing is the costly
  // part, so while every box is where it was the line keeps its corners.
  // The boxes are kept flat (x, y, width, height each): a line of a big model
  // keeps every entity's box, so objects would cost several times the memory.
  const last = useRef<{ boxes: Float64Array; corners: Point[] } | null>(null);
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
      // The line's own two, then every other entity: what it must go around.
      const boxes: Box[] = [a, boxOf(to)];
      for (const [id, node] of state.nodeLookup) if (id !== source && id !== target) boxes.push(boxOf(node));
      const flat = new Float64Array(boxes.flatMap((b) => [b.x, b.y, b.width, b.height]));
      const known = last.current;
      if (known && known.boxes.length === flat.length && known.boxes.every((v, n) => v === flat[n])) {
        return known.corners;
      }
      const [fromBox, toBox, ...others] = boxes as [Box, Box, ...Box[]];
      const corners = route(fromBox, toBox, others);
      last.current = { boxes: flat, corners };
      return corners;
    },
    [source, target],
  );
  return useStore(select, samePoints);
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
