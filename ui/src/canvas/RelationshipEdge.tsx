// A relationship: a line between the two entities' borders with crow's-foot
// marks, one at the "one" end (two bars when required), a crow's foot at
// each "many" end, and its name and cardinality at the middle.
import {
  BaseEdge,
  EdgeLabelRenderer,
  useInternalNode,
  type Edge,
  type EdgeProps,
  type InternalNode,
} from "@xyflow/react";
import { memo } from "react";

import { NODE_WIDTH, type RelationshipData } from "./graph";

export type RelationshipEdgeType = Edge<RelationshipData, "relationship">;

const CARDINALITY = { one_to_one: "1 : 1", one_to_many: "1 : N", many_to_many: "N : M" } as const;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function boxOf(node: InternalNode): Box {
  return {
    x: node.internals.positionAbsolute.x,
    y: node.internals.positionAbsolute.y,
    width: node.measured.width ?? NODE_WIDTH,
    height: node.measured.height ?? 120,
  };
}

/** Where the line from `box`'s center towards `toward` leaves the box. */
export function borderPoint(box: Box, toward: { x: number; y: number }): { x: number; y: number } {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const scale = Math.min(
    dx === 0 ? Infinity : box.width / 2 / Math.abs(dx),
    dy === 0 ? Infinity : box.height / 2 / Math.abs(dy),
  );
  return { x: cx + dx * scale, y: cy + dy * scale };
}

function center(box: Box) {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function RelationshipEdgeView({ id, source, target, data, selected }: EdgeProps<RelationshipEdgeType>) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
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
    const start = borderPoint(a, center(b));
    const end = borderPoint(b, center(a));
    path = `M ${start.x} ${start.y} L ${end.x} ${end.y}`;
    label = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
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
