// Every problem the app knows of the open model, in one list: the model's own
// (it cannot be derived until they are fixed), the design's, and the verifier's.
import type { DocumentState, Fix } from "../generated/types";
import { nothing, selectionOfDiagnostic, selectionOfProblem, type Selection } from "../state/selection";

export interface ProblemItem {
  severity: "error" | "warning";
  /** Where it comes from: the model, the design or the verifier. */
  source: "model" | "design" | "verifier";
  message: string;
  hint: string | null;
  target: Selection;
  /** What the app can change to answer it, one edit each. */
  fixes: Fix[];
}

export function problems(doc: DocumentState): ProblemItem[] {
  const { analysis, model } = doc;
  const out: ProblemItem[] = analysis.diagnostics.map((d) => ({
    severity: "error",
    source: "model",
    message: `${d.path}: ${d.message}`,
    hint: d.hint || null,
    target: selectionOfDiagnostic(d, model),
    fixes: [],
  }));
  if (analysis.failure !== null) {
    out.push({ severity: "error", source: "design", message: analysis.failure, hint: null, target: nothing, fixes: [] });
  }
  for (const p of analysis.design?.problems ?? []) {
    out.push({
      severity: p.severity,
      source: "design",
      message: p.message,
      hint: null,
      target: selectionOfProblem(p, model),
      fixes: p.fixes ?? [],
    });
  }
  for (const message of analysis.verification?.design ?? []) {
    out.push({ severity: "error", source: "verifier", message, hint: null, target: nothing, fixes: [] });
  }
  for (const v of analysis.verification?.patterns ?? []) {
    if (!v.ok) {
      out.push({
        severity: "error",
        source: "verifier",
        message: `${v.pattern}: ${v.reasons.join("; ")}`,
        hint: null,
        target: { kind: "pattern", id: v.pattern },
        fixes: v.fixes ?? [],
      });
    }
  }
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
}

/** Problems per entity, for the badges on the canvas. */
export function problemCounts(doc: DocumentState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of problems(doc)) {
    if (p.target.kind === "entities") {
      for (const name of p.target.names) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return counts;
}
