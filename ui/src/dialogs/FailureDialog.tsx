// Why a command did nothing; for a file that failed to load, every problem in
// it with its line, column and the fix.
import { useStudio } from "../state/studio";
import { Modal } from "./Modal";

export function FailureDialog() {
  const { failure, dismissFailure } = useStudio();
  if (!failure) return null;
  return (
    <Modal title="That did not work" onClose={dismissFailure} wide={failure.diagnostics.length > 0}>
      <p className="failure-message" data-testid="failure-message">{failure.message}</p>
      {failure.diagnostics.length > 0 && (
        <ol className="diagnostics" data-testid="failure-diagnostics">
          {failure.diagnostics.map((d, i) => (
            <li key={i}>
              <code>
                {d.line !== null ? `${d.line}:${d.column ?? 0}` : ""} {d.path}
              </code>
              <div>{d.message}</div>
              {d.hint && <div className="hint">{d.hint}</div>}
            </li>
          ))}
        </ol>
      )}
      {failure.diagnostics.length > 0 && <p className="hint">Nothing was changed: the model you had open is still open.</p>}
      <div className="buttons">
        <button type="button" className="primary" autoFocus onClick={dismissFailure}>
          OK
        </button>
      </div>
    </Modal>
  );
}
