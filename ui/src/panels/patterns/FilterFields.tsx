// Which of the items a read keeps ("status = declined", "total > 100", "status is
// one of open, escalated", "not yet returned": returnedOn is absent), and what
// share of them pass: a small share of one value or of presence calls for a
// sparse index; any other test is a FilterExpression.
import type { AccessPattern, Filter, FilterOp } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { CheckField, NumberField, SelectField, TextField } from "../fields";
import { usableAttributes } from "./attributes";
import { FILTER_OPERANDS, NONE, filterOpsFor, nameOptions } from "./options";

export function FilterFields(props: { pattern: AccessPattern; onChange: (filter: Filter | undefined) => void }) {
  const { doc } = useStudio();
  const p = props.pattern;
  const f = p.filter;
  const usable = usableAttributes(doc.model, p.entity);
  const attributeOf = (name: string) => usable.find((u) => u.name === name)?.attribute;
  const valuesOf = (name: string): string[] | undefined => {
    const format = attributeOf(name)?.format;
    return typeof format === "object" ? format.enum : undefined;
  };
  const setAttribute = (attribute: string) => {
    if (attribute === NONE) {
      props.onChange(undefined);
      return;
    }
    const type = attributeOf(attribute)?.type ?? "string";
    const ops = filterOpsFor(type);
    const op = f && ops.some((o) => o.value === f.op) ? f.op : "present";
    props.onChange(reshaped({ ...f, attribute, op }, op, valuesOf(attribute)));
  };
  const enumerated = f && valuesOf(f.attribute);
  const operands = f ? FILTER_OPERANDS[f.op] : "none";
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
            options={filterOpsFor(attributeOf(f.attribute)?.type ?? "string")}
            onCommit={(op) => { props.onChange(reshaped(f, op, enumerated)); }}
          />
        )}
      </div>
      {f && operands === "one" &&
        (enumerated && (f.op === "equals" || f.op === "not_equals") ? (
          <SelectField
            label="Filter value"
            value={f.value ?? NONE}
            options={nameOptions(enumerated, f.value, "—")}
            onCommit={(value) => { props.onChange({ ...f, value }); }}
          />
        ) : (
          <TextField label="Filter value" value={f.value ?? ""} onCommit={(value) => { props.onChange({ ...f, value }); }} />
        ))}
      {f && operands === "two" && (
        <div className="row">
          {["From", "To"].map((label, i) => (
            <TextField
              key={label}
              label={label}
              value={f.values?.[i] ?? ""}
              onCommit={(v) => {
                const values = [f.values?.[0] ?? "", f.values?.[1] ?? ""];
                values[i] = v;
                props.onChange({ ...f, values });
              }}
            />
          ))}
        </div>
      )}
      {f && operands === "many" &&
        (enumerated ? (
          <div className="row wrap">
            {enumerated.map((v) => (
              <CheckField
                key={v}
                label={v}
                value={f.values?.includes(v) ?? false}
                onCommit={(on) => {
                  const chosen = on ? [...(f.values ?? []), v] : (f.values ?? []).filter((x) => x !== v);
                  props.onChange({ ...f, values: enumerated.filter((x) => chosen.includes(x)) });
                }}
              />
            ))}
          </div>
        ) : (
          <TextField
            label="Filter values (comma-separated)"
            value={(f.values ?? []).join(", ")}
            onCommit={(text) => { props.onChange({ ...f, values: text.split(",").map((v) => v.trim()).filter((v) => v !== "") }); }}
          />
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

/**
 * The filter with the operands `op` compares with, keeping what the previous test
 * had where it still fits: one value becomes the first of a list and back; an
 * enum's value is always one of its values.
 */
export function reshaped(f: Filter, op: FilterOp, enumerated: string[] | undefined): Filter {
  const known = f.value ?? f.values?.[0];
  const fits = (v: string | undefined) => (enumerated && (v === undefined || !enumerated.includes(v)) ? enumerated[0] : v);
  const base: Filter = { attribute: f.attribute, op, ...(f.selectivity !== undefined && { selectivity: f.selectivity }) };
  switch (FILTER_OPERANDS[op]) {
    case "none":
      return base;
    case "one":
      return { ...base, value: op === "equals" || op === "not_equals" ? fits(known) ?? "" : known ?? "" };
    case "two":
      return { ...base, values: [known ?? "", f.values?.[1] ?? ""] };
    case "many":
      return { ...base, values: known !== undefined ? [fits(known) ?? known] : enumerated ? enumerated.slice(0, 1) : [] };
  }
}
