// The bottom line: the file, how the design stands, and its problems.
import { useState } from "react";

import { useStudio } from "../state/studio";
import { ProblemsList } from "./ProblemsList";
import { problems } from "./problems";

export function StatusBar() {
  const { doc, notice, confirmation, dismissNotice } = useStudio();
  const [open, setOpen] = useState(false);
  const list = problems(doc);
  const errors = list.filter((p) => p.severity === "error").length;
  const warnings = list.length - errors;
  const { analysis } = doc;
  const verdict = analysis.design
    ? `${counted(analysis.design.plans.length, "plan")}, ${counted(analysis.design.gsis.length, "GSI")}`
    : analysis.diagnostics.length > 0
      ? "no design until the model's problems are fixed"
      : "no design";
  return (
    <footer className="status-bar">
      <span className="file" title={doc.path ?? "not saved yet"} data-testid="status-file">
        {doc.path ?? "Untitled"}
        {doc.dirty && " (unsaved)"}
      </span>
      <span data-testid="status-design">{verdict}</span>
      <span className="timing" title="validation, derivation, verification and cost">
        derived in {analysis.millis.toFixed(1)} ms
      </span>
      {notice && (
        <button type="button" className="notice" data-testid="notice" onClick={dismissNotice} title="Dismiss">
          {notice}
        </button>
      )}
      {confirmation && (
        <span className="confirmation" role="status" data-testid="confirmation">
          {confirmation}
        </span>
      )}
      <span className="spacer" />
      <button
        type="button"
        className={`problem-count${errors > 0 ? " has-errors" : ""}`}
        data-testid="problem-count"
        aria-expanded={open}
        onClick={() => { setOpen(!open); }}
      >
        {errors} error{errors === 1 ? "" : "s"}, {warnings} warning{warnings === 1 ? "" : "s"}
      </button>
      {open && (
        <div className="problems-popover" role="dialog" aria-label="Problems">
          <ProblemsList onChosen={() => { setOpen(false); }} />
        </div>
      )}
    </footer>
  );
}

/** `1 plan`, `21 plans`. */
function counted(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? "" : "s"}`;
}
