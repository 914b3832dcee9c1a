// The Access Patterns view: the table of every pattern with how the design serves
// it, and beside it the selected pattern's editor and plan.
import { useEffect, useRef, useState } from "react";

import type { AccessPattern } from "../generated/types";
import { useStudio } from "../state/studio";
import { PatternEditor } from "./PatternEditor";
import "./patterns.css";
import { DeletePatternDialog } from "./patterns/DeletePatternDialog";
import { PatternActions } from "./patterns/PatternActions";
import { PatternTable } from "./patterns/PatternTable";
import { PlanView } from "./patterns/PlanView";

export function PatternsView() {
  const { doc, selection } = useStudio();
  const [deleting, setDeleting] = useState<AccessPattern | null>(null);
  const selected =
    selection.kind === "pattern" ? (doc.model.access_patterns ?? []).find((p) => p.id === selection.id) : undefined;
  // Another pattern's editor opens at its top, not where the last one was left.
  const side = useRef<HTMLElement>(null);
  const shownId = selected?.id;
  useEffect(() => {
    if (side.current) side.current.scrollTop = 0;
  }, [shownId]);
  return (
    <div className="patterns-view" data-testid="patterns-view">
      <div className="patterns-list">
        <PatternActions selected={selected} onDelete={setDeleting} />
        <PatternTable onDelete={setDeleting} />
      </div>
      <aside className="pattern-side" aria-label="Selected access pattern" ref={side}>
        {selected ? (
          <>
            <PatternEditor key={selected.id} pattern={selected} />
            <PlanView pattern={selected} />
          </>
        ) : (
          <p className="empty">Select an access pattern to edit it and see how the design serves it.</p>
        )}
      </aside>
      {deleting && <DeletePatternDialog pattern={deleting} onClose={() => { setDeleting(null); }} />}
    </div>
  );
}
