// The model as the diagram draws it: one node per entity, one edge per
// relationship. Pure, so that it is tested without a canvas.
import type { Cardinality, Design, Entity, Model, Position, Relationship } from "../generated/types";
import { keyAttributesByIndex } from "../panels/design/keyColumns";

export const NODE_WIDTH = 270;
const HEADER_HEIGHT = 38;
const ROW_HEIGHT = 24;

export interface AttributeRow {
  name: string;
  type: string;
  identifier: boolean;
  unique: boolean;
  /** Indexes whose key templates use the attribute: "table", "GSI1", ... */
  keys: string[];
}

export interface EntityData extends Record<string, unknown> {
  name: string;
  rows: AttributeRow[];
  /** Many-to-many relationships carry their own attributes; drawn on the edge. */
  stream: boolean;
  problems: number;
}

export interface RelationshipData extends Record<string, unknown> {
  name: string;
  cardinality: Cardinality;
  required: boolean;
  attributes: number;
}

export interface DiagramNode {
  id: string;
  position: Position;
  data: EntityData;
}

export interface DiagramEdge {
  id: string;
  source: string;
  target: string;
  data: RelationshipData;
}

/** The type as DynamoDB writes it: S, N, BOOL, SS, ... */
export function typeCode(type: Entity["attributes"][number]["type"]): string {
  const codes: Record<typeof type, string> = {
    string: "S",
    number: "N",
    boolean: "BOOL",
    binary: "B",
    string_set: "SS",
    number_set: "NS",
    list: "L",
    map: "M",
  };
  return codes[type];
}

/** The height a node needs for its attributes, before the canvas measures it. */
export function estimatedHeight(entity: Entity): number {
  return HEADER_HEIGHT + ROW_HEIGHT * Math.max(entity.attributes.length, 1) + 8;
}

/** Attribute → indexes whose key templates of `entity` name it. */
export function keyUse(design: Design | null, entity: string): Map<string, string[]> {
  const use = new Map<string, string[]>();
  const keys = design?.entities.find((e) => e.name === entity)?.keys ?? {};
  for (const [index, keyAttributes] of design === null ? [] : keyAttributesByIndex(design)) {
    for (const keyAttribute of keyAttributes) {
      const template = keys[keyAttribute];
      if (template === undefined) continue;
      for (const match of template.matchAll(/\{([^}:]+)(?::\d+)?\}/g)) {
        const attribute = match[1];
        if (attribute === undefined || attribute.startsWith("_")) continue;
        const indexes = use.get(attribute) ?? [];
        if (!indexes.includes(index)) indexes.push(index);
        use.set(attribute, indexes);
      }
    }
  }
  return use;
}

export function diagram(
  model: Model,
  design: Design | null,
  positions: Map<string, Position>,
  problemsOf: (entity: string) => number,
): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const nodes = model.entities.map((entity) => {
    const use = keyUse(design, entity.name);
    return {
      id: entity.name,
      position: positions.get(entity.name) ?? { x: 0, y: 0 },
      data: {
        name: entity.name,
        stream: entity.maintained_by_stream ?? false,
        problems: problemsOf(entity.name),
        rows: entity.attributes.map((a) => ({
          name: a.name,
          type: typeCode(a.type),
          identifier: a.identifier ?? false,
          unique: a.unique ?? false,
          keys: use.get(a.name) ?? [],
        })),
      },
    };
  });
  const edges = (model.relationships ?? []).map((r: Relationship) => ({
    id: r.name,
    source: r.from,
    target: r.to,
    data: {
      name: r.name,
      cardinality: r.cardinality,
      required: r.required ?? false,
      attributes: r.attributes?.length ?? 0,
    },
  }));
  return { nodes, edges };
}

/** Where to put entities that have no position yet: in a grid below the others. */
export function placeMissing(model: Model, known: Map<string, Position>): Map<string, Position> {
  const placed = new Map(known);
  const missing = model.entities.filter((e) => !placed.has(e.name));
  if (missing.length === 0) return placed;
  const bottom = Math.max(0, ...[...placed.values()].map((p) => p.y + 320));
  const top = placed.size === 0 ? 80 : bottom;
  missing.forEach((entity, i) => {
    placed.set(entity.name, { x: 80 + (i % 4) * (NODE_WIDTH + 110), y: top + Math.floor(i / 4) * 340 });
  });
  return placed;
}

/** The positions the model keeps. */
export function savedPositions(model: Model): Map<string, Position> {
  return new Map(Object.entries(model.layout?.nodes ?? {}).filter(([name]) => model.entities.some((e) => e.name === name)));
}

/** Room between entities side by side for a relationship's line, its two
    crow's feet and its label. */
const GAP = 160;

/** `wanted`, or the first place to its right (then below) where no entity starts
    within a node's width and a gap: a new entity never lands on top of another,
    nor so close that a line between them has no room. */
export function freeSpot(wanted: Position, taken: Map<string, Position>): Position {
  const near = (p: Position) =>
    [...taken.values()].some((t) => Math.abs(t.x - p.x) < NODE_WIDTH + GAP && Math.abs(t.y - p.y) < 160);
  for (let row = 0; row < 20; row++) {
    for (let column = 0; column < 6; column++) {
      const p = { x: wanted.x + column * (NODE_WIDTH + GAP), y: wanted.y + row * 200 };
      if (!near(p)) return p;
    }
  }
  return wanted;
}

/**
 * `previous` in place of `next` when the two are the same as JSON, so that an
 * update keeps the identity of what it did not change: React Flow and the
 * memoised views skip an object they already have. Node and line data must stay
 * plain JSON for this: a callback or a Map in it would be kept when it changed.
 */
export function unchanged<T>(previous: T | undefined, next: T): T {
  return previous !== undefined && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}
