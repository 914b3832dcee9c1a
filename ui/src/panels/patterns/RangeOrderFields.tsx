// What a read narrows and sorts by: one range condition, the order, a limit.
// A Query sorts by its sort key only, so with a range the order can only be the
// range's attribute, and it follows the range when that changes.
import type { AccessPattern, RangeOp } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { NumberField, SelectField } from "../fields";
import { isKeyCapable, usableAttributes } from "./attributes";
import { DIRECTIONS, NONE, RANGE_OPS, nameOptions } from "./options";
import { count } from "./pattern";

export function RangeOrderFields(props: { pattern: AccessPattern; onChange: (p: AccessPattern) => void }) {
  const { doc } = useStudio();
  const p = props.pattern;
  const { range, order } = p;
  const sortable = usableAttributes(doc.model, p.entity).filter((u) => isKeyCapable(u.attribute));
  const isNumber = (name: string) => sortable.some((u) => u.name === name && u.attribute.type === "number");
  // begins_with needs a string: a number has no prefix.
  const opsFor = (name: string) => (isNumber(name) ? RANGE_OPS.filter((o) => o.value !== "begins_with") : RANGE_OPS);

  const setRange = (attribute: string) => {
    if (attribute === NONE) {
      props.onChange({ ...p, range: undefined });
      return;
    }
    const kept = range && opsFor(attribute).some((o) => o.value === range.op) ? range.op : "between";
    props.onChange({ ...p, range: { attribute, op: kept }, order: order && { ...order, attribute } });
  };
  const setOrder = (attribute: string) => {
    props.onChange({ ...p, order: attribute === NONE ? undefined : { attribute, direction: order?.direction ?? "ascending" } });
  };
  const orderable = range ? [range.attribute] : sortable.map((u) => u.name);
  return (
    <fieldset>
      <legend>Range and order</legend>
      <div className="row">
        <SelectField
          label="Range on"
          value={range?.attribute ?? NONE}
          options={nameOptions(sortable.map((u) => u.name), range?.attribute, "— none —")}
          onCommit={setRange}
        />
        {range && (
          <SelectField<RangeOp>
            label="Range test"
            value={range.op}
            options={opsFor(range.attribute)}
            onCommit={(op) => { props.onChange({ ...p, range: { ...range, op } }); }}
          />
        )}
      </div>
      <div className="row">
        <SelectField label="Order by" value={order?.attribute ?? NONE} options={nameOptions(orderable, order?.attribute, "— none —")} onCommit={setOrder} />
        {order && (
          <SelectField
            label="Direction"
            value={order.direction}
            options={DIRECTIONS}
            onCommit={(direction) => { props.onChange({ ...p, order: { ...order, direction } }); }}
          />
        )}
      </div>
      <NumberField label="Limit (items)" value={p.limit} min={1} onCommit={(v) => { props.onChange({ ...p, limit: count(v) }); }} />
    </fieldset>
  );
}
