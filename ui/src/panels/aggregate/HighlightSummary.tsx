// What the highlighted pattern did with the sample: the request, the
// parameters drawn from the sample's items, and how much of the grid it
// touches. Another draw tries other items, for a pattern whose first draw
// happens to return nothing interesting.
import type { Highlight } from "../../generated/types";
import { useStudio } from "../../state/studio";
import type { Answer } from "./useAnswer";

export function HighlightSummary(props: { pattern: string; answer: Answer<Highlight | null>; onDraw: () => void }) {
  return (
    <div className="aggregate-highlight" data-testid="highlight-summary">
      <Outcome pattern={props.pattern} answer={props.answer} />
      <button type="button" onClick={props.onDraw} title="Draw the pattern's inputs from other sample items">
        Draw other parameters
      </button>
    </div>
  );
}

function Outcome(props: { pattern: string; answer: Answer<Highlight | null> }) {
  const { doc } = useStudio();
  const { answer } = props;
  if (answer.failure !== null) {
    return <p role="alert" className="failure">{answer.failure.message}</p>;
  }
  if (answer.loading) {
    return <p role="status" className="muted">Running {props.pattern} on the sample…</p>;
  }
  const h = answer.value;
  if (h === null) {
    return <p className="muted">The design has no plan for {props.pattern}.</p>;
  }
  const plan = doc.analysis.design?.plans.find((p) => p.pattern === h.pattern);
  const followUps = plan?.then?.length ?? 0;
  return (
    <div className="outcome">
      <p>
        <strong>{h.operation}</strong> on <strong>{h.index}</strong>
        {h.parameters.length > 0 && " with "}
        {h.parameters.map(([name, value], i) => (
          <code key={i} className="parameter">
            {name} = {value}
          </code>
        ))}
      </p>
      {h.note !== null ? (
        <p className="note">{h.note}</p>
      ) : (
        <p className="muted">
          <span className="key-read">
            reads{" "}
            {h.partitions.map((key) => (
              <code key={key} className="parameter">
                {key}
              </code>
            ))}
          </span>
          <span className="key-returned">{count(h.items.length, "item")} returned</span>
          {h.either.length > 0 && <span className="key-either">any of {count(h.either.length, "item")} may complete the answer</span>}
        </p>
      )}
      {followUps > 0 && (
        <p className="muted">
          {followUps === 1 ? "A follow-up request fetches" : `${followUps} follow-up requests fetch`} what the first one
          finds, so returned items may lie outside the partitions read.
        </p>
      )}
    </div>
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
