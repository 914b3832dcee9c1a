// Which of the items a read keeps ("status = declined", "total > the amount the
// request gives", "status is one of open, escalated", "not yet returned":
// returnedOn is absent), as tests joined by all or any, each perhaps negated, and
// what share of the items each passes: a small share of one value (not a
// boolean's) or of presence calls for a sparse index; anything else is a
// FilterExpression.
import type { AccessPattern, AttrType, Filter, FilterOp, FilterTest } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { CheckField, NumberField, SelectField, TextField } from "../fields";
import { usableAttributes } from "./attributes";
import { type Shown, flatten, unflatten } from "./clauseShape";
import { filterText, isTest } from "./filterShape";
import { OperandFields } from "./OperandFields";
import { FILTER_OPERANDS, NONE, filterOpsFor, nameOptions } from "./options";

/** What a test needs to know of the target's attributes. */
interface Attributes {
  names: string[];
  typeOf: (name: string) => AttrType;
  valuesOf: (name: string) => string[] | undefined;
}

const JOINS = [
  { value: "all", label: "every test (AND)" },
  { value: "any", label: "any test (OR)" },
] as const;

export function FilterFields(props: { pattern: AccessPattern; onChange: (filter: Filter | undefined) => void }) {
  const { doc } = useStudio();
  const p = props.pattern;
  const usable = usableAttributes(doc.model, p.entity);
  const attributeOf = (name: string) => usable.find((u) => u.name === name)?.attribute;
  const attributes: Attributes = {
    names: usable.map((u) => u.name),
    typeOf: (name) => attributeOf(name)?.type ?? "string",
    valuesOf: (name) => {
      const format = attributeOf(name)?.format;
      return typeof format === "object" ? format.enum : undefined;
    },
  };
  const f = p.filter;
  if (f === undefined) {
    return (
      <fieldset>
        <legend>Filter</legend>
        <TestFields attributes={attributes} onChange={(t) => { props.onChange(t && unflatten({ join: "all", tests: [t] })); }} />
      </fieldset>
    );
  }
  const flat = flatten(f, isTest);
  if (flat === undefined) {
    return (
      <fieldset>
        <legend>Filter</legend>
        <p>
          <code>{filterText(f)}</code>
        </p>
        <p className="empty">This filter nests its tests deeper than the editor shows: change it in the model file.</p>
        <button type="button" className="danger" onClick={() => { props.onChange(undefined); }}>
          Remove the filter
        </button>
      </fieldset>
    );
  }
  const setTest = (i: number, t: Shown<FilterTest> | undefined) => {
    const tests = t ? flat.tests.map((old, j) => (j === i ? t : old)) : flat.tests.filter((_, j) => j !== i);
    props.onChange(unflatten({ ...flat, tests }));
  };
  const fresh: Shown<FilterTest> = { negated: false, test: { attribute: attributes.names[0] ?? "", op: "present" } };
  const single = flat.tests.length === 1;
  return (
    <fieldset>
      <legend>Filter</legend>
      {!single && (
        <SelectField<"all" | "any">
          label="Keep the items that pass"
          value={flat.join}
          options={JOINS}
          onCommit={(join) => { props.onChange(unflatten({ ...flat, join })); }}
        />
      )}
      {flat.tests.map((t, i) =>
        single ? (
          <TestFields key={i} attributes={attributes} shown={t} onChange={(c) => { setTest(i, c); }} />
        ) : (
          <fieldset key={i} className="item">
            <legend>Test {i + 1}</legend>
            <TestFields attributes={attributes} shown={t} onChange={(c) => { setTest(i, c); }} />
          </fieldset>
        ),
      )}
      <button type="button" onClick={() => { props.onChange(unflatten({ ...flat, tests: [...flat.tests, fresh] })); }}>
        Add a test
      </button>
    </fieldset>
  );
}

/** One test: the attribute, the test, what it compares with, negation and share. */
function TestFields(props: { attributes: Attributes; shown?: Shown<FilterTest>; onChange: (t: Shown<FilterTest> | undefined) => void }) {
  const { attributes } = props;
  const f = props.shown?.test;
  const negated = props.shown?.negated ?? false;
  const change = (test: FilterTest) => { props.onChange({ negated, test }); };
  const setAttribute = (attribute: string) => {
    if (attribute === NONE) {
      props.onChange(undefined);
      return;
    }
    const ops = filterOpsFor(attributes.typeOf(attribute));
    const op = f && ops.some((o) => o.value === f.op) ? f.op : "present";
    change(reshaped({ ...(f ?? { op }), attribute, op }, op, attributes.valuesOf(attribute)));
  };
  const enumerated = f && attributes.valuesOf(f.attribute);
  const operands = f ? FILTER_OPERANDS[f.op] : "none";
  return (
    <>
      <div className="row">
        <SelectField
          label="Filter on"
          value={f?.attribute ?? NONE}
          options={nameOptions(attributes.names, f?.attribute, "— none —")}
          onCommit={setAttribute}
        />
        {f && (
          <SelectField<FilterOp>
            label="Filter test"
            value={f.op}
            options={filterOpsFor(attributes.typeOf(f.attribute))}
            onCommit={(op) => { change(reshaped(f, op, enumerated)); }}
          />
        )}
      </div>
      {f && operands === "one" && (
        <OperandFields
          operand={f}
          parameter={parameterName(f)}
          enumerated={f.op === "equals" || f.op === "not_equals" ? enumerated : undefined}
          fixable
          sourceLabel="Compared with"
          valueLabel="Filter value"
          parameterHint="the name the request gives the value by, such as minTotal"
          onChange={(operand) => { change({ ...bare(f, f.op), ...operand }); }}
        />
      )}
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
                change({ ...f, values });
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
                  change({ ...f, values: enumerated.filter((x) => chosen.includes(x)) });
                }}
              />
            ))}
          </div>
        ) : (
          <TextField
            label="Filter values (comma-separated)"
            value={(f.values ?? []).join(", ")}
            onCommit={(text) => { change({ ...f, values: text.split(",").map((v) => v.trim()).filter((v) => v !== "") }); }}
          />
        ))}
      {f && (
        <div className="row">
          <CheckField
            label="Not: keep the items that fail this test"
            value={negated}
            onCommit={(on) => { props.onChange({ negated: on, test: f }); }}
          />
          <NumberField
            label="Share of items that pass (0–1)"
            value={f.selectivity}
            onCommit={(v) => { change({ ...f, selectivity: v ?? undefined }); }}
          />
        </div>
      )}
    </>
  );
}

/** The test of `op` on `f`'s attribute, with its share of items and nothing to compare with yet. */
function bare(f: FilterTest, op: FilterOp): FilterTest {
  return { attribute: f.attribute, op, ...(f.selectivity !== undefined && { selectivity: f.selectivity }) };
}

/** A first name for the request's value a test compares with: minTotal for "total >". */
export function parameterName(f: FilterTest): string {
  const stem = f.attribute.charAt(0).toUpperCase() + f.attribute.slice(1);
  const word = f.op.startsWith("greater") ? "min" : f.op.startsWith("less") ? "max" : "given";
  return `${word}${stem}`.replace(/[^A-Za-z0-9_]/g, "");
}

/**
 * The test with the operands `op` compares with, keeping what the previous test
 * had where it still fits: one value becomes the first of a list and back; a
 * request's value stays one for another test of one value; an enum's value is
 * always one of its values.
 */
export function reshaped(f: FilterTest, op: FilterOp, enumerated: string[] | undefined): FilterTest {
  const known = f.value ?? f.values?.[0];
  const fits = (v: string | undefined) => (enumerated && (v === undefined || !enumerated.includes(v)) ? enumerated[0] : v);
  const base = bare(f, op);
  switch (FILTER_OPERANDS[op]) {
    case "none":
      return base;
    case "one":
      if (f.input !== undefined) return { ...base, input: f.input };
      return { ...base, value: op === "equals" || op === "not_equals" ? fits(known) ?? "" : known ?? "" };
    case "two":
      return { ...base, values: [known ?? "", f.values?.[1] ?? ""] };
    case "many":
      return { ...base, values: known !== undefined ? [fits(known) ?? known] : enumerated ? enumerated.slice(0, 1) : [] };
  }
}
