// An access pattern as the editor changes it: which fields each kind has, what a
// change of kind or of target keeps, and the pattern in the shape the file stores
// (empty optional fields absent, as the backend writes them).
import type {
  AccessPattern,
  Condition,
  Filter,
  ForEach,
  Model,
  PatternKind,
  Retention,
  StepAction,
  TransactionStep,
  Update,
  WriteCondition,
} from "../../generated/types";
import {
  ancestorInputs,
  followable,
  isTimeOrdered,
  relatedEntities,
  resolveAttribute,
  usableAttributes,
} from "./attributes";
import { clauseTests, mapClause } from "./clauseShape";
import { isCondition } from "./conditionShape";
import { filterTests, mapTests } from "./filterShape";

export type KindField =
  | "with"
  | "via"
  | "inputs"
  | "range"
  | "order"
  | "limit"
  | "filter"
  | "returns"
  | "strongly_consistent"
  | "result_size"
  | "conditions"
  | "updates"
  | "steps"
  | "retention";

const READ: readonly KindField[] = [
  "with",
  "via",
  "inputs",
  "range",
  "order",
  "limit",
  "filter",
  "returns",
  "strongly_consistent",
  "result_size",
];

// What the engine reads of each kind (validation refuses most of the rest): a
// single write is keyed by its inputs and checks its conditions; a transaction is
// its steps; an expiry is its retention.
const FIELDS: Record<PatternKind, readonly KindField[]> = {
  read_one: READ,
  read_many: READ,
  put: ["inputs", "conditions", "updates"],
  update: ["inputs", "conditions", "updates"],
  delete: ["inputs", "conditions"],
  transaction: ["steps"],
  expire: ["retention"],
};

export function hasField(kind: PatternKind, field: KindField): boolean {
  return FIELDS[kind].includes(field);
}

/** `{ key: value }` when the file keeps the value, `{}` when it leaves it out. */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  const empty = value === undefined || value === "" || value === false || (Array.isArray(value) && value.length === 0);
  return empty ? {} : ({ [key]: value } as Record<K, V>);
}

function compactFilter(f: Filter): Filter {
  return mapTests(f, (t) => ({
    attribute: t.attribute,
    op: t.op,
    ...optional("value", t.value),
    ...optional("input", t.input),
    ...optional("values", t.values),
    ...optional("selectivity", t.selectivity),
  }));
}

function compactCondition(c: WriteCondition): WriteCondition {
  return mapClause(c, isCondition, (t) => ({
    ...optional("attribute", t.attribute),
    op: t.op,
    ...optional("input", t.input),
    ...optional("value", t.value),
    ...optional("other_attribute", t.other_attribute),
  }));
}

function compactUpdate(u: Update): Update {
  return { attribute: u.attribute, action: u.action, ...optional("input", u.input), ...optional("value", u.value) };
}

function compactStep(s: TransactionStep): TransactionStep {
  return {
    action: s.action,
    entity: s.entity,
    ...optional("description", s.description),
    ...optional("for_each", s.for_each && compactForEach(s.for_each)),
    ...optional("conditions", s.conditions?.map(compactCondition)),
    ...optional("updates", s.updates?.map(compactUpdate)),
  };
}

function compactForEach(f: ForEach): ForEach {
  return { list: f.list, at_most: f.at_most, ...optional("typical", f.typical) };
}

function compactRetention(r: Retention): Retention {
  return { attribute: r.attribute, days: r.days, ...optional("archive", r.archive) };
}

/** The pattern without its empty optional fields, in the file's field order. */
export function compact(p: AccessPattern): AccessPattern {
  return {
    id: p.id,
    name: p.name,
    ...optional("description", p.description),
    kind: p.kind,
    entity: p.entity,
    ...optional("with", p.with),
    ...optional("via", p.via),
    ...optional("inputs", p.inputs),
    ...optional("range", p.range),
    ...optional("order", p.order),
    ...optional("limit", p.limit),
    ...optional("filter", p.filter && compactFilter(p.filter)),
    ...optional("returns", p.returns),
    ...optional("strongly_consistent", p.strongly_consistent),
    peak_rate: p.peak_rate,
    ...optional("result_size", p.result_size),
    ...optional("conditions", p.conditions?.map(compactCondition)),
    ...optional("updates", p.updates?.map(compactUpdate)),
    ...optional("steps", p.steps?.map(compactStep)),
    ...optional("retention", p.retention && compactRetention(p.retention)),
  };
}

/** A retention for `target`, counted from its first date or timestamp. */
export function defaultRetention(model: Model, target: string): Retention {
  const from = usableAttributes(model, target).find((u) => u.own && isTimeOrdered(u.attribute));
  return { attribute: from?.name ?? "", days: 365 };
}

/** A single write as a transaction's step; any other pattern as a put of its target. */
function asStep(p: AccessPattern): TransactionStep {
  switch (p.kind) {
    case "delete":
      return { action: p.kind, entity: p.entity, conditions: p.conditions };
    case "put":
    case "update":
      return { action: p.kind, entity: p.entity, conditions: p.conditions, updates: p.updates };
    default:
      return { action: "put", entity: p.entity };
  }
}

/**
 * The pattern as another kind: the fields the new kind has no use for go, and a
 * transaction or an expiry gets what it cannot be without (a step, a retention).
 * A single write turned into a transaction becomes its first step.
 */
export function withKind(p: AccessPattern, kind: PatternKind, model: Model): AccessPattern {
  const keep = <F extends KindField>(field: F): AccessPattern[F] => (hasField(kind, field) ? p[field] : undefined);
  return compact({
    ...p,
    kind,
    with: keep("with"),
    via: keep("via"),
    inputs: keep("inputs"),
    range: keep("range"),
    order: keep("order"),
    limit: keep("limit"),
    filter: keep("filter"),
    returns: keep("returns"),
    strongly_consistent: keep("strongly_consistent"),
    result_size: keep("result_size"),
    conditions: keep("conditions"),
    updates: keptUpdates(p, kind),
    steps: kind === "transaction" && !p.steps?.length ? [asStep(p)] : keep("steps"),
    retention: kind === "expire" ? (p.retention ?? defaultRetention(model, p.entity)) : undefined,
  });
}

/**
 * The updates a write keeps when it becomes `kind` (or a step's `action`): an
 * update's, or a put's values fixed in the model (each a set of a value), which
 * an update may make too; a put keeps only those.
 */
export function keptUpdates(w: { updates?: Update[] }, kind: PatternKind | StepAction): Update[] | undefined {
  if (kind === "update") return w.updates;
  if (kind === "put") return w.updates?.filter((u) => u.action === "set" && u.value !== undefined && u.input === undefined);
  return undefined;
}

/** Conditions whose every attribute `target` still has. */
export function conditionsFor(model: Model, target: string, conditions: WriteCondition[] | undefined): WriteCondition[] {
  const has = (name: string | undefined) => name === undefined || resolveAttribute(model, target, name) !== undefined;
  const known = (t: Condition) => has(t.attribute) && has(t.other_attribute);
  return (conditions ?? []).filter((c) => clauseTests(c, isCondition).every(known));
}

/** Updates whose attribute `target` still has. */
export function updatesFor(model: Model, target: string, updates: Update[] | undefined): Update[] {
  return (updates ?? []).filter((u) => resolveAttribute(model, target, u.attribute) !== undefined);
}

/**
 * The pattern on another target: what names an attribute or an entity the new
 * target also has stays, the rest goes (a retention starts over from a date).
 */
export function retarget(p: AccessPattern, target: string, model: Model): AccessPattern {
  const knows = (name: string) => resolveAttribute(model, target, name) !== undefined;
  const reads = p.kind === "read_one" || p.kind === "read_many";
  const retention = p.retention && (knows(p.retention.attribute) ? p.retention : defaultRetention(model, target));
  return compact({
    ...p,
    entity: target,
    with: p.with?.filter((w) => relatedEntities(model, target).includes(w)),
    via: p.via !== undefined && followable(model, target, p.inputs ?? []).includes(p.via) ? p.via : undefined,
    // A read may keep an input that identifies an ancestor of the new target.
    inputs: p.inputs?.filter((i) => knows(i) || (reads && ancestorInputs(model, target).some((u) => u.name === i))),
    range: p.range && knows(p.range.attribute) ? p.range : undefined,
    order: p.order && knows(p.order.attribute) ? p.order : undefined,
    filter: p.filter && filterTests(p.filter).every((t) => knows(t.attribute)) ? p.filter : undefined,
    returns: p.returns?.filter(knows),
    conditions: conditionsFor(model, target, p.conditions),
    updates: updatesFor(model, target, p.updates),
    retention,
  });
}

/** A count as the file stores it (a whole number, 0 or more); none when left empty. */
export function count(v: number | null): number | undefined {
  return v === null ? undefined : Math.max(0, Math.round(v));
}
