// A write's conditions: the shape they share with a read's filter (clauseShape),
// told how to recognise and write one test.
import type { Clause, Condition, WriteCondition } from "../../generated/types";
import { clauseText } from "./clauseShape";

export function isCondition(c: Clause<Condition>): c is Condition {
  return "op" in c;
}

/** The conditions (all of which must hold) in the file's words. */
export function conditionsText(conditions: WriteCondition[]): string {
  const operand = (t: Condition) =>
    t.input !== undefined
      ? ` :${t.input}`
      : t.value !== undefined
        ? ` ${JSON.stringify(t.value)}`
        : t.other_attribute !== undefined
          ? ` ${t.other_attribute}`
          : "";
  const test = (t: Condition) => `${t.attribute ?? "the item"} ${t.op}${operand(t)}`;
  return conditions.map((c) => clauseText(c, isCondition, test)).join(" and ");
}
