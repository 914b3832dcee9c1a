// The model's problems that are about one access pattern, and why there is no
// design to show plans from.
import type { Analysis, Diagnostic, Model } from "../../generated/types";
import { selectionOfDiagnostic } from "../../state/selection";

export function diagnosticsOf(diagnostics: Diagnostic[], model: Model, id: string): Diagnostic[] {
  return diagnostics.filter((d) => {
    const at = selectionOfDiagnostic(d, model);
    return at.kind === "pattern" && at.id === id;
  });
}

/** Why `analysis` has no design; undefined when it has one. */
export function noDesign(analysis: Analysis): string | undefined {
  if (analysis.design) return undefined;
  if (analysis.failure !== null) return `The design could not be derived: ${analysis.failure}`;
  return "The model has problems to fix before a design is derived: no plans until then.";
}
