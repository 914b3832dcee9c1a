// A read's filter as the editor shows it: tests, each perhaps negated, joined by
// all (AND) or any (OR). The model file nests all / any / not to any depth; a
// filter deeper than one join of tests is shown as text, to be edited in the file.
import type { Filter, FilterTest } from "../../generated/types";

export interface ShownTest {
  negated: boolean;
  test: FilterTest;
}

export interface FlatFilter {
  join: "all" | "any";
  tests: ShownTest[];
}

export function isTest(f: Filter): f is FilterTest {
  return "attribute" in f;
}

/** Every test of the filter, at any depth. */
export function filterTests(f: Filter): FilterTest[] {
  if (isTest(f)) return [f];
  if ("all" in f) return f.all.flatMap(filterTests);
  if ("any" in f) return f.any.flatMap(filterTests);
  return filterTests(f.not);
}

function shown(f: Filter): ShownTest | undefined {
  if (isTest(f)) return { negated: false, test: f };
  if ("not" in f && isTest(f.not)) return { negated: true, test: f.not };
  return undefined;
}

/** The filter as the editor shows it; none when it nests deeper. */
export function flatten(f: Filter): FlatFilter | undefined {
  const one = shown(f);
  if (one) return { join: "all", tests: [one] };
  if (!("all" in f) && !("any" in f)) return undefined;
  const [join, parts]: ["all" | "any", Filter[]] = "all" in f ? ["all", f.all] : ["any", f.any];
  const tests = parts.map(shown);
  if (parts.length === 0 || tests.some((t) => t === undefined)) return undefined;
  return { join, tests: tests as ShownTest[] };
}

/** The filter the editor's tests stand for; none without a test. */
export function unflatten(flat: FlatFilter): Filter | undefined {
  const parts: Filter[] = flat.tests.map((t) => (t.negated ? { not: t.test } : t.test));
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return flat.join === "all" ? { all: parts } : { any: parts };
}

/** The filter in the file's words, as the plans write FilterExpressions. */
export function filterText(f: Filter): string {
  if (isTest(f)) {
    const compared = f.input !== undefined ? `:${f.input}` : f.value ?? (f.values ?? []).join(", ");
    return `${f.attribute} ${f.op.replaceAll("_", " ")}${compared ? ` ${compared}` : ""}`;
  }
  if ("all" in f) return f.all.map((p) => `(${filterText(p)})`).join(" and ");
  if ("any" in f) return f.any.map((p) => `(${filterText(p)})`).join(" or ");
  return `not (${filterText(f.not)})`;
}

/** The filter with every test replaced by `each(test)`. */
export function mapTests(f: Filter, each: (t: FilterTest) => FilterTest): Filter {
  if (isTest(f)) return each(f);
  if ("all" in f) return { all: f.all.map((p) => mapTests(p, each)) };
  if ("any" in f) return { any: f.any.map((p) => mapTests(p, each)) };
  return { not: mapTests(f.not, each) };
}
