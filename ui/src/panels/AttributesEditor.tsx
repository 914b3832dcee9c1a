// The attributes of an entity (or of a many-to-many relationship): one row per
// attribute; a renamed attribute is renamed wherever the model uses it.
import { useEffect, useRef, useState } from "react";

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

type FormatName = "none" | "timestamp" | "date" | "uuid" | "ulid" | "email" | "phone" | "money" | "decimal" | "enum";

const FORMATS: readonly { value: FormatName; label: string }[] = [
  { value: "none", label: "—" },
  { value: "timestamp", label: "Timestamp (ISO 8601)" },
  { value: "date", label: "Date (ISO 8601)" },
  { value: "uuid", label: "UUID" },
  { value: "ulid", label: "ULID (time-ordered)" },
  { value: "email", label: "Email" },
  { value: "phone", label: "Phone" },
  { value: "money", label: "Money" },
  { value: "decimal", label: "Decimal (fractions, below zero)" },
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

/**
 * A request to put the cursor in an entity's editor: in one attribute's name,
 * or (without one) in the entity's name. A new object per request.
 */
export interface Opening {
  attribute?: string;
}

/**
 * The attributes' rows. Fast entry: a new attribute opens with its name
 * selected, Enter adds the next, Tab goes on through type, format and flags;
 * `opening` (a double-click on the canvas) opens one row the same way.
 */
export function AttributesEditor(props: { owner: string; attributes: Attribute[]; opening?: Opening | null }) {
  const { edit } = useStudio();
  const rows = useRef<HTMLElement>(null);
  const [opening, setOpening] = useState<Opening | null>(props.opening ?? null);
  const [seen, setSeen] = useState(props.opening);
  if (seen !== props.opening) {
    setSeen(props.opening);
    setOpening(props.opening ?? null);
  }
  // Served once, when its row is there: an added attribute's row comes with
  // the backend's answer, and later changes must not take the cursor back.
  const served = useRef<Opening | null>(null);
  useEffect(() => {
    if (opening?.attribute === undefined || served.current === opening) return;
    if (openRow(rows.current, opening.attribute)) served.current = opening;
  }, [opening, props.attributes]);
  const update = (old: Attribute, to: Attribute) => void edit({ op: "update_attribute", owner: props.owner, attribute: old.name, to });
  // `committed`: a name just committed, whose rename may still be on its way
  // to the backend, so that `attributes` does not have it yet.
  const add = async (committed?: string) => {
    const taken = new Set(props.attributes.map((a) => a.name));
    if (committed !== undefined) taken.add(committed);
    let n = 1;
    while (taken.has(`attribute${n}`)) n++;
    const name = `attribute${n}`;
    if (await edit({ op: "add_attribute", owner: props.owner, attribute: { name, type: "string" } })) setOpening({ attribute: name });
  };
  return (
    <section className="attributes" aria-label={`Attributes of ${props.owner}`} ref={rows}>
      <h3>Attributes</h3>
      {props.attributes.map((a, i) => (
        <details key={i} className="attribute" data-testid={`attribute-${a.name}`} data-attribute={a.name}>
          <summary>
            <span className="attribute-name">
              {a.name}
              {a.required && (
                <abbr className="required" title="Required: every item has it">
                  *
                </abbr>
              )}
            </span>
            {formatName(a.format) !== "none" && <span className="attribute-format">{formatName(a.format)}</span>}
            <span className="attribute-type">{a.type}</span>
            {a.identifier && <span className="badge id">ID</span>}
            {a.unique && <span className="badge unique">UQ</span>}
          </summary>
          <div className="attribute-form">
            <TextField
              label="Name"
              value={a.name}
              testId="attribute-name"
              onCommit={(name) => { update(a, { ...a, name }); }}
              onEnter={(name) => void add(name)}
            />
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
      <button type="button" data-testid="add-attribute" onClick={() => void add()}>
        Add attribute
      </button>
    </section>
  );
}

/** Opens `attribute`'s row alone and selects its name for typing over; false when it has no row. */
function openRow(rows: HTMLElement | null, attribute: string): boolean {
  const all = Array.from(rows?.querySelectorAll<HTMLDetailsElement>("details.attribute") ?? []);
  const row = all.find((r) => r.dataset.attribute === attribute);
  if (!row) return false;
  for (const other of all) other.open = other === row;
  const name = row.querySelector<HTMLInputElement>("[data-testid=attribute-name]");
  name?.focus();
  name?.select();
  row.scrollIntoView({ block: "nearest" });
  return true;
}
