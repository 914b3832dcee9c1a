// Where the value a test compares with, or an update writes, comes from: written
// in the model ("status = pending", "set status to paid"), or given by the request
// under a parameter's name. One editor for a read's filter, a write's condition
// and an update, so the three read and change alike.
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

/** A value written in the model, or the request parameter that gives it. */
export interface Operand {
  input?: string;
  value?: string;
}

/** `x` comparing with (or writing) `operand`: the request's input or a value written here, never both. */
export function withOperand<T extends Operand>(x: T, operand: Operand): T {
  const rest = { ...x };
  delete rest.input;
  delete rest.value;
  return operand.input !== undefined ? { ...rest, input: operand.input } : { ...rest, value: operand.value ?? "" };
}

const SOURCES = [
  { value: "model", label: "a value written here" },
  { value: "request", label: "a value the request gives" },
] as const;

export function OperandFields(props: {
  operand: Operand;
  /** The parameter's name when the value comes to be the request's. */
  parameter: string;
  /** The values the attribute can hold (an enum): a value written here is one of them. */
  enumerated: string[] | undefined;
  /** Whether a value may be written here at all (not for a set, a list or a map). */
  fixable: boolean;
  /** "Compared with", "Set to". */
  sourceLabel: string;
  /** "Filter value", "Value". */
  valueLabel: string;
  parameterHint: string;
  onChange: (operand: Operand) => void;
}) {
  const { operand, enumerated, onChange } = props;
  const fromRequest = operand.input !== undefined || !props.fixable;
  return (
    <>
      {props.fixable && (
        <SelectField<"model" | "request">
          label={props.sourceLabel}
          value={fromRequest ? "request" : "model"}
          options={SOURCES}
          onCommit={(source) => { onChange(source === "request" ? { input: props.parameter } : { value: "" }); }}
        />
      )}
      {fromRequest ? (
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
