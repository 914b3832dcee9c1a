// The conditions a write checks (of a single write, or of a transaction step):
// it fails, and nothing changes, when one does not hold. Without an attribute a
// condition tests the item itself, which only exists and not_exists can.
import type { Condition, ConditionOp } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { SelectField, TextField } from "../fields";
import { usableAttributes } from "./attributes";
import { CONDITION_OPS, ITEM_TESTS, NONE, nameOptions, needsInput } from "./options";

export function ConditionsEditor(props: {
  target: string;
  conditions: Condition[];
  /** What "Add condition" adds. */
  fresh: Condition;
  onChange: (conditions: Condition[]) => void;
}) {
  const { doc } = useStudio();
  const { conditions, onChange } = props;
  const names = usableAttributes(doc.model, props.target).map((u) => u.name);
  const set = (at: number, c: Condition) => {
    onChange(conditions.map((old, i) => (i === at ? c : old)));
  };
  const withAttribute = (c: Condition, attribute: string): Condition =>
    attribute === NONE ? { op: needsInput(c.op) ? "exists" : c.op } : { ...c, attribute };
  // A comparison starts out compared with the input of the attribute's name.
  const withOp = (c: Condition, op: ConditionOp): Condition => ({ ...c, op, input: needsInput(op) ? (c.input ?? c.attribute) : undefined });
  return (
    <fieldset className="conditions">
      <legend>Conditions</legend>
      {conditions.length === 0 && <p className="empty">None: the write always goes through.</p>}
      {conditions.map((c, i) => (
        <fieldset key={i} className="item">
          <legend>Condition {i + 1}</legend>
          <div className="row">
            <SelectField
              label="Attribute"
              value={c.attribute ?? NONE}
              options={nameOptions(names, c.attribute, "(the item itself)")}
              onCommit={(a) => { set(i, withAttribute(c, a)); }}
            />
            <SelectField<ConditionOp>
              label="Test"
              value={c.op}
              options={c.attribute === undefined ? ITEM_TESTS : CONDITION_OPS}
              onCommit={(op) => { set(i, withOp(c, op)); }}
            />
          </div>
          {needsInput(c.op) && (
            <TextField
              label="Input"
              hint="the request parameter compared with"
              value={c.input ?? ""}
              onCommit={(input) => { set(i, { ...c, input: input.trim() }); }}
            />
          )}
          <div className="buttons">
            <button type="button" className="danger" onClick={() => { onChange(conditions.filter((_, j) => j !== i)); }}>
              Remove condition {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" onClick={() => { onChange([...conditions, props.fresh]); }}>
        Add condition
      </button>
    </fieldset>
  );
}
