// Without a design there is nothing to show but what stands in its way.
import { useStudio } from "../../state/studio";
import { ProblemsList } from "../ProblemsList";

export function NoDesign() {
  const { diagnostics } = useStudio().doc.analysis;
  const n = diagnostics.length;
  return (
    <section data-testid="no-design">
      <h2>No design yet</h2>
      {n > 0 && (
        <p>
          The model has {n} problem{n === 1 ? "" : "s"}. The keys, indexes and plans are derived, and appear here, once{" "}
          {n === 1 ? "it is" : "they are"} fixed.
        </p>
      )}
      <ProblemsList />
    </section>
  );
}
