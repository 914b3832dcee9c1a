// The Access Patterns editor reads what a pattern may use from the model itself
// (patterns/attributes.ts), so its pickers answer without a round trip; the
// engine decides what validation accepts. This holds the editor's reading to the
// engine's on every example and corpus model: the same names, each of the same
// type, carried by the target's items or not alike. The fixture is written by
// crates/studio/tests/bindings.rs from ErGraph::resolve_attribute and ::carries.
import { describe, expect, it } from "vitest";

import type { Model } from "../generated/types";
import vocabulary from "../test/fixtures/vocabulary.json";
import { ancestorInputs, usableAttributes, type UsableAttribute } from "./patterns/attributes";

type Names = Record<string, Record<string, { type: string; carried: boolean }>>;

interface Case {
  file: string;
  model: Model;
  targets: Names;
  /** What a read's inputs may name further up (`ErGraph::resolve_input`). */
  ancestors: Names;
}

const cases = vocabulary as unknown as Case[];

describe("what a pattern may use", () => {
  it("covers every example and corpus model", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  const named = (found: UsableAttribute[]) =>
    Object.fromEntries(found.map((u) => [u.name, { type: u.attribute.type, carried: u.carried }]));
  for (const { file, model, targets, ancestors } of cases) {
    it(`is what the engine resolves, on ${file}`, () => {
      for (const [target, engine] of Object.entries(targets)) {
        expect({ target, names: named(usableAttributes(model, target)) }).toEqual({ target, names: engine });
      }
      for (const [target, engine] of Object.entries(ancestors)) {
        expect({ target, further: named(ancestorInputs(model, target)) }).toEqual({ target, further: engine });
      }
    });
  }
});
