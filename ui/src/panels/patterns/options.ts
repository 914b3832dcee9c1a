// The choices of the pattern editor's selects, labelled as an architect reads them.
import type {
  AttrType,
  ConditionOp,
  FilterOp,
  Order,
  PatternKind,
  RangeOp,
  StepAction,
  UpdateAction,
} from "../../generated/types";

export interface Option<T extends string> {
  value: T;
  label: string;
}

export const KINDS: readonly Option<PatternKind>[] = [
  { value: "read_one", label: "Read one item" },
  { value: "read_many", label: "Read many items" },
  { value: "put", label: "Put" },
  { value: "update", label: "Update" },
  { value: "delete", label: "Delete" },
  { value: "transaction", label: "Transaction" },
  { value: "expire", label: "Expire (TTL)" },
];

export function kindLabel(kind: PatternKind): string {
  return KINDS.find((k) => k.value === kind)?.label ?? kind;
}

export const RANGE_OPS: readonly Option<RangeOp>[] = [
  { value: "between", label: "between" },
  { value: "=", label: "=" },
  { value: "<", label: "<" },
  { value: "<=", label: "<=" },
  { value: ">", label: ">" },
  { value: ">=", label: ">=" },
  { value: "begins_with", label: "begins with" },
];

export const DIRECTIONS: readonly Option<Order>[] = [
  { value: "ascending", label: "Ascending (oldest first)" },
  { value: "descending", label: "Descending (newest first)" },
];

export const FILTER_OPS: readonly Option<FilterOp>[] = [
  { value: "equals", label: "equals" },
  { value: "not_equals", label: "is not" },
  { value: "less_than", label: "<" },
  { value: "less_or_equal", label: "<=" },
  { value: "greater_than", label: ">" },
  { value: "greater_or_equal", label: ">=" },
  { value: "between", label: "between" },
  { value: "begins_with", label: "begins with" },
  { value: "contains", label: "contains" },
  { value: "in", label: "is one of" },
  { value: "present", label: "is present" },
  { value: "absent", label: "is absent" },
];

/** What each test compares with: nothing, `value`, or `values` (two for between). */
export type Operands = "none" | "one" | "two" | "many";

export const FILTER_OPERANDS: Record<FilterOp, Operands> = {
  equals: "one",
  not_equals: "one",
  less_than: "one",
  less_or_equal: "one",
  greater_than: "one",
  greater_or_equal: "one",
  between: "two",
  begins_with: "one",
  contains: "one",
  in: "many",
  present: "none",
  absent: "none",
};

/** The tests an attribute of this type answers, as the engine's check accepts them. */
export function filterOpsFor(type: AttrType): readonly Option<FilterOp>[] {
  const answers: Record<AttrType, readonly FilterOp[] | "all"> = {
    string: "all",
    number: ["equals", "not_equals", "less_than", "less_or_equal", "greater_than", "greater_or_equal", "between", "in"],
    boolean: ["equals", "not_equals", "in"],
    binary: [],
    string_set: ["contains"],
    number_set: ["contains"],
    list: ["contains"],
    map: [],
  };
  const ops = answers[type];
  return FILTER_OPS.filter((o) => ops === "all" || ops.includes(o.value) || FILTER_OPERANDS[o.value] === "none");
}

/** Tests that need no input: only they apply to the item itself. */
export const ITEM_TESTS: readonly Option<ConditionOp>[] = [
  { value: "exists", label: "exists" },
  { value: "not_exists", label: "does not exist" },
];

export const CONDITION_OPS: readonly Option<ConditionOp>[] = [
  ...ITEM_TESTS,
  { value: "=", label: "= input" },
  { value: "<>", label: "<> input" },
  { value: "<", label: "< input" },
  { value: "<=", label: "<= input" },
  { value: ">", label: "> input" },
  { value: ">=", label: ">= input" },
];

export function needsInput(op: ConditionOp): boolean {
  return op !== "exists" && op !== "not_exists";
}

export const UPDATE_ACTIONS: readonly Option<UpdateAction>[] = [
  { value: "set", label: "set to input" },
  { value: "add", label: "add input" },
  { value: "remove", label: "remove" },
];

export const STEP_ACTIONS: readonly Option<StepAction>[] = [
  { value: "put", label: "Put" },
  { value: "update", label: "Update" },
  { value: "delete", label: "Delete" },
  { value: "condition_check", label: "Condition check" },
];

/** The value of a select's "none" choice. */
export const NONE = "";

/**
 * Options for a select of names. The model's `current` value stays selectable,
 * marked, when it is not among the choices (a name the target no longer has, or
 * one the rules do not allow there), so that the select shows what the model
 * says rather than silently another value.
 */
export function nameOptions(names: readonly string[], current: string | undefined, none?: string): Option<string>[] {
  const options = names.map((n) => ({ value: n, label: n }));
  if (current !== undefined && current !== NONE && !names.includes(current)) {
    options.unshift({ value: current, label: `${current} (not available)` });
  }
  return none === undefined ? options : [{ value: NONE, label: none }, ...options];
}
