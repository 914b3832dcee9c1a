// Why there is no sample to show: the backend's refusal, typically a model
// whose problems keep it from having a design.
import type { Failure } from "../../generated/types";

export function SampleUnavailable(props: { failure: Failure }) {
  const { failure } = props;
  return (
    <div className="aggregate-unavailable" role="alert" data-testid="sample-unavailable">
      <h2>No sample data</h2>
      <p>{failure.message}</p>
      {failure.kind === "invalid" && (
        <ul className="plain">
          {failure.diagnostics.map((d, i) => (
            <li key={i}>
              <code>{d.path}</code> {d.message}
              {d.hint && <span className="hint"> {d.hint}</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="hint">The Design view and the status bar's problems list what to fix.</p>
    </div>
  );
}
