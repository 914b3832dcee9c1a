// Why a command did nothing; for a file that failed to load, every problem in
// it with its line, column and the fix; for a file to import that holds several
// tables, the tables, one of which to import.
import { useStudio } from "../state/studio";
import { Modal } from "./Modal";

export function FailureDialog() {
  const { failure, dismissFailure, importTable } = useStudio();
  if (!failure) return null;
  const { path } = failure;
  const choosing = path !== null && failure.tables.length > 0;
  return (
    <Modal
      title={choosing ? "Which table?" : "That did not work"}
      onClose={dismissFailure}
      wide={failure.diagnostics.length > 0}
    >
      <p className="failure-message" data-testid="failure-message">{failure.message}</p>
      {choosing && (
        <ul className="table-choices" data-testid="failure-tables">
          {failure.tables.map((table) => (
            <li key={table}>
              <button type="button" onClick={() => void importTable(path, table)}>
                Import {table}
              </button>
            </li>
          ))}
        </ul>
      )}
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
          {choosing ? "Cancel" : "OK"}
        </button>
      </div>
    </Modal>
  );
}
