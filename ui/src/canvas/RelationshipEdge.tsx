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
import { mayChange, midpoint, route, stillRouted, type Box, type Point, type Routed } from "./route";

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
 * Every entity's box as the store has it, built once per store update for all
 * the lines rather than once per line, and kept as the same object while no box
 * changed: the store updates on every frame of a pan or a glide, and hundreds of
 * lines each collecting hundreds of boxes on every frame was most of an edit's
 * time on a big diagram. Beside them, what changed since the snapshot before,
 * so that on each frame of a drag a line asks only whether the entity dragged
 * could route it otherwise, not every entity.
 */
interface Boxes {
  byId: Map<string, Box>;
  /** Every box as flat numbers (x, y, width, height each), in `byId`'s order: what tells two snapshots apart. */
  flat: Float64Array;
  /** The snapshot before this one, and each box that differs from it, where it was and where it is. */
  previous: Boxes | null;
  changed: Box[];
}

const snapshots = new WeakMap<ReactFlowState["nodeLookup"], { state: ReactFlowState; boxes: Boxes }>();

function boxesOf(state: ReactFlowState): Boxes {
  const known = snapshots.get(state.nodeLookup);
  if (known?.state === state) return known.boxes;
  const byId = new Map<string, Box>();
  for (const [id, node] of state.nodeLookup) byId.set(id, boxOf(node));
  const ids = [...byId.keys()];
  const flatNow = flat([...byId.values()]);
  const before = known?.boxes;
  const kept = before && sameIds(before.byId, ids) && same(before.flat, flatNow);
  const boxes = kept ? before : { byId, flat: flatNow, previous: before ?? null, changed: differences(before, byId) };
  if (before && !kept) {
    // One step back is all a line asks of: older snapshots must not stay reachable.
    before.previous = null;
    before.changed = [];
  }
  snapshots.set(state.nodeLookup, { state, boxes });
  return boxes;
}

/** The boxes that differ between two snapshots, at both places; none without a snapshot before. */
function differences(before: Boxes | undefined, now: Map<string, Box>): Box[] {
  if (!before) return [];
  const changed: Box[] = [];
  const moved = (a: Box, b: Box) => a.x !== b.x || a.y !== b.y || a.width !== b.width || a.height !== b.height;
  for (const [id, box] of now) {
    const old = before.byId.get(id);
    if (!old) changed.push(box);
    else if (moved(old, box)) changed.push(old, box);
  }
  for (const [id, old] of before.byId) if (!now.has(id)) changed.push(old);
  return changed;
}

function sameIds(byId: Map<string, Box>, ids: readonly string[]): boolean {
  if (byId.size !== ids.length) return false;
  let n = 0;
  for (const id of byId.keys()) if (id !== ids[n++]) return false;
  return true;
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
  const last = useRef<{ pair: string; boxes: Boxes; ends: Float64Array; near: Box[]; routed: Routed } | null>(null);
  const select = useCallback(
    (state: ReactFlowState) => {
      const boxes = boxesOf(state);
      const a = boxes.byId.get(source);
      const b = boxes.byId.get(target);
      if (!a || !b) return null;
      if (source === target) {
        const x = a.x + a.width;
        return [{ x, y: a.y + a.height * 0.3 }, { x, y: a.y + a.height * 0.7 }];
      }
      // A relationship given other ends keeps its line component: its last route is another line's.
      const pair = `${source}\u0000${target}`;
      const known = last.current?.pair === pair ? last.current : null;
      if (known?.boxes === boxes) return known.routed.corners;
      const ends = flat([a, b]);
      // Only some entities moved since this line's last look: while none of them
      // could route it otherwise, it stands (the usual frame of a drag).
      const unmoved = known && boxes.previous === known.boxes && same(known.ends, ends);
      if (unmoved && !boxes.changed.some((c) => mayChange(known.routed, c))) {
        last.current = { ...known, boxes };
        return known.routed.corners;
      }
      // Every other entity: what the line must go around.
      const others: Box[] = [];
      for (const [id, box] of boxes.byId) if (id !== source && id !== target) others.push(box);
      if (known && same(known.ends, ends)) {
        const nearNow = others.filter((o) => mayChange(known.routed, o));
        if (stillRouted(known.routed, known.near, nearNow)) {
          last.current = { ...known, boxes };
          return known.routed.corners;
        }
      }
      const routed = route(a, b, others);
      last.current = { pair, boxes, ends, near: others.filter((o) => mayChange(routed, o)), routed };
      return routed.corners;
    },
    [source, target],
  );
  return useStore(select, samePoints);
}

/** Boxes as flat numbers (x, y, width, height each): compared on every store update, cheaper than objects. */
function flat(boxes: readonly Box[]): Float64Array {
  const out = new Float64Array(boxes.length * 4);
  boxes.forEach((b, n) => {
    out[n * 4] = b.x;
    out[n * 4 + 1] = b.y;
    out[n * 4 + 2] = b.width;
    out[n * 4 + 3] = b.height;
  });
  return out;
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
