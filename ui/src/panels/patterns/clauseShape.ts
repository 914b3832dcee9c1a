// Tests joined by all (AND), any (OR) and not, as the editor shows them: tests,
// each perhaps negated, joined one way. A read's filter and a write's conditions
// share the shape; the model file nests all / any / not to any depth, and what
// nests deeper than one join of tests is shown as text, to be edited in the file.
import type { Clause } from "../../generated/types";

/** Whether a clause is one test (not a join): the caller knows the test's shape. */
export type IsTest<T extends object> = (c: Clause<T>) => c is T;

export type Join = "all" | "any";

export interface Shown<T> {
  negated: boolean;
  test: T;
}

export interface Flat<T> {
  join: Join;
  tests: Shown<T>[];
}

/** Every test of the clause, at any depth. */
export function clauseTests<T extends object>(c: Clause<T>, isTest: IsTest<T>): T[] {
  if (isTest(c)) return [c];
  if ("all" in c) return c.all.flatMap((p) => clauseTests(p, isTest));
  if ("any" in c) return c.any.flatMap((p) => clauseTests(p, isTest));
  return clauseTests(c.not, isTest);
}

/** The clause with every test replaced by `each(test)`. */
export function mapClause<T extends object>(c: Clause<T>, isTest: IsTest<T>, each: (t: T) => T): Clause<T> {
  if (isTest(c)) return each(c);
  if ("all" in c) return { all: c.all.map((p) => mapClause(p, isTest, each)) };
  if ("any" in c) return { any: c.any.map((p) => mapClause(p, isTest, each)) };
  return { not: mapClause(c.not, isTest, each) };
}

/** The clause in words: `(a) and (b)`, `not (c)`, each test as `test` writes it. */
export function clauseText<T extends object>(c: Clause<T>, isTest: IsTest<T>, test: (t: T) => string): string {
  const part = (p: Clause<T>) => `(${clauseText(p, isTest, test)})`;
  if (isTest(c)) return test(c);
  if ("all" in c) return c.all.map(part).join(" and ");
  if ("any" in c) return c.any.map(part).join(" or ");
  return `not ${part(c.not)}`;
}

function shown<T extends object>(c: Clause<T>, isTest: IsTest<T>): Shown<T> | undefined {
  if (isTest(c)) return { negated: false, test: c };
  if ("not" in c && isTest(c.not)) return { negated: true, test: c.not };
  return undefined;
}

/** The clause as the editor shows it; none when it nests deeper. */
export function flatten<T extends object>(c: Clause<T>, isTest: IsTest<T>): Flat<T> | undefined {
  const one = shown(c, isTest);
  if (one) return { join: "all", tests: [one] };
  if (!("all" in c) && !("any" in c)) return undefined;
  const [join, parts]: [Join, Clause<T>[]] = "all" in c ? ["all", c.all] : ["any", c.any];
  const tests = parts.map((p) => shown(p, isTest));
  if (parts.length === 0 || tests.some((t) => t === undefined)) return undefined;
  return { join, tests: tests as Shown<T>[] };
}

/** The clause the editor's tests stand for; none without a test. */
export function unflatten<T extends object>(flat: Flat<T>): Clause<T> | undefined {
  const parts: Clause<T>[] = flat.tests.map((t) => (t.negated ? { not: t.test } : t.test));
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return flat.join === "all" ? { all: parts } : { any: parts };
}

/**
 * A write's conditions (all of which must hold) as the editor shows them: their
 * tests joined by all, or one `any` of tests; none when they nest deeper.
 */
export function flattenList<T extends object>(list: Clause<T>[], isTest: IsTest<T>): Flat<T> | undefined {
  const [only] = list;
  if (list.length === 1 && only !== undefined) return flatten(only, isTest);
  const tests = list.map((c) => shown(c, isTest));
  if (tests.some((t) => t === undefined)) return undefined;
  return { join: "all", tests: tests as Shown<T>[] };
}

/** The conditions the editor's tests stand for. */
export function unflattenList<T extends object>(flat: Flat<T>): Clause<T>[] {
  if (flat.join === "all" || flat.tests.length < 2) return flat.tests.map((t) => (t.negated ? { not: t.test } : t.test));
  const one = unflatten(flat);
  return one === undefined ? [] : [one];
}
