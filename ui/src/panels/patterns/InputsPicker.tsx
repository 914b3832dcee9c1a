// The inputs of a pattern: the attributes the application knows and matches by
// equality, picked among those the target can use. Only key types are offered
// (a key cannot match a set, a list or a boolean); an input the target cannot
// use stays listed, checked, so that it can be unchecked.
import type { AccessPattern } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { CheckField } from "../fields";
import { ancestorInputs, isKeyCapable, usableAttributes } from "./attributes";

export function InputsPicker(props: { pattern: AccessPattern; onChange: (inputs: string[]) => void }) {
  const { doc } = useStudio();
  const p = props.pattern;
  const inputs = p.inputs ?? [];
  // A read may start from any related entity's identifier (the customer of an
  // order), or an ancestor's further up; a write is given only what the items it
  // writes hold.
  const reads = p.kind === "read_one" || p.kind === "read_many";
  const usable = [...usableAttributes(doc.model, p.entity), ...(reads ? ancestorInputs(doc.model, p.entity) : [])];
  const offered = usable.filter((u) => isKeyCapable(u.attribute) && (reads || u.carried));
  const others = inputs.filter((i) => !offered.some((u) => u.name === i));
  const toggle = (name: string, on: boolean) => {
    props.onChange(on ? [...inputs, name] : inputs.filter((i) => i !== name));
  };
  return (
    <fieldset className="inputs">
      <legend>Inputs</legend>
      {offered.map((u) => (
        <CheckField
          key={u.name}
          label={u.name}
          hint={u.own ? undefined : `identifier of ${u.owner}`}
          value={inputs.includes(u.name)}
          onCommit={(on) => { toggle(u.name, on); }}
        />
      ))}
      {others.map((name) => (
        <CheckField
          key={name}
          label={name}
          hint={usable.some((u) => u.name === name) ? "its type cannot be matched in a key" : `${p.entity} has no such attribute`}
          value
          onCommit={(on) => { toggle(name, on); }}
        />
      ))}
      {offered.length === 0 && others.length === 0 && <p className="empty">{p.entity} has no attribute to match.</p>}
    </fieldset>
  );
}
