// Which of the items a read keeps ("status = declined", "a special status is
// present", "not yet returned": returnedOn is absent), and what share of them
// pass: a small share calls for a sparse index.
import type { AccessPattern, Filter, FilterOp } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { NumberField, SelectField, TextField } from "../fields";
import { usableAttributes } from "./attributes";
import { FILTER_OPS, NONE, nameOptions } from "./options";

export function FilterFields(props: { pattern: AccessPattern; onChange: (filter: Filter | undefined) => void }) {
  const { doc } = useStudio();
  const p = props.pattern;
  const f = p.filter;
  const usable = usableAttributes(doc.model, p.entity);
  const valuesOf = (name: string): string[] | undefined => {
    const format = usable.find((u) => u.name === name)?.attribute.format;
    return typeof format === "object" ? format.enum : undefined;
  };
  /** An `equals` filter needs a value, and an enum's must be one of its values. */
  const valueFor = (attribute: string, op: FilterOp, value: string | undefined) => {
    if (op !== "equals") return undefined;
    const values = valuesOf(attribute);
    return values && (value === undefined || !values.includes(value)) ? values[0] : value;
  };
  const setAttribute = (attribute: string) => {
    if (attribute === NONE) {
      props.onChange(undefined);
      return;
    }
    const op = f?.op ?? "present";
    props.onChange({ ...f, attribute, op, value: valueFor(attribute, op, f?.value) });
  };
  const values = f && valuesOf(f.attribute);
  return (
    <fieldset>
      <legend>Filter</legend>
      <div className="row">
        <SelectField
          label="Filter on"
          value={f?.attribute ?? NONE}
          options={nameOptions(usable.map((u) => u.name), f?.attribute, "— none —")}
          onCommit={setAttribute}
        />
        {f && (
          <SelectField<FilterOp>
            label="Filter test"
            value={f.op}
            options={FILTER_OPS}
            onCommit={(op) => { props.onChange({ ...f, op, value: valueFor(f.attribute, op, f.value) }); }}
          />
        )}
      </div>
      {f?.op === "equals" &&
        (values ? (
          <SelectField
            label="Filter value"
            value={f.value ?? NONE}
            options={nameOptions(values, f.value, "—")}
            onCommit={(value) => { props.onChange({ ...f, value }); }}
          />
        ) : (
          <TextField label="Filter value" value={f.value ?? ""} onCommit={(value) => { props.onChange({ ...f, value }); }} />
        ))}
      {f && (
        <NumberField
          label="Share of items that pass (0–1)"
          value={f.selectivity}
          onCommit={(v) => { props.onChange({ ...f, selectivity: v ?? undefined }); }}
        />
      )}
    </fieldset>
  );
}
