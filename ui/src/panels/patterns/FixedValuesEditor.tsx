// What a put writes whatever the caller's item says: a new loan is ACTIVE, a new
// reservation HELD. Each is a value written here; the item put gives the rest.
// Only the target's own attributes are offered, less those that make the item's
// key (every item would land on one key): a parent's identifier says where the
// item belongs, which only the caller knows.
import type { Update } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { SelectField, TextField } from "../fields";
import { usableAttributes } from "./attributes";
import { fixedChoices } from "./OperandFields";
import { nameOptions } from "./options";

export function FixedValuesEditor(props: { target: string; updates: Update[]; onChange: (updates: Update[]) => void }) {
  const { doc } = useStudio();
  const { updates, onChange } = props;
  const usable = usableAttributes(doc.model, props.target).filter((u) => u.own && !u.identifiesItem && fixedChoices(u.attribute).fixable);
  const names = usable.map((u) => u.name);
  const choicesOf = (name: string) => fixedChoices(usable.find((u) => u.name === name)?.attribute).enumerated;
  const set = (at: number, u: Update) => {
    onChange(updates.map((old, i) => (i === at ? u : old)));
  };
  const first = names[0];
  return (
    <fieldset className="updates">
      <legend>Values every new item holds</legend>
      {updates.length === 0 && <p className="empty">None: the item put gives every value.</p>}
      {updates.map((u, i) => {
        const enumerated = choicesOf(u.attribute);
        const value = u.value ?? "";
        return (
          <fieldset key={i} className="item">
            <legend>Value {i + 1}</legend>
            <div className="row">
              <SelectField
                label="Attribute"
                value={u.attribute}
                options={nameOptions(names, u.attribute)}
                onCommit={(attribute) => { set(i, { attribute, action: "set", value: choicesOf(attribute)?.[0] ?? "" }); }}
              />
              {enumerated ? (
                <SelectField label="Value" value={value} options={nameOptions(enumerated, value)} onCommit={(v) => { set(i, { ...u, value: v }); }} />
              ) : (
                <TextField label="Value" value={value} onCommit={(v) => { set(i, { ...u, value: v }); }} />
              )}
            </div>
            <div className="buttons">
              <button type="button" className="danger" onClick={() => { onChange(updates.filter((_, j) => j !== i)); }}>
                Remove value {i + 1}
              </button>
            </div>
          </fieldset>
        );
      })}
      <button
        type="button"
        disabled={first === undefined}
        onClick={() => { if (first !== undefined) onChange([...updates, { attribute: first, action: "set", value: choicesOf(first)?.[0] ?? "" }]); }}
      >
        Add a fixed value
      </button>
    </fieldset>
  );
}
