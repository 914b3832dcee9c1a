// Why a command did nothing, shown by its kind: for a file that failed to load or
// import, every problem in it with its line, column and the fix; for a file to
// import that holds several tables, the tables, one of which to import.
import type { Failure } from "../generated/types";
import { useStudio } from "../state/studio";
import { Modal } from "./Modal";

const TITLES: Record<Failure["kind"], string> = {
  invalid: "The file has problems",
  choose_table: "Which table?",
  unsaved: "Unsaved changes",
  no_design: "No design yet",
  file: "The file could not be read or written",
  other: "That did not work",
};

export function FailureDialog() {
  const { failure, dismissFailure, importTable } = useStudio();
  if (!failure) return null;
  const { path } = failure;
  return (
    <Modal title={TITLES[failure.kind]} onClose={dismissFailure} wide={failure.kind === "invalid"}>
      <p className="failure-message" data-testid="failure-message">{failure.message}</p>
      {failure.kind === "choose_table" && path !== null && (
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
      {failure.kind === "invalid" && (
        <>
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
          <p className="hint">Nothing was changed: the model you had open is still open.</p>
        </>
      )}
      {failure.kind === "no_design" && (
        <p className="hint">The Design view and the status bar&apos;s problems list what to fix.</p>
      )}
      <div className="buttons">
        <button type="button" className="primary" autoFocus onClick={dismissFailure}>
          {failure.kind === "choose_table" ? "Cancel" : "OK"}
        </button>
      </div>
    </Modal>
  );
}
