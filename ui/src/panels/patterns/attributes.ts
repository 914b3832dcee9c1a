// What an access pattern can name: the targets it may read or write, the entities
// it may fetch with its target, and the attributes it may use. The rules are the
// engine's (ErGraph in crates/engine/src/graph.rs), read here so that the pickers
// answer at every keystroke; patternVocabulary.test.ts holds this reading to the
// engine's on every example and corpus model, so the pickers offer what
// validation accepts and nothing it refuses.
import type { Attribute, Entity, Model, Relationship } from "../../generated/types";

export interface UsableAttribute {
  /** As a pattern writes it: `customerNumber`, or `friend.playerId` for a to_role end. */
  name: string;
  attribute: Attribute;
  /** The entity or relationship that defines the attribute. */
  owner: string;
  /** The target's own attribute, rather than the identifier of an entity related to it. */
  own: boolean;
  /** Part of the key of the target's own items: an update cannot change it. */
  identifiesItem: boolean;
  /**
   * The target's items hold it: an own attribute, a parent's identifier (the
   * target being the child of a one-to-many or one-to-one), or either end's
   * identifier on a pair item. A write can only be given these.
   */
  carried: boolean;
}

export interface Target {
  name: string;
  /** A many-to-many relationship, whose pair items the pattern reads or writes. */
  relationship: boolean;
}

function entityNamed(model: Model, name: string): Entity | undefined {
  return model.entities.find((e) => e.name === name);
}

export function identifiers(model: Model, entity: string): Attribute[] {
  return entityNamed(model, entity)?.attributes.filter((a) => a.identifier === true) ?? [];
}

/**
 * The relationships with `entity` at either end: outgoing first, then incoming,
 * each in model order. Like the engine's graph, it leaves out a relationship
 * naming an unknown entity, and counts a relationship of an entity with itself once.
 */
export function relationshipsOf(model: Model, entity: string): Relationship[] {
  const edges = (model.relationships ?? []).filter(
    (r) => entityNamed(model, r.from) !== undefined && entityNamed(model, r.to) !== undefined,
  );
  return [...edges.filter((r) => r.from === entity), ...edges.filter((r) => r.to === entity && r.from !== entity)];
}

/**
 * The relationships a read of `target` may follow (`via`) from inputs that identify
 * a related entity: none when every input is the target's own attribute.
 */
export function followable(model: Model, target: string, inputs: readonly string[]): string[] {
  const usable = [...usableAttributes(model, target), ...ancestorInputs(model, target)];
  const foreign = inputs.filter((i) => usable.find((u) => u.name === i)?.own === false);
  if (foreign.length === 0) return [];
  const nearby = relationshipsOf(model, target).filter((r) => r.from !== r.to);
  const reaching = nearby.filter((r) => identifiedBy(model, r.from === target ? r.to : r.from, foreign));
  if (reaching.length > 0) return nearby.map((r) => r.name);
  // Inputs that identify an ancestor further up: the paths down from it, as `via` spells them.
  const starts = (top: string) => identifiedBy(model, top, foreign);
  return ancestorPaths(model, target, starts)
    .filter(({ top }) => starts(top))
    .map(({ path }) => path.map((r) => r.name).join("."));
}

/** Whether `entity`'s identifier is exactly `names`. */
function identifiedBy(model: Model, entity: string, names: readonly string[]): boolean {
  const ids = identifiers(model, entity);
  return ids.length === names.length && ids.every((a) => names.includes(a.name));
}

/** How far above its target an ancestor a read starts from may be (the engine's MAX_HOPS). */
const MAX_HOPS = 4;

/**
 * The ancestors two or more one-to-many (or one-to-one) levels above `entity`,
 * each with the path down from it (top down), walked as the engine's
 * `ErGraph::walk_up` does: nearest parents first, never through an entity twice,
 * a branch ending at the first ancestor found on it.
 */
function ancestorPaths(model: Model, entity: string, stop: (top: string) => boolean = () => false): { top: string; path: Relationship[] }[] {
  const found: { top: string; path: Relationship[] }[] = [];
  const walk = (at: string, up: Relationship[]) => {
    if (up.length === MAX_HOPS) return;
    const parents = relationshipsOf(model, at).filter((r) => r.to === at && r.from !== at && r.cardinality !== "many_to_many");
    for (const r of parents) {
      if (r.from === entity || up.some((q) => q.to === r.from || q.from === r.from)) continue;
      const path = [...up, r];
      const far = path.length >= 2;
      if (far) found.push({ top: r.from, path: [...path].reverse() });
      if (!(far && stop(r.from))) walk(r.from, path);
    }
  };
  walk(entity, []);
  return found;
}

/** Entities and many-to-many relationships: what a pattern (or a transaction step) may target. */
export function patternTargets(model: Model): Target[] {
  return [
    ...model.entities.map((e) => ({ name: e.name, relationship: false })),
    ...(model.relationships ?? [])
      .filter((r) => r.cardinality === "many_to_many")
      .map((r) => ({ name: r.name, relationship: true })),
  ];
}

/**
 * The entities a pattern on `target` may fetch with it: the other ends of its
 * relationships, not the target itself (a manager's reports are a read of their own).
 */
export function relatedEntities(model: Model, target: string): string[] {
  const others = relationshipsOf(model, target).map((r) => (r.from === target ? r.to : r.from));
  return [...new Set(others)].filter((other) => other !== target);
}

/**
 * Every attribute a pattern on `target` can use, in the order the engine looks a
 * name up: for an entity, its own attributes, then the identifiers of the entities
 * related to it; for a many-to-many relationship, the data it carries, then the
 * identifiers of its `from` end and of its `to` end (written `<to_role>.<attr>`
 * when the relationship names that end). A name listed twice resolves to the first.
 */
export function usableAttributes(model: Model, target: string): UsableAttribute[] {
  const found: UsableAttribute[] = [];
  const add = (name: string, attribute: Attribute, owner: string, how: Omit<UsableAttribute, "name" | "attribute" | "owner">) => {
    if (!found.some((u) => u.name === name)) found.push({ name, attribute, owner, ...how });
  };
  const entity = entityNamed(model, target);
  if (entity) {
    for (const a of entity.attributes) add(a.name, a, target, { own: true, identifiesItem: a.identifier === true, carried: true });
    // A child of the same entity carries its parent's identifier under the parent's
    // role: the target's own (it follows no relationship to another entity).
    for (const r of relationshipsOf(model, target)) {
      if (r.from !== target || r.to !== target || r.cardinality === "many_to_many" || r.from_role === undefined) continue;
      for (const a of identifiers(model, target)) add(parentAttribute(r.from_role, a.name), a, target, { own: true, identifiesItem: false, carried: true });
    }
    for (const r of relationshipsOf(model, target)) {
      const other = r.from === target ? r.to : r.from;
      const parent = r.to === target && r.from !== target && r.cardinality !== "many_to_many";
      for (const a of identifiers(model, other)) add(a.name, a, other, { own: false, identifiesItem: false, carried: parent });
    }
    return found;
  }
  const rel = (model.relationships ?? []).find((r) => r.name === target);
  if (!rel) return found;
  for (const a of rel.attributes ?? []) add(a.name, a, target, { own: true, identifiesItem: false, carried: true });
  // A pair item's key is made of both ends' identifiers.
  const end = { own: false, identifiesItem: true, carried: true };
  for (const a of identifiers(model, rel.from)) add(a.name, a, rel.from, end);
  for (const a of identifiers(model, rel.to)) add(rel.to_role === undefined ? a.name : `${rel.to_role}.${a.name}`, a, rel.to, end);
  return found;
}

/**
 * What a read's inputs may name besides `usableAttributes`: the identifiers of the
 * ancestors two or more levels above `target` (a customer's, for the items of their
 * orders), as the engine's `ErGraph::resolve_input` finds them. The items do not
 * hold them, so no filter, key, update or write may name them.
 */
export function ancestorInputs(model: Model, target: string): UsableAttribute[] {
  if (entityNamed(model, target) === undefined) return [];
  const nearby = usableAttributes(model, target);
  const found: UsableAttribute[] = [];
  for (const { top } of ancestorPaths(model, target)) {
    for (const a of identifiers(model, top)) {
      if (nearby.some((u) => u.name === a.name) || found.some((u) => u.name === a.name)) continue;
      found.push({ name: a.name, attribute: a, owner: top, own: false, identifiesItem: false, carried: false });
    }
  }
  return found;
}

/**
 * The attribute a child of a relationship of an entity with itself carries its
 * parent's identifier `attr` in: the role, then the attribute (`managerEmployeeId`),
 * as the engine's `Relationship::parent_attribute` names it.
 */
export function parentAttribute(role: string, attr: string): string {
  return role + attr.charAt(0).toUpperCase() + attr.slice(1);
}

/**
 * The attribute `name` as a pattern on `target` uses it, or undefined when the
 * engine would report it unknown. Attribute names cannot hold a '.', so a
 * `<to_role>.<attr>` name never shadows, nor is shadowed by, another.
 */
export function resolveAttribute(model: Model, target: string, name: string): Attribute | undefined {
  return usableAttributes(model, target).find((u) => u.name === name)?.attribute;
}

/** String, number or binary: what a key, a range or a sort can use. */
export function isKeyCapable(a: Attribute): boolean {
  return a.type === "string" || a.type === "number" || a.type === "binary";
}

/** A date, timestamp or ULID: what a retention can count from. */
export function isTimeOrdered(a: Attribute): boolean {
  return a.format === "date" || a.format === "timestamp" || a.format === "ulid";
}
