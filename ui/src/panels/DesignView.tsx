// The derived single-table design as an architect reviews it: the keys each
// entity writes, the indexes, how each access pattern is served and whether
// the verifier agrees, the problems, and what it all costs. It is derived anew
// with every edit, so this only ever shows the current document's analysis.
import "./design.css";

import { useStudio } from "../state/studio";
import { CostSummary } from "./design/CostSummary";
import { IndexesTable } from "./design/IndexesTable";
import { KeyTemplates } from "./design/KeyTemplates";
import { NoDesign } from "./design/NoDesign";
import { PlansTable } from "./design/PlansTable";
import { ProblemsList } from "./ProblemsList";

export function DesignView() {
  const { analysis } = useStudio().doc;
  const { design, failure } = analysis;
  return (
    <div className="design-view" data-testid="design-view">
      {failure !== null && (
        <div className="design-failure" role="alert">
          <strong>Deriving the design failed unexpectedly</strong>, a bug in Tablewright to report with this message:
          <pre>{failure}</pre>
        </div>
      )}
      {design === null ? (
        <NoDesign />
      ) : (
        <>
          <header>
            <h1>{design.table.name}</h1>
            <p className="muted">
              {design.entities.length} item types, {design.gsis.length} GSIs, {design.lsis.length} LSIs,{" "}
              {design.plans.length} access patterns; every item names its type in <code>{design.type_attribute}</code>.
            </p>
          </header>
          <section>
            <h2>Keys</h2>
            <KeyTemplates design={design} />
          </section>
          <section>
            <h2>Indexes</h2>
            <IndexesTable design={design} />
          </section>
          <section>
            <h2>Access patterns</h2>
            <PlansTable design={design} verification={analysis.verification} />
          </section>
          <section>
            <h2>Problems</h2>
            <ProblemsList />
          </section>
          <section>
            <h2>Capacity and cost</h2>
            {analysis.cost === null ? (
              <p className="empty">No cost estimate for this design.</p>
            ) : (
              <CostSummary cost={analysis.cost} />
            )}
          </section>
        </>
      )}
    </div>
  );
}
