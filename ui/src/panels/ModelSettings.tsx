// Shown when nothing is selected: the model's name and the table's settings,
// which the exports and deploy carry.
import type { Imported, StreamViewType, TableSettings } from "../generated/types";
import { useStudio } from "../state/studio";
import { CheckField, NumberField, SelectField, TextField } from "./fields";

type StreamChoice = "none" | StreamViewType;

const STREAMS: readonly { value: StreamChoice; label: string }[] = [
  { value: "none", label: "Off" },
  { value: "KEYS_ONLY", label: "Keys only" },
  { value: "NEW_IMAGE", label: "New image" },
  { value: "OLD_IMAGE", label: "Old image" },
  { value: "NEW_AND_OLD_IMAGES", label: "New and old images" },
];

export function ModelSettings() {
  const { doc, edit } = useStudio();
  const model = doc.model;
  const table = model.table;
  const setTable = (change: Partial<TableSettings>) => void edit({ op: "set_table", table: { ...table, ...change } });
  const billing = table.billing;
  const provisioned = billing.mode === "provisioned" ? billing : { mode: "provisioned" as const, read_capacity: 5, write_capacity: 5 };
  const tags = Object.entries(table.tags ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
  return (
    <div className="editor" data-testid="model-settings">
      <h2>Model</h2>
      <TextField
        label="Name"
        value={model.name}
        testId="model-name"
        onCommit={(name) => void edit({ op: "set_model_info", name, description: model.description ?? "" })}
      />
      <TextField
        label="Description"
        multiline
        value={model.description ?? ""}
        onCommit={(description) => void edit({ op: "set_model_info", name: model.name, description })}
      />
      <h2>Table</h2>
      <TextField label="Table name" value={table.name} testId="table-name" onCommit={(name) => { setTable({ name }); }} />
      <SelectField
        label="Billing"
        value={billing.mode}
        options={[
          { value: "on_demand", label: "On-demand" },
          { value: "provisioned", label: "Provisioned" },
        ]}
        onCommit={(mode) => { setTable({ billing: mode === "on_demand" ? { mode } : provisioned }); }}
      />
      {billing.mode === "provisioned" && (
        <div className="row">
          <NumberField label="Read units" value={billing.read_capacity} onCommit={(v) => { setTable({ billing: { ...billing, read_capacity: v ?? 1 } }); }} />
          <NumberField label="Write units" value={billing.write_capacity} onCommit={(v) => { setTable({ billing: { ...billing, write_capacity: v ?? 1 } }); }} />
        </div>
      )}
      <SelectField
        label="Stream"
        value={table.stream ?? "none"}
        options={STREAMS}
        onCommit={(s) => { setTable({ stream: s === "none" ? undefined : s }); }}
      />
      <TextField
        label="TTL attribute"
        hint="a Number attribute of epoch seconds"
        value={table.ttl_attribute ?? ""}
        onCommit={(v) => { setTable({ ttl_attribute: v.trim() === "" ? undefined : v.trim() }); }}
      />
      <CheckField label="Point-in-time recovery" value={table.point_in_time_recovery ?? false} onCommit={(v) => { setTable({ point_in_time_recovery: v }); }} />
      <CheckField label="Deletion protection" value={table.deletion_protection ?? false} onCommit={(v) => { setTable({ deletion_protection: v }); }} />
      <TextField
        label="Tags"
        hint="one key=value per line"
        multiline
        value={tags}
        onCommit={(text) => { setTable({ tags: parseTags(text) }); }}
      />
      {model.imported && <ImportReport imported={model.imported} />}
    </div>
  );
}

const SOURCES: Record<Imported["from"], string> = {
  nosql_workbench: "a NoSQL Workbench model",
  cloudformation: "a CloudFormation template",
};

/** What the import read: the source's own key and index names, how it read
 * each entity, key and index (the readings to check first), and what it could
 * not carry into the model as the source has it. */
function ImportReport({ imported }: { imported: Imported }) {
  const keys = Object.entries(imported.keys ?? {});
  const notes = imported.notes ?? [];
  // The readings to check first: another reading was as likely.
  const inferences = [...(imported.inferences ?? [])].sort((a, b) => Number(b.ambiguous ?? false) - Number(a.ambiguous ?? false));
  return (
    <section className="import-report" aria-label="Import report" data-testid="import-report">
      <h2>Imported</h2>
      <p className="hint">
        From {SOURCES[imported.from]}: {imported.entities?.length ?? 0} entities read from it, keyed as the source
        keys them.
      </p>
      {keys.length > 0 && (
        <table className="import-keys">
          <thead>
            <tr>
              <th>Index</th>
              <th>In the source</th>
              <th>Keys</th>
            </tr>
          </thead>
          <tbody>
            {keys.map(([index, source]) => (
              <tr key={index}>
                <td>{index}</td>
                <td>{source.name ?? "the table"}</td>
                <td>
                  {[source.partition_key, source.sort_key]
                    .filter((k) => k !== undefined)
                    .map((k) => `${k.name} (${k.type})`)
                    .join(" / ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {inferences.length > 0 && (
        <details className="import-inferences" data-testid="import-inferences" open={inferences.some((i) => i.ambiguous)}>
          <summary>
            How it was read ({inferences.filter((i) => i.ambiguous).length} to check)
          </summary>
          <ul>
            {inferences.map((i, n) => (
              <li key={n} className={i.ambiguous ? "to-check" : undefined}>
                {i.ambiguous && <span className="badge">check</span>} <strong>{i.entity}</strong>: {i.text}
              </li>
            ))}
          </ul>
        </details>
      )}
      {notes.length > 0 && (
        <ul className="import-notes" data-testid="import-notes">
          {notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function parseTags(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const at = line.indexOf("=");
    const key = (at < 0 ? line : line.slice(0, at)).trim();
    if (key !== "") tags[key] = at < 0 ? "" : line.slice(at + 1).trim();
  }
  return tags;
}
