// The buttons along the top: files, undo and redo, adding, layout, theme, help.
import type { CommandId } from "./commands";
import { useStudio } from "./state/studio";
import type { Theme } from "./theme";

export function Toolbar(props: { run: (c: CommandId) => void; theme: Theme }) {
  const { doc, examples, exports, newDocument, exportDesign } = useStudio();
  const button = (command: CommandId, label: string, title: string, disabled = false) => (
    <button type="button" title={title} data-testid={`tool-${command}`} disabled={disabled} onClick={() => { props.run(command); }}>
      {label}
    </button>
  );
  return (
    <header className="toolbar">
      <span className="brand">Tablewright</span>
      <div className="group" aria-label="File">
        {button("new", "New", "New model (Ctrl+N)")}
        <select
          aria-label="New from example"
          data-testid="new-from-example"
          value=""
          onChange={(e) => {
            if (e.target.value) void newDocument(e.target.value);
          }}
        >
          <option value="">Example…</option>
          {examples.map((x) => (
            <option key={x.id} value={x.id} title={x.description}>
              {x.name}
            </option>
          ))}
        </select>
        {button("open", "Open…", "Open a model file (Ctrl+O)")}
        {button("import", "Import…", "A new model from a NoSQL Workbench model or a CloudFormation template")}
        {button("save", "Save", "Save (Ctrl+S)")}
        {button("save-as", "Save As…", "Save as another file (Ctrl+Shift+S)")}
        <select
          aria-label="Export the design"
          data-testid="export"
          value=""
          disabled={doc.analysis.design === null}
          title={doc.analysis.design === null ? "Fix the model's problems first: it has no design to export" : "Export the design"}
          onChange={(e) => void exportDesign(e.target.value)}
        >
          <option value="">Export…</option>
          {exports.map((x) => (
            <option key={x.format} value={x.format}>
              {x.title}
            </option>
          ))}
        </select>
        {button(
          "deploy",
          "Deploy…",
          doc.analysis.design === null
            ? "Fix the model's problems first: it has no design to deploy"
            : "Create or update the table on DynamoDB Local or AWS",
          doc.analysis.design === null,
        )}
      </div>
      <div className="group" aria-label="Edit">
        {button("undo", "Undo", doc.undo ? `Undo ${doc.undo} (Ctrl+Z)` : "Nothing to undo", doc.undo === null)}
        {button("redo", "Redo", doc.redo ? `Redo ${doc.redo} (Ctrl+Shift+Z)` : "Nothing to redo", doc.redo === null)}
      </div>
      <div className="group" aria-label="Model">
        {button("add-entity", "+ Entity", "Add an entity to the diagram")}
        {button("add-pattern", "+ Pattern", "Add an access pattern", doc.model.entities.length === 0)}
        {button("auto-layout", "Auto Layout", "Lay the diagram out automatically (Ctrl+L)")}
      </div>
      <div className="spacer" />
      <div className="group">
        {button("theme", props.theme === "light" ? "Dark" : "Light", "Switch between the light and dark themes")}
        {button("shortcuts", "?", "Keyboard shortcuts (F1)")}
      </div>
    </header>
  );
}
