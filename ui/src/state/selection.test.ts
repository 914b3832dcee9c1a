import { describe, expect, it } from "vitest";

import { acmeState } from "../test/studio";
import { selectionOfPath, selectionOfProblem } from "./selection";

const model = acmeState.model;

describe("where a problem points", () => {
  it("finds the entity, relationship or pattern a JSON path is inside of", () => {
    expect(selectionOfPath("$.entities[1].attributes[0].type", model)).toEqual({ kind: "entities", names: ["Account"] });
    expect(selectionOfPath("$.relationships[2].to", model)).toEqual({ kind: "relationship", name: "CustomerOffer" });
    expect(selectionOfPath("$.access_patterns[0].inputs[0]", model)).toEqual({ kind: "pattern", id: "AP01" });
    expect(selectionOfPath("$.table.name", model)).toEqual({ kind: "table" });
  });

  it("reads canvas positions by entity name, quoted or not", () => {
    expect(selectionOfPath("$.layout.nodes.Offer.x", model)).toEqual({ kind: "entities", names: ["Offer"] });
    expect(selectionOfPath('$.layout.nodes["Offer"]', model)).toEqual({ kind: "entities", names: ["Offer"] });
    expect(selectionOfPath("$.layout.nodes.Nobody", model)).toEqual({ kind: "none" });
  });

  it("points nowhere for an index the model does not have", () => {
    expect(selectionOfPath("$.entities[99].name", model)).toEqual({ kind: "none" });
  });

  it("sends a design problem to its pattern first, then its entity or relationship", () => {
    const problem = { severity: "warning", code: "hot_partition", message: "hot" } as const;
    expect(selectionOfProblem({ ...problem, entity: "Customer", pattern: "AP03" }, model)).toEqual({ kind: "pattern", id: "AP03" });
    expect(selectionOfProblem({ ...problem, entity: "CustomerOffer" }, model)).toEqual({ kind: "relationship", name: "CustomerOffer" });
    expect(selectionOfProblem({ ...problem, entity: "Gone" }, model)).toEqual({ kind: "none" });
  });
});
