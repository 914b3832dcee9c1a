// Where the value a test compares with, or an update writes, comes from: written
// in the model ("status = pending", "set status to paid"), given by the request
// under a parameter's name, or (a write's condition) another attribute of the
// item ("seatsTaken < capacity"). One editor for a read's filter, a write's
// condition and an update, so the three read and change alike.
import type { Attribute } from "../../generated/types";
import { SelectField, TextField } from "../fields";
import { NONE, nameOptions } from "./options";

/** What may be written here for `attribute`: a string, number or boolean (a
 * set, list or map comes from the request), one of an enum's or a boolean's values. */
export function fixedChoices(attribute: Attribute | undefined): { fixable: boolean; enumerated?: string[] } {
  if (attribute === undefined) return { fixable: false };
  if (attribute.type === "boolean") return { fixable: true, enumerated: ["true", "false"] };
  const format = attribute.format;
  const enumerated = typeof format === "object" ? format.enum : undefined;
  return { fixable: ["string", "number"].includes(attribute.type), ...(enumerated && { enumerated }) };
}

/** A value written in the model, the request parameter that gives it, or another attribute of the item. */
export interface Operand {
  input?: string;
  value?: string;
  other_attribute?: string;
}

/** `x` comparing with (or writing) `operand`: one of the request's input, a value written here or another attribute. */
export function withOperand<T extends Operand>(x: T, operand: Operand): T {
  const rest = { ...x };
  delete rest.input;
  delete rest.value;
  delete rest.other_attribute;
  if (operand.input !== undefined) return { ...rest, input: operand.input };
  if (operand.other_attribute !== undefined) return { ...rest, other_attribute: operand.other_attribute };
  return { ...rest, value: operand.value ?? "" };
}

type Source = "model" | "request" | "attribute";

const SOURCES: { value: Source; label: string }[] = [
  { value: "model", label: "a value written here" },
  { value: "request", label: "a value the request gives" },
];

const OTHER_ATTRIBUTE = { value: "attribute", label: "another attribute of the item" } as const;

function sourceOf(operand: Operand, fixable: boolean): Source {
  if (operand.other_attribute !== undefined) return "attribute";
  return operand.input !== undefined || !fixable ? "request" : "model";
}

export function OperandFields(props: {
  operand: Operand;
  /** The parameter's name when the value comes to be the request's. */
  parameter: string;
  /** The values the attribute can hold (an enum): a value written here is one of them. */
  enumerated: string[] | undefined;
  /** Whether a value may be written here at all (not for a set, a list or a map). */
  fixable: boolean;
  /** The item's other attributes it may be compared with (a write's condition); none elsewhere. */
  others?: string[];
  /** "Compared with", "Set to". */
  sourceLabel: string;
  /** "Filter value", "Value". */
  valueLabel: string;
  parameterHint: string;
  onChange: (operand: Operand) => void;
}) {
  const { operand, enumerated, onChange } = props;
  const others = props.others ?? [];
  const source = sourceOf(operand, props.fixable);
  // "another attribute" stays listed while chosen, so that a comparison left without one can be changed.
  const comparing = others.length > 0 || source === "attribute";
  const sources = [...(props.fixable ? SOURCES : SOURCES.filter((s) => s.value === "request")), ...(comparing ? [OTHER_ATTRIBUTE] : [])];
  const switchTo = (next: Source) => {
    if (next === "request") onChange({ input: props.parameter });
    else if (next === "attribute") onChange({ other_attribute: others[0] ?? "" });
    else onChange({ value: "" });
  };
  return (
    <>
      {sources.length > 1 && (
        <SelectField<Source> label={props.sourceLabel} value={source} options={sources} onCommit={switchTo} />
      )}
      {source === "attribute" ? (
        <SelectField
          label="Attribute compared with"
          value={operand.other_attribute ?? NONE}
          options={nameOptions(others, operand.other_attribute)}
          onCommit={(other) => { onChange({ other_attribute: other }); }}
        />
      ) : source === "request" ? (
        <TextField
          label="Request parameter"
          hint={props.parameterHint}
          value={operand.input ?? ""}
          onCommit={(input) => { onChange({ input: input.trim() }); }}
        />
      ) : enumerated ? (
        <SelectField
          label={props.valueLabel}
          value={operand.value ?? NONE}
          options={nameOptions(enumerated, operand.value, "—")}
          onCommit={(value) => { onChange({ value }); }}
        />
      ) : (
        <TextField label={props.valueLabel} value={operand.value ?? ""} onCommit={(value) => { onChange({ value }); }} />
      )}
    </>
  );
}
