// What is selected, and where a problem points.
import type { Diagnostic, Model, Problem } from "../generated/types";

export type Selection =
  | { kind: "none" }
  | { kind: "entities"; names: string[] }
  | { kind: "relationship"; name: string }
  | { kind: "pattern"; id: string }
  | { kind: "table" };

export const nothing: Selection = { kind: "none" };

/** The element a diagnostic's JSON path is inside of, read against `model`. */
export function selectionOfPath(path: string, model: Model): Selection {
  const index = (collection: string) => {
    const match = new RegExp(`^\\$\\.${collection}\\[(\\d+)\\]`).exec(path);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  };
  const entity = index("entities");
  if (entity !== undefined) {
    const e = model.entities[entity];
    return e ? { kind: "entities", names: [e.name] } : nothing;
  }
  const relationship = index("relationships");
  if (relationship !== undefined) {
    const r = (model.relationships ?? [])[relationship];
    return r ? { kind: "relationship", name: r.name } : nothing;
  }
  const pattern = index("access_patterns");
  if (pattern !== undefined) {
    const p = (model.access_patterns ?? [])[pattern];
    return p ? { kind: "pattern", id: p.id } : nothing;
  }
  const node = /^\$\.layout\.nodes(?:\.([A-Za-z0-9_$]+)|\["((?:[^"\\]|\\.)*)"\])/.exec(path);
  if (node) {
    const name = node[1] ?? (JSON.parse(`"${node[2] ?? ""}"`) as string);
    return model.entities.some((e) => e.name === name) ? { kind: "entities", names: [name] } : nothing;
  }
  if (path.startsWith("$.table") || path.startsWith("$.name")) {
    return { kind: "table" };
  }
  return nothing;
}

export function selectionOfDiagnostic(d: Diagnostic, model: Model): Selection {
  return selectionOfPath(d.path, model);
}

/** A design problem names its pattern or its entity (or relationship). */
export function selectionOfProblem(p: Problem, model: Model): Selection {
  if (p.pattern !== undefined && (model.access_patterns ?? []).some((a) => a.id === p.pattern)) {
    return { kind: "pattern", id: p.pattern };
  }
  if (p.entity !== undefined) {
    if (model.entities.some((e) => e.name === p.entity)) {
      return { kind: "entities", names: [p.entity] };
    }
    if ((model.relationships ?? []).some((r) => r.name === p.entity)) {
      return { kind: "relationship", name: p.entity };
    }
  }
  return nothing;
}

export function isEntitySelected(selection: Selection, name: string): boolean {
  return selection.kind === "entities" && selection.names.includes(name);
}

/** Whether two selections pick the same things (in any order). */
export function sameSelection(a: Selection, b: Selection): boolean {
  switch (a.kind) {
    case "entities":
      return b.kind === "entities" && a.names.length === b.names.length && a.names.every((n) => b.names.includes(n));
    case "relationship":
      return b.kind === "relationship" && a.name === b.name;
    case "pattern":
      return b.kind === "pattern" && a.id === b.id;
    default:
      return a.kind === b.kind;
  }
}
