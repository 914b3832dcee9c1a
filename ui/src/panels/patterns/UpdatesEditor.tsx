// What an update changes: set an attribute to an input or a value written here, add one to a number
// or a set (a balance, a counter), or remove it. The attributes that make the
// item's key are not offered: an update cannot change them.
import type { Update, UpdateAction } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { SelectField } from "../fields";
import { usableAttributes } from "./attributes";
import { OperandFields, fixedChoices, withOperand } from "./OperandFields";
import { UPDATE_ACTIONS, nameOptions } from "./options";

export function UpdatesEditor(props: { target: string; updates: Update[]; onChange: (updates: Update[]) => void }) {
  const { doc } = useStudio();
  const { updates, onChange } = props;
  const usable = usableAttributes(doc.model, props.target).filter((u) => !u.identifiesItem);
  const names = usable.map((u) => u.name);
  const choicesOf = (name: string) => fixedChoices(usable.find((u) => u.name === name)?.attribute);
  const set = (at: number, u: Update) => {
    onChange(updates.map((old, i) => (i === at ? u : old)));
  };
  const first = names[0];
  return (
    <fieldset className="updates">
      <legend>Updates</legend>
      {updates.length === 0 && <p className="empty">None yet.</p>}
      {updates.map((u, i) => (
        <fieldset key={i} className="item">
          <legend>Update {i + 1}</legend>
          <div className="row">
            <SelectField label="Attribute" value={u.attribute} options={nameOptions(names, u.attribute)} onCommit={(attribute) => { set(i, { ...u, attribute }); }} />
            <SelectField<UpdateAction>
              label="Action"
              value={u.action}
              options={UPDATE_ACTIONS}
              onCommit={(action) => {
                // Set and add keep what they wrote (no input: a value written
                // here, perhaps empty); from remove, the input of the attribute's name.
                const { input, value, ...rest } = u;
                const kept = u.action === "remove" || input !== undefined ? { input: input ?? u.attribute } : { value: value ?? "" };
                set(i, action === "remove" ? { ...rest, action } : { ...rest, action, ...kept });
              }}
            />
          </div>
          {u.action !== "remove" && (
            <OperandFields
              operand={u}
              parameter={u.attribute}
              enumerated={u.action === "set" ? choicesOf(u.attribute).enumerated : undefined}
              fixable={choicesOf(u.attribute).fixable}
              sourceLabel={u.action === "add" ? "Adds" : "Sets it to"}
              valueLabel="Value"
              parameterHint="the request parameter whose value is set or added"
              onChange={(operand) => { set(i, withOperand(u, operand)); }}
            />
          )}
          <div className="buttons">
            <button type="button" className="danger" onClick={() => { onChange(updates.filter((_, j) => j !== i)); }}>
              Remove update {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        disabled={first === undefined}
        onClick={() => { if (first !== undefined) onChange([...updates, { attribute: first, action: "set", input: first }]); }}
      >
        Add update
      </button>
    </fieldset>
  );
}
