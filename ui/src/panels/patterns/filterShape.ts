// A read's filter: the shape every filter shares with a write's conditions
// (clauseShape), told how to recognise and write one test.
import type { Clause, Filter, FilterTest } from "../../generated/types";
import { clauseTests, clauseText, mapClause } from "./clauseShape";

export function isTest(f: Clause<FilterTest>): f is FilterTest {
  return "attribute" in f;
}

/** Every test of the filter, at any depth. */
export function filterTests(f: Filter): FilterTest[] {
  return clauseTests(f, isTest);
}

/** The filter in the file's words, as the plans write FilterExpressions. */
export function filterText(f: Filter): string {
  return clauseText(f, isTest, (t) => {
    const compared = t.input !== undefined ? `:${t.input}` : t.value ?? (t.values ?? []).join(", ");
    return `${t.attribute} ${t.op.replaceAll("_", " ")}${compared ? ` ${compared}` : ""}`;
  });
}

/** The filter with every test replaced by `each(test)`. */
export function mapTests(f: Filter, each: (t: FilterTest) => FilterTest): Filter {
  return mapClause(f, isTest, each);
}
