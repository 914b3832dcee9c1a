// The attributes of an entity (or of a many-to-many relationship): one row per
// attribute; a renamed attribute is renamed wherever the model uses it.
import type { AttrType, Attribute, Distribution, Format } from "../generated/types";
import { useStudio } from "../state/studio";
import { CheckField, NumberField, SelectField, TextField } from "./fields";
import { NONE, nameOptions } from "./patterns/options";

export const TYPES: readonly { value: AttrType; label: string }[] = [
  { value: "string", label: "String (S)" },
  { value: "number", label: "Number (N)" },
  { value: "boolean", label: "Boolean (BOOL)" },
  { value: "binary", label: "Binary (B)" },
  { value: "string_set", label: "String set (SS)" },
  { value: "number_set", label: "Number set (NS)" },
  { value: "list", label: "List (L)" },
  { value: "map", label: "Map (M)" },
];

type FormatName = "none" | "timestamp" | "date" | "uuid" | "ulid" | "email" | "phone" | "money" | "enum";

const FORMATS: readonly { value: FormatName; label: string }[] = [
  { value: "none", label: "—" },
  { value: "timestamp", label: "Timestamp (ISO 8601)" },
  { value: "date", label: "Date (ISO 8601)" },
  { value: "uuid", label: "UUID" },
  { value: "ulid", label: "ULID (time-ordered)" },
  { value: "email", label: "Email" },
  { value: "phone", label: "Phone" },
  { value: "money", label: "Money" },
  { value: "enum", label: "One of a list" },
];

export function formatName(format: Format | undefined): FormatName {
  if (format === undefined) return "none";
  return typeof format === "string" ? format : "enum";
}

function formatOf(name: FormatName, previous: Format | undefined): Format | undefined {
  if (name === "none") return undefined;
  if (name === "enum") return typeof previous === "object" ? previous : { enum: [] };
  return name;
}

/** The attribute with its distribution changed; none at all once every part is empty. */
export function withDistribution(a: Attribute, change: Partial<Distribution>): Attribute {
  const merged: Distribution = { ...a.distribution, ...change };
  const set = Object.values(merged).some((v: unknown) => v !== undefined && v !== false);
  return { ...a, distribution: set ? merged : undefined };
}

/** Dates and timestamps: sample data keeps each after the one it follows. */
function isDated(a: Attribute): boolean {
  return a.format === "date" || a.format === "timestamp";
}

export function AttributesEditor(props: { owner: string; attributes: Attribute[] }) {
  const { edit } = useStudio();
  const update = (old: Attribute, to: Attribute) => void edit({ op: "update_attribute", owner: props.owner, attribute: old.name, to });
  const add = () => {
    const taken = new Set(props.attributes.map((a) => a.name));
    let n = 1;
    while (taken.has(`attribute${n}`)) n++;
    void edit({ op: "add_attribute", owner: props.owner, attribute: { name: `attribute${n}`, type: "string" } });
  };
  return (
    <section className="attributes" aria-label={`Attributes of ${props.owner}`}>
      <h3>Attributes</h3>
      {props.attributes.map((a, i) => (
        <details key={i} className="attribute" data-testid={`attribute-${a.name}`}>
          <summary>
            <span className="attribute-name">{a.name}</span>
            <span className="attribute-type">{a.type}</span>
            {a.identifier && <span className="badge id">ID</span>}
          </summary>
          <div className="attribute-form">
            <TextField label="Name" value={a.name} testId="attribute-name" onCommit={(name) => { update(a, { ...a, name }); }} />
            <SelectField label="Type" value={a.type} options={TYPES} testId="attribute-type" onCommit={(type) => { update(a, { ...a, type }); }} />
            <SelectField
              label="Format"
              value={formatName(a.format)}
              options={FORMATS}
              onCommit={(f) => { update(a, { ...a, format: formatOf(f, a.format) }); }}
            />
            {typeof a.format === "object" && (
              <TextField
                label="Values"
                hint="separated by commas"
                value={a.format.enum.join(", ")}
                onCommit={(text) => {
                  update(a, { ...a, format: { enum: text.split(",").map((v) => v.trim()).filter((v) => v !== "") } });
                }}
              />
            )}
            {isDated(a) && (
              <SelectField
                label="Comes after"
                testId="attribute-after"
                value={a.after ?? NONE}
                options={nameOptions(props.attributes.filter((o) => o !== a && isDated(o)).map((o) => o.name), a.after, "— no earlier date —")}
                onCommit={(after) => { update(a, { ...a, after: after === NONE ? undefined : after }); }}
              />
            )}
            <CheckField label="Identifier" testId="attribute-identifier" value={a.identifier ?? false} onCommit={(identifier) => { update(a, { ...a, identifier }); }} />
            <CheckField label="Required" value={a.required ?? false} onCommit={(required) => { update(a, { ...a, required }); }} />
            <CheckField label="Unique" value={a.unique ?? false} onCommit={(unique) => { update(a, { ...a, unique }); }} />
            <TextField label="Description" value={a.description ?? ""} onCommit={(description) => { update(a, { ...a, description }); }} />
            <fieldset>
              <legend>Value distribution (for hot partitions)</legend>
              <NumberField
                label="Distinct values"
                value={a.distribution?.distinct_values}
                onCommit={(v) => { update(a, withDistribution(a, { distinct_values: v ?? undefined })); }}
              />
              <NumberField
                label="Share of the most common value (0–1)"
                value={a.distribution?.top_value_share}
                onCommit={(v) => { update(a, withDistribution(a, { top_value_share: v ?? undefined })); }}
              />
              <NumberField
                label="Share of items that have it (0–1)"
                value={a.distribution?.present_share}
                onCommit={(v) => { update(a, withDistribution(a, { present_share: v ?? undefined })); }}
              />
              <CheckField
                label="New items take the current value (today, now)"
                value={a.distribution?.writes_take_current_value ?? false}
                onCommit={(v) => { update(a, withDistribution(a, { writes_take_current_value: v || undefined })); }}
              />
            </fieldset>
            <div className="buttons">
              <button type="button" disabled={i === 0} onClick={() => void edit({ op: "move_attribute", owner: props.owner, attribute: a.name, to_index: i - 1 })}>
                Move up
              </button>
              <button
                type="button"
                disabled={i === props.attributes.length - 1}
                onClick={() => void edit({ op: "move_attribute", owner: props.owner, attribute: a.name, to_index: i + 1 })}
              >
                Move down
              </button>
              <button type="button" className="danger" onClick={() => void edit({ op: "delete_attribute", owner: props.owner, attribute: a.name })}>
                Delete attribute
              </button>
            </div>
          </div>
        </details>
      ))}
      <button type="button" data-testid="add-attribute" onClick={add}>
        Add attribute
      </button>
    </section>
  );
}
