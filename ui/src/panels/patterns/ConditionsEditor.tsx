// The conditions a write checks (of a single write, or of a transaction step):
// it fails, and nothing changes, when they do not hold. They join by all (every
// one must hold) or any ("the item does not exist, or its version is the one
// read": create, or replace if unchanged), each perhaps negated. Without an
// attribute a condition tests the item itself, which only exists and not_exists can.
import type { Condition, ConditionOp, WriteCondition } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { CheckField, SelectField } from "../fields";
import { usableAttributes } from "./attributes";
import { type Flat, type Join, type Shown, flattenList, unflattenList } from "./clauseShape";
import { conditionsText, isCondition } from "./conditionShape";
import { OperandFields, fixedChoices, withOperand } from "./OperandFields";
import { CONDITION_OPS, ITEM_TESTS, NONE, nameOptions, needsInput } from "./options";

const JOINS = [
  { value: "all", label: "every condition holds (AND)" },
  { value: "any", label: "any condition holds (OR)" },
] as const;

export function ConditionsEditor(props: {
  target: string;
  conditions: WriteCondition[];
  /** What "Add condition" adds. */
  fresh: Condition;
  onChange: (conditions: WriteCondition[]) => void;
}) {
  const { doc } = useStudio();
  const { conditions, onChange } = props;
  const usable = usableAttributes(doc.model, props.target);
  const names = usable.map((u) => u.name);
  const choicesOf = (name: string | undefined) => fixedChoices(usable.find((u) => u.name === name)?.attribute);
  const flat = flattenList(conditions, isCondition);
  if (flat === undefined) {
    return (
      <fieldset className="conditions">
        <legend>Conditions</legend>
        <p>
          <code>{conditionsText(conditions)}</code>
        </p>
        <p className="empty">These conditions nest their tests deeper than the editor shows: change them in the model file.</p>
        <button type="button" className="danger" onClick={() => { onChange([]); }}>
          Remove the conditions
        </button>
      </fieldset>
    );
  }
  const changed = (next: Flat<Condition>) => { onChange(unflattenList(next)); };
  const set = (at: number, t: Shown<Condition>) => {
    changed({ ...flat, tests: flat.tests.map((old, i) => (i === at ? t : old)) });
  };
  // The item's other attributes of the tested one's type: DynamoDB compares values of one type.
  const othersOf = (name: string | undefined) => {
    const type = usable.find((u) => u.name === name)?.attribute.type;
    const comparable = (u: (typeof usable)[number]) => u.carried && u.name !== name && u.attribute.type === type;
    return type === undefined ? [] : usable.filter(comparable).map((u) => u.name);
  };
  // A comparison with another attribute is kept only where the new attribute may be compared with it.
  const withAttribute = (c: Condition, attribute: string): Condition => {
    if (attribute === NONE) return { op: needsInput(c.op) ? "exists" : c.op };
    const { other_attribute, ...rest } = c;
    if (other_attribute === undefined || othersOf(attribute).includes(other_attribute)) return { ...c, attribute };
    return { ...rest, attribute, input: attribute };
  };
  // A comparison starts out compared with the input of the attribute's name;
  // another comparison keeps what it compared with (a value written here may be
  // empty, which the file leaves out: no input then means a written value).
  const withOp = (c: Condition, op: ConditionOp): Condition => {
    const { input, value, other_attribute, ...rest } = c;
    if (!needsInput(op)) return { ...rest, op };
    if (!needsInput(c.op)) return { ...rest, op, input: c.attribute };
    if (other_attribute !== undefined) return { ...rest, op, other_attribute };
    return input !== undefined ? { ...rest, op, input } : { ...rest, op, value: value ?? "" };
  };
  return (
    <fieldset className="conditions">
      <legend>Conditions</legend>
      {flat.tests.length === 0 && <p className="empty">None: the write always goes through.</p>}
      {flat.tests.length > 1 && (
        <SelectField<Join>
          label="The write goes through when"
          value={flat.join}
          options={JOINS}
          onCommit={(join) => { changed({ ...flat, join }); }}
        />
      )}
      {flat.tests.map(({ negated, test: c }, i) => (
        <fieldset key={i} className="item">
          <legend>Condition {i + 1}</legend>
          <div className="row">
            <SelectField
              label="Attribute"
              value={c.attribute ?? NONE}
              options={nameOptions(names, c.attribute, "(the item itself)")}
              onCommit={(a) => { set(i, { negated, test: withAttribute(c, a) }); }}
            />
            <SelectField<ConditionOp>
              label="Test"
              value={c.op}
              options={c.attribute === undefined ? ITEM_TESTS : CONDITION_OPS}
              onCommit={(op) => { set(i, { negated, test: withOp(c, op) }); }}
            />
          </div>
          {needsInput(c.op) && (
            <OperandFields
              operand={c}
              parameter={c.attribute ?? "value"}
              enumerated={c.op === "=" || c.op === "<>" ? choicesOf(c.attribute).enumerated : undefined}
              fixable={choicesOf(c.attribute).fixable}
              others={othersOf(c.attribute)}
              sourceLabel="Compared with"
              valueLabel="Value"
              parameterHint="the request parameter compared with"
              onChange={(operand) => { set(i, { negated, test: withOperand(c, operand) }); }}
            />
          )}
          <CheckField
            label="Not: holds when this test fails"
            value={negated}
            onCommit={(on) => { set(i, { negated: on, test: c }); }}
          />
          <div className="buttons">
            <button
              type="button"
              className="danger"
              onClick={() => { changed({ ...flat, tests: flat.tests.filter((_, j) => j !== i) }); }}
            >
              Remove condition {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" onClick={() => { changed({ ...flat, tests: [...flat.tests, { negated: false, test: props.fresh }] }); }}>
        Add condition
      </button>
    </fieldset>
  );
}
